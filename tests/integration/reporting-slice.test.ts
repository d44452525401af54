import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../src/lib/db/local-write';
import type { Member, Report } from '../../src/lib/domain/registry';
import { ReportIndex } from '../../src/lib/domain/reporting/member-reporting';
import { isReport } from '../../src/lib/domain/reporting/reports';
import { isReview } from '../../src/lib/domain/reporting/reviews';
import {
	reminderFor,
	reportToSubmit,
	reviewOf
} from '../../src/lib/domain/reporting/report-drafts';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

/**
 * The reporting slice through real devices and the gateway, with the write functions the screens
 * use: a member reports offline, community staff decide, the secretary reminds.
 */
describe('reporting to communities', () => {
	let world: World;

	beforeAll(async () => {
		world = await World.start(['member1', 'member2', 'community1', 'secretary1', 'member21']);
	});
	afterAll(() => world.close());

	async function residenceState(device: TestDevice, memberId: string) {
		const member = await plain<Member>(device, 'members', memberId);
		const reports = (await device.find('reports', { memberId })).filter(isReport);
		const reviews = (await device.find('reviews', { memberId })).filter(isReview);
		return new ReportIndex(reports, reviews).reportingOf(member, undefined).residence;
	}

	it('carries a report made offline to the community, and its decision back', async () => {
		const phone = await world.device('member1');
		const staff = await world.device('community1');
		await Promise.all([phone.sync(), staff.sync()]);
		const member = await plain<Member>(phone, 'members', 'm001');

		await phone.setOffline(true);
		const report = reportToSubmit({
			member,
			kind: 'residence',
			communityId: 'cm1',
			existing: null,
			note: '周末可参加活动',
			now: new Date()
		});
		await phone.writeChecked('reports', report);
		expect((await residenceState(phone, 'm001')).state).toBe('waiting');
		await phone.setOffline(false);
		await phone.sync();

		await staff.sync();
		const arrived = await plain<Report>(staff, 'reports', report.id);
		expect(arrived).toMatchObject({ memberName: member.name, note: '周末可参加活动' });
		await staff.setOffline(true);
		await staff.writeChecked(
			'reviews',
			reviewOf(arrived, 'community1', { decision: 'returned', reason: '请写明楼栋号' }, new Date()),
			arrived
		);
		await staff.setOffline(false);
		await staff.sync();

		await phone.sync();
		expect(await residenceState(phone, 'm001')).toMatchObject({
			state: 'returned',
			review: { reason: '请写明楼栋号' }
		});

		const again = reportToSubmit({
			member,
			kind: 'residence',
			communityId: 'cm1',
			existing: await plain<Report>(phone, 'reports', report.id),
			note: '3号楼2单元',
			now: new Date()
		});
		await phone.writeChecked('reports', again);
		await phone.sync();
		await staff.sync();
		const resubmitted = await plain<Report>(staff, 'reports', report.id);
		expect(resubmitted.submission).toBe(2);
		await staff.writeChecked(
			'reviews',
			reviewOf(resubmitted, 'community1', { decision: 'confirmed' }, new Date()),
			resubmitted
		);
		await staff.sync();
		await staff.close();

		const secretary = await world.device('secretary1');
		await Promise.all([phone.sync(), secretary.sync()]);
		expect((await residenceState(phone, 'm001')).state).toBe('confirmed');
		expect((await residenceState(secretary, 'm001')).state).toBe('confirmed');
		await Promise.all([phone.close(), secretary.close()]);
	});

	it('moves a member to another community with their contact, and the report follows', async () => {
		const phone = await world.device('member2');
		await phone.sync();
		await phone.moveResidence('m002', 'cm7', new Date());
		const member = await plain<Member>(phone, 'members', 'm002');
		await phone.writeChecked(
			'reports',
			reportToSubmit({
				member,
				kind: 'residence',
				communityId: 'cm7',
				existing: null,
				note: '',
				now: new Date()
			})
		);
		await phone.sync();
		await expect(world.db('members').get('m002')).resolves.toMatchObject({
			residenceCommunityId: 'cm7'
		});
		await expect(world.db('contacts').get('m002')).resolves.toMatchObject({
			residenceCommunityId: 'cm7',
			channels: ['branch:br1', 'community:cm7', 'member:m002']
		});
		await expect(world.db('reports').get('m002.residence.cm7')).resolves.toMatchObject({
			submission: 1
		});
		await phone.close();
	});

	it("delivers a secretary's reminder to the member, and refuses one for another branch", async () => {
		const secretary = await world.device('secretary1');
		const phone = await world.device('member1');
		await secretary.sync();
		const member = await plain<Member>(secretary, 'members', 'm001');

		await secretary.setOffline(true);
		const reminder = reminderFor(member, 'report-residence', 'secretary1', new Date());
		await secretary.writeChecked('notices', reminder, member);
		await secretary.setOffline(false);
		await secretary.sync();
		await phone.sync();
		const received = await phone.findOne('notices', reminder.id);
		expect(received).toMatchObject({
			kind: 'reminder',
			topic: 'report-residence'
		});
		await Promise.all([phone.close(), secretary.close()]);

		const outsider = await world.device('member21');
		await outsider.sync();
		// member21 is secretary of br2: a reminder to a member of br1 is refused and reverted.
		const foreignActor = actorOf(outsider.session ?? never());
		expect(foreignActor.roles).toContainEqual({ role: 'secretary', branchId: 'br2' });
		const forged = {
			...reminderFor(
				{ ...member, branchId: 'br2' },
				'report-residence',
				'member21',
				new Date(Date.now() + 86_400_000)
			)
		};
		await outsider.insert('notices', forged);
		await outsider.sync();
		await expect(world.db('notices').get(forged.id)).rejects.toMatchObject({ status: 404 });
		expect(await outsider.ids('notices')).not.toContain(forged.id);
		await outsider.close();
	});

	it('refuses a unit report to a community the branch is not linked to', async () => {
		const phone = await world.device('member1');
		await phone.sync();
		const member = await plain<Member>(phone, 'members', 'm001');
		const elsewhere = reportToSubmit({
			member,
			kind: 'unit',
			communityId: 'cm8',
			existing: null,
			note: '',
			now: new Date()
		});
		// The screens would refuse it before storing; a modified client is refused by the gateway.
		await expect(
			phone.writeChecked('reports', elsewhere, await world.db('directory').get('br1'))
		).rejects.toMatchObject({ reason: 'subject-mismatch' });
		await phone.insert('reports', elsewhere);
		await phone.sync();
		await expect(world.db('reports').get(elsewhere.id)).rejects.toMatchObject({ status: 404 });
		expect(await phone.ids('reports')).not.toContain(elsewhere.id);
		await phone.close();
	});
});

async function plain<T>(device: TestDevice, collection: 'members' | 'reports', id: string) {
	return (await device.findOne(collection, id)) as T;
}

function never(): never {
	throw new Error('the device is signed in');
}

describe('the live stream after a restart', () => {
	let world: World;

	beforeAll(async () => {
		world = await World.start(['member1', 'community1']);
	});
	afterAll(() => world.close());

	it('loses no change written while its live stream waited behind other requests', async () => {
		// The browser queues requests beyond six per origin: hold the device's live stream until
		// a review has been written, after the reviews' checkpoint pull and first wait have read.
		const phone = await world.device('member1', {
			heartbeatMs: 60_000,
			holdRequests: [{ urlIncludes: ['/sync/_stream'] }]
		});
		await phone.sync();
		const member = await plain<Member>(phone, 'members', 'm001');
		const report = reportToSubmit({
			member,
			kind: 'residence',
			communityId: 'cm1',
			existing: null,
			note: '',
			now: new Date()
		});
		await phone.writeChecked('reports', report);
		await phone.sync();
		await phone.waitForHeld();

		const staff = await world.device('community1');
		await staff.sync();
		const arrived = await plain<Report>(staff, 'reports', report.id);
		await staff.writeChecked(
			'reviews',
			reviewOf(arrived, 'community1', { decision: 'confirmed' }, new Date()),
			arrived
		);
		await staff.sync();
		await staff.close();

		expect(await phone.release(), 'the stream was held until now').toBe(1);
		await phone.waitFor('reviews', { id: `${report.id}.r1` }, 10_000);
		await phone.close();
	});
});
