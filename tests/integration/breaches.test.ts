import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import { shanghaiToday } from '../../src/lib/domain/ledger/agreement-state';
import { decisionIdOf, responseIdOf } from '../../src/lib/domain/conduct/breach-fields';
import type { BreachDecision } from '../../src/lib/domain/conduct/breach-decisions';
import type { BreachResponse } from '../../src/lib/domain/conduct/breach-responses';
import { breachId, type Breach } from '../../src/lib/domain/conduct/breaches';
import { plainOf } from '../../src/lib/server/stored-doc';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

/**
 * R20 through the real gateway: community1 reports a breach of member5 (who reports to cm1), the
 * member responds, office1 decides — and the gateway refuses the same writes forged by others: a
 * member deciding, staff of another community reporting, the office of another bureau deciding,
 * a response written by someone other than the member.
 */
describe('breaches through the gateway', () => {
	let world: World;
	let staff: TestDevice;
	let otherStaff: TestDevice;
	let member: TestDevice;
	let otherMember: TestDevice;
	let office: TestDevice;
	let otherOffice: TestDevice;
	const now = () => new Date();
	const today = shanghaiToday(now());
	const year = Number(today.slice(0, 4));
	const id = breachId('m005', '0A1B2C3D4E');

	function breach(fields: Partial<Breach> = {}): Breach {
		return withChannels('evaluations', {
			id,
			kind: 'breach',
			memberId: 'm005',
			memberName: '党员五',
			branchId: 'br1',
			orgId: 'org-zjj',
			communityId: 'cm1',
			year,
			rule: 'seeking-favours',
			occurredOn: today,
			description: '要求社区报销活动餐费。',
			evidence: [],
			by: 'community1',
			createdAt: now().toISOString(),
			channels: [],
			...fields
		});
	}

	function response(fields: Partial<BreachResponse> = {}): BreachResponse {
		return withChannels('evaluations', {
			id: responseIdOf(id),
			kind: 'breach-response',
			breachId: id,
			memberId: 'm005',
			branchId: 'br1',
			orgId: 'org-zjj',
			communityId: 'cm1',
			year,
			statement: '餐费是活动组织方安排的，我没有提出要求。',
			evidence: [],
			by: 'member5',
			respondedAt: now().toISOString(),
			channels: [],
			...fields
		});
	}

	function decision(fields: Partial<BreachDecision> = {}): BreachDecision {
		return withChannels('evaluations', {
			id: decisionIdOf(id),
			kind: 'breach-decision',
			breachId: id,
			memberId: 'm005',
			branchId: 'br1',
			orgId: 'org-zjj',
			communityId: 'cm1',
			year,
			outcome: 'confirmed',
			severity: 'minor',
			grounds: '经核实属实，情节轻微。',
			by: 'office1',
			decidedAt: now().toISOString(),
			channels: [],
			...fields
		});
	}

	async function refusalOf(device: TestDevice, docId: string) {
		const notices = await world.db('notices').allDocs({ include_docs: true });
		const notice = notices.rows.find(
			(row) => row.doc?.['docId'] === docId && row.doc['recipient'] === device.username
		)?.doc;
		return { reason: notice?.['reason'], detail: notice?.['detail'] };
	}

	async function refusalsOf(device: TestDevice, docId: string) {
		const notices = await world.db('notices').allDocs({ include_docs: true });
		return notices.rows
			.filter((row) => row.doc?.['docId'] === docId && row.doc['recipient'] === device.username)
			.map((row) => row.doc?.['reason']);
	}

	/** Pushes a document past the device's own checks, as a forged client would. */
	async function forge(device: TestDevice, doc: Breach | BreachResponse | BreachDecision) {
		await device.insert('evaluations', doc);
		await device.sync();
	}

	const stored = async (docId: string) => plainOf(await world.db('evaluations').get(docId));

	beforeAll(async () => {
		world = await World.start([
			'community1',
			'community2',
			'member5',
			'member7',
			'office1',
			'office2'
		]);
		staff = await world.device('community1');
		otherStaff = await world.device('community2');
		member = await world.device('member5');
		otherMember = await world.device('member7');
		office = await world.device('office1');
		otherOffice = await world.device('office2');
	});
	afterAll(() => world.close());

	it('refuses staff of another community reporting the member', async () => {
		// cm2 does not see cm1's channels; on its own community the member does not report there.
		await expect(
			otherStaff.writeChecked('evaluations', breach({ by: 'community2' }))
		).rejects.toMatchObject({ reason: 'forbidden' });
		const asCm2 = breach({
			id: breachId('m005', '9Z8Y7X6W5V'),
			communityId: 'cm2',
			by: 'community2'
		});
		await forge(otherStaff, asCm2);
		await expect(world.db('evaluations').get(asCm2.id)).rejects.toMatchObject({ status: 404 });
		expect(await refusalOf(otherStaff, asCm2.id)).toMatchObject({
			reason: 'subject-mismatch',
			detail: 'memberId'
		});
	});

	it("takes community1's report, and the member and the office receive it", async () => {
		const report = breach();
		await staff.writeChecked('evaluations', report);
		await staff.sync();
		expect(await stored(id)).toEqual(report);
		await member.sync();
		await expect(member.waitFor('evaluations', { id })).resolves.toHaveLength(1);
		await office.sync();
		await expect(office.waitFor('evaluations', { id })).resolves.toHaveLength(1);
		await otherOffice.sync();
		expect(await otherOffice.ids('evaluations')).not.toContain(id);
	});

	it('refuses a response by someone other than the member', async () => {
		const forged = response({ by: 'member7' });
		await forge(otherMember, forged);
		await expect(world.db('evaluations').get(forged.id)).rejects.toMatchObject({ status: 404 });
		expect(await refusalOf(otherMember, forged.id)).toMatchObject({ reason: 'forbidden' });
	});

	it("takes the member's response, and refuses the member deciding", async () => {
		await member.writeChecked('evaluations', response());
		await member.sync();
		expect(await stored(responseIdOf(id))).toMatchObject({ statement: response().statement });

		const ownVerdict = decision({ outcome: 'dismissed', by: 'member5' });
		delete ownVerdict.severity;
		await expect(member.writeChecked('evaluations', ownVerdict)).rejects.toMatchObject({
			reason: 'forbidden'
		});
		await forge(member, ownVerdict);
		await expect(world.db('evaluations').get(ownVerdict.id)).rejects.toMatchObject({ status: 404 });
		expect(await refusalOf(member, ownVerdict.id)).toMatchObject({ reason: 'forbidden' });
	});

	it('refuses the office of another bureau deciding, even naming its own bureau', async () => {
		await forge(otherOffice, decision({ by: 'office2' }));
		await expect(world.db('evaluations').get(decisionIdOf(id))).rejects.toMatchObject({
			status: 404
		});
		expect(await refusalOf(otherOffice, decisionIdOf(id))).toMatchObject({ reason: 'forbidden' });

		// In its own bureau's channels it may write, but it cannot see the breach it claims to decide.
		const ownBureau = decision({ by: 'office2', orgId: 'org-zcz' });
		await forge(otherOffice, ownBureau);
		await expect(world.db('evaluations').get(ownBureau.id)).rejects.toMatchObject({
			status: 404
		});
		expect(await refusalsOf(otherOffice, ownBureau.id)).toContain('subject-mismatch');
	});

	it("takes the office's decision; then the response and the report stay as they are", async () => {
		// Evaluations sync in rounds, not live: each device pulls when it syncs.
		await office.sync();
		await office.waitFor('evaluations', { id: responseIdOf(id) });
		await office.writeChecked('evaluations', decision());
		await office.sync();
		expect(await stored(decisionIdOf(id))).toEqual(
			decision({ decidedAt: expect.any(String) as string })
		);

		await member.sync();
		await member.waitFor('evaluations', { id: decisionIdOf(id) });
		await expect(
			member.writeChecked('evaluations', response({ statement: '补充说明。' }))
		).rejects.toMatchObject({ reason: 'append-only' });
		await staff.sync();
		await staff.waitFor('evaluations', { id: decisionIdOf(id) });
		await expect(staff.deleteChecked('evaluations', id)).rejects.toMatchObject({
			reason: 'append-only'
		});
	});
});
