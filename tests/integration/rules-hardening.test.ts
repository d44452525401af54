import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import { newKeyPair } from '../../src/lib/domain/codes/ed25519-signing';
import { activityWithKey, attendanceRecord } from '../../src/lib/domain/events/event-drafts';
import { reportToSubmit } from '../../src/lib/domain/reporting/report-drafts';
import {
	activityKeyId,
	reportId,
	type Activity,
	type Attendance,
	type Credential,
	type Member,
	type Report
} from '../../src/lib/domain/registry';
import { aReport } from '../support/factories';
import { HttpClient } from '../support/http-client';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

const MINUTE = 60_000;

type Row = { id?: string; error?: string; reason?: string; ok?: boolean };

/** A new community activity of cm1 run by community1, with its key; nothing stored yet. */
function draftActivity(): { activity: Activity; credential: Credential } {
	const now = new Date();
	return activityWithKey(
		{
			type: 'volunteer',
			title: '社区环境整治',
			communityId: 'cm1',
			place: '社区广场',
			startsAt: new Date(now.getTime() - 30 * MINUTE).toISOString(),
			endsAt: new Date(now.getTime() + 60 * MINUTE).toISOString(),
			expected: 'signup',
			organisers: ['secretary1']
		},
		'community1',
		now
	);
}

/** Someone else's key for the same activity id, naming themself: what a squatter pushes. */
function squattersKey(activityId: string, username: string, communityId: string): Credential {
	const pair = newKeyPair();
	return withChannels('credentials', {
		id: activityKeyId(activityId),
		kind: 'activity-key',
		activityId,
		communityId,
		organisers: [username],
		secretKey: pair.secretKey,
		publicKey: pair.publicKey,
		createdBy: username,
		updatedAt: new Date().toISOString(),
		channels: []
	});
}

describe('activity keys: only the creator stores one, and never loses it', () => {
	let world: World;
	let organiser: TestDevice;
	let coOrganiser: TestDevice;
	/** Staff of another community, and the secretary of br8 (linked to cm1, the activity's). */
	const squatters = new Map<string, HttpClient>();

	beforeAll(async () => {
		world = await World.start(['community1', 'community2', 'secretary1', 'member211']);
		organiser = await world.device('community1');
		coOrganiser = await world.device('secretary1');
		for (const username of ['community2', 'member211']) {
			const client = new HttpClient(world.url);
			await client.signIn(username);
			squatters.set(username, client);
		}
	});
	afterAll(() => world.close());

	/** Pushes a key as a squatter; resolves with the gateway's answer and the refusal's reason. */
	const claim = async (username: string, key: Credential) => {
		const { id, ...fields } = key;
		const answer = await squatters.get(username)?.json<Row[]>('/sync/credentials/_bulk_docs', {
			method: 'POST',
			json: { docs: [{ _id: id, ...fields }] }
		});
		const notices = await world.db('notices').allDocs({ include_docs: true });
		const notice = notices.rows.find(
			(row) => row.doc?.['docId'] === id && row.doc['recipient'] === username
		)?.doc;
		return { error: answer?.body[0]?.error, reason: notice?.['reason'] };
	};
	const refused = { error: 'conflict', reason: 'forbidden' };

	it('refuses squatters before and after the activity syncs; the creator’s key lands', async () => {
		const { activity, credential } = draftActivity();
		// Staff of another community claim the id before anything of the activity reached the server.
		expect(await claim('community2', squattersKey(activity.id, 'community2', 'cm2'))).toEqual(
			refused
		);
		// The activity is on the server, its key not yet: a secretary of a branch linked to cm1 tries.
		await organiser.writeChecked('activities', activity);
		await organiser.sync();
		const byBranch = { ...squattersKey(activity.id, 'member211', 'cm1'), hostBranchId: 'br8' };
		expect(await claim('member211', withChannels('credentials', byBranch))).toEqual(refused);
		await expect(world.db('credentials').get(credential.id)).rejects.toThrow();
		await organiser.writeChecked('credentials', credential);
		await organiser.sync();
		expect(await world.db('credentials').get(credential.id)).toMatchObject({
			createdBy: 'community1',
			secretKey: credential.secretKey
		});
		await coOrganiser.sync();
		expect(await coOrganiser.activityKey(activity.id, activity.publicKey)).toEqual({
			secretKey: credential.secretKey,
			source: 'shared'
		});
	});

	it('pushes a new activity before its key, so the honest key is accepted in the same sync', async () => {
		// The activity's push is held on the wire: its key must wait for it, not race it.
		const tablet = await world.device('community1', {
			holdRequests: [{ urlIncludes: ['/sync/activities/_bulk_docs'] }]
		});
		const { activity, credential } = draftActivity();
		await tablet.createActivity(activity, credential);
		const synced = tablet.sync();
		await tablet.waitForHeld();
		await expect(world.db('credentials').get(credential.id)).rejects.toThrow();
		expect(await tablet.release(), 'the activity was held until now').toBe(1);
		await synced;
		expect(await world.db('credentials').get(credential.id)).toMatchObject({
			createdBy: 'community1',
			secretKey: credential.secretKey
		});
		expect(await tablet.activityKey(activity.id, activity.publicKey)).toEqual({
			secretKey: credential.secretKey,
			source: 'shared'
		});
	});

	it('keeps the secret on the organiser’s device when the server refuses its key', async () => {
		const { activity, credential } = draftActivity();
		// A key claimed under the old rules, already stored: the organiser's push is refused.
		const { id, ...claimed } = squattersKey(activity.id, 'community2', 'cm1');
		await world.db('credentials').put({ _id: id, ...claimed });
		await organiser.createActivity(activity, credential);
		await organiser.sync();
		expect(await world.db('activities').get(activity.id)).toMatchObject({
			publicKey: activity.publicKey
		});
		// The device reverted the refused document, as principle 6 asks …
		await organiser.sync();
		expect(await organiser.findOne('credentials', credential.id)).toBeNull();
		// … and still signs codes with the secret its activity's public key verifies.
		expect(await organiser.activityKey(activity.id, activity.publicKey)).toEqual({
			secretKey: credential.secretKey,
			source: 'this-device'
		});
	});
});

describe('manual check-ins name a member of the registry', () => {
	let world: World;
	let organiser: TestDevice;
	let http: HttpClient;
	let activity: Activity;
	let members: Member[];

	beforeAll(async () => {
		world = await World.start(['community1']);
		organiser = await world.device('community1');
		http = new HttpClient(world.url);
		await http.signIn('community1');
		const drafted = draftActivity();
		activity = drafted.activity;
		await organiser.createActivity(activity, drafted.credential);
		await organiser.sync();
		const all = await world.db('members').allDocs({ include_docs: true });
		members = all.rows.flatMap((row) => {
			const { _id, ...fields } = row.doc as Record<string, unknown> & { _id: string };
			// The store holds design documents beside the profiles.
			return _id.startsWith('_') ? [] : [{ ...fields, id: _id } as unknown as Member];
		});
	});
	afterAll(() => world.close());

	/** An organiser's check-in by hand of `member`, as the registry names them unless overridden. */
	function manual(member: Member, overrides: Partial<Attendance> = {}): Attendance {
		const record = attendanceRecord({
			activity,
			attendee: {
				memberId: member.id,
				name: member.name,
				branchId: member.branchId,
				orgId: member.orgId
			},
			kind: 'in',
			recordedBy: 'community1',
			at: new Date(),
			method: 'manual',
			reason: '手机没电'
		});
		return withChannels('attendance', { ...record, ...overrides });
	}

	async function push(record: Attendance) {
		const { id, ...fields } = withChannels('attendance', record);
		const answer = await http.json<Row[]>('/sync/attendance/_bulk_docs', {
			method: 'POST',
			json: { docs: [{ _id: id, ...fields }] }
		});
		const notices = await world.db('notices').allDocs({ include_docs: true });
		const notice = notices.rows.find(
			(row) => row.doc?.['docId'] === id && row.doc['recipient'] === 'community1'
		)?.doc;
		return {
			ok: answer.body[0]?.ok === true,
			reason: notice?.['reason'],
			detail: notice?.['detail']
		};
	}

	const member = (id: string) => members.find((m) => m.id === id) ?? never();
	const mismatch = { ok: false, reason: 'subject-mismatch', detail: 'member' };

	it('refuses an invented name, a wrong branch or bureau, and an id nobody has', async () => {
		const m001 = member('m001');
		const other = members.find((m) => m.branchId !== m001.branchId) ?? never();
		expect(await push(manual(m001, { memberName: '王五' }))).toEqual(mismatch);
		expect(await push(manual(member('m002'), { branchId: other.branchId }))).toEqual(mismatch);
		expect(await push(manual(member('m003'), { orgId: 'org-nowhere' }))).toEqual(mismatch);
		const invented = { ...m001, id: 'm999', name: '赵六' };
		expect(await push(manual(invented))).toEqual(mismatch);
		expect(await push(manual(member('m004')))).toEqual({
			ok: true,
			reason: undefined,
			detail: undefined
		});
	});

	it('records an honest walk-in the kiosk cannot verify, and reverts an invented one', async () => {
		const held = new Set(await organiser.ids('members'));
		const walkIns = members.filter((m) => !held.has(m.id));
		const [honest, other] = [walkIns[0] ?? never(), walkIns[1] ?? never()];
		await organiser.writeChecked('attendance', manual(honest));
		const forged = manual(other, { memberName: '钱七' });
		await organiser.writeChecked('attendance', forged);
		await organiser.sync();
		expect(await world.db('attendance').get(manual(honest).id)).toMatchObject({
			memberName: honest.name
		});
		await expect(world.db('attendance').get(forged.id)).rejects.toThrow();
		await organiser.sync();
		expect(await organiser.findOne('attendance', forged.id)).toBeNull();
	});
});

function never(): never {
	throw new Error('missing');
}

describe('residence reports: one current community, which exists', () => {
	let world: World;
	let http: HttpClient;

	beforeAll(async () => {
		world = await World.start(['member1', 'member2']);
		http = new HttpClient(world.url);
		await http.signIn('member1');
	});
	afterAll(() => world.close());

	async function push(report: Report) {
		const { id, ...fields } = report;
		const answer = await http.json<Row[]>('/sync/reports/_bulk_docs', {
			method: 'POST',
			json: { docs: [{ _id: id, ...fields }] }
		});
		const notices = await world.db('notices').allDocs({ include_docs: true });
		const notice = notices.rows.find(
			(row) => row.doc?.['docId'] === id && row.doc['recipient'] === 'member1'
		)?.doc;
		return {
			ok: answer.body[0]?.ok === true,
			reason: notice?.['reason'],
			detail: notice?.['detail']
		};
	}

	it('refuses a report to a community that does not exist, or where the member does not live', async () => {
		const profile = await world.db('members').get('m001');
		const home = String(profile['residenceCommunityId']);
		const elsewhere = home === 'cm3' ? 'cm4' : 'cm3';
		expect(await push(aReport('m001', 'cm404'))).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'communityId'
		});
		expect(await push(aReport('m001', elsewhere))).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'residence'
		});
		await expect(
			world.db('reports').get(reportId('m001', 'residence', elsewhere))
		).rejects.toThrow();
	});

	it('takes the report of a member who moves house, pushed after the profile that says so', async () => {
		// The profile's push is held on the wire: the live report must wait for it, not race it.
		const phone = await world.device('member2', {
			holdRequests: [{ urlIncludes: ['/sync/members/_bulk_docs'] }]
		});
		await phone.sync();
		await phone.moveResidence('m002', 'cm7', new Date());
		const member = (await phone.findOne('members', 'm002')) ?? never();
		const report = reportToSubmit({
			member,
			kind: 'residence',
			communityId: 'cm7',
			existing: null,
			note: '',
			now: new Date()
		});
		await phone.writeChecked('reports', report);
		const synced = phone.sync();
		await phone.waitForHeld();
		await expect(world.db('reports').get(report.id)).rejects.toThrow();
		expect(await phone.release(), 'the profile was held until now').toBe(1);
		await synced;
		await expect(world.db('reports').get(report.id)).resolves.toMatchObject({ submission: 1 });
		expect(await phone.findOne('reports', report.id)).toMatchObject({ communityId: 'cm7' });
	});
});
