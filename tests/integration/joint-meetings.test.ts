import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityCodeFor, codeWindowAt } from '../../src/lib/domain/codes/activity-code';
import { activityWithKey, attendanceRecord } from '../../src/lib/domain/events/event-drafts';
import {
	decisionItemId,
	type ListItem,
	type Minutes
} from '../../src/lib/domain/ledger/ledger-docs';
import { newMinutes, readMinutes, readSchedule } from '../../src/lib/domain/ledger/meeting-drafts';
import type { Activity, Member, Org } from '../../src/lib/domain/registry';
import { plainOf } from '../../src/lib/server/stored-doc';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

const MINUTE = 60_000;

function never(): never {
	throw new Error('missing');
}

/**
 * R7: br1's secretary schedules a joint meeting with the linked community from the activity form
 * (activity + minutes with agenda and invited units, one action); a member checks in with the
 * activity's code as at any activity; the minutes are saved with a decision, which becomes a
 * list item of the pair's ledger with its owner and due date. A decision without an owner is
 * refused by the gateway as by the device.
 */
describe('joint meetings', () => {
	let world: World;
	let secretary: TestDevice;
	let phone: TestDevice;
	let staff: TestDevice;
	let branch: Org;
	let meeting: Activity;
	let minutesId: string;

	beforeAll(async () => {
		world = await World.start(['secretary1', 'member1', 'community1']);
		branch = plainOf<Org>(await world.db('directory').get('br1'));
		secretary = await world.device('secretary1');
		phone = await world.device('member1');
		staff = await world.device('community1');
		await Promise.all([secretary.sync(), phone.sync(), staff.sync()]);
	});
	afterAll(() => world.close());

	it('is scheduled by the secretary: the activity and its agenda in the ledger', async () => {
		const communityId = branch.linkedCommunityId ?? never();
		const now = new Date();
		const { activity, credential } = activityWithKey(
			{
				type: 'joint-meeting',
				title: '第四季度联席会议',
				communityId,
				hostBranchId: 'br1',
				place: '社区党群服务中心',
				startsAt: new Date(now.getTime() - 30 * MINUTE).toISOString(),
				endsAt: new Date(now.getTime() + 60 * MINUTE).toISOString(),
				expected: 'signup',
				organisers: []
			},
			'secretary1',
			now
		);
		const schedule = readSchedule({
			agenda: '商议明年民生项目和居民需求清单',
			invitedUnits: '社区卫生服务站\n辖区派出所'
		});
		if (!schedule.ok) throw new Error(schedule.problem);
		const minutes = newMinutes({
			activity,
			pair: { branchId: 'br1', communityId, orgId: branch.parentId ?? never() },
			schedule,
			side: 'branch',
			by: 'secretary1',
			now
		});
		await secretary.scheduleMeeting({ activity, credential, host: branch, minutes });
		await secretary.sync();
		meeting = activity;
		minutesId = minutes.id;

		expect(plainOf<Activity>(await world.db('activities').get(activity.id)).type).toBe(
			'joint-meeting'
		);
		expect(plainOf<Minutes>(await world.db('ledger').get(minutesId))).toMatchObject({
			activityId: activity.id,
			agenda: '商议明年民生项目和居民需求清单',
			invitedUnits: ['社区卫生服务站', '辖区派出所'],
			side: 'branch',
			decisions: []
		});
		// The community's staff read the pair's ledger: the meeting is theirs too.
		await staff.sync();
		await staff.waitFor('ledger', { id: minutesId });
	});

	it('takes a member’s check-in by the activity code, as every activity does', async () => {
		const key = (await secretary.activityKey(meeting.id, meeting.publicKey)) ?? never();
		const member = plainOf<Member>(await world.db('members').get('m001'));
		await phone.sync();
		await phone.waitFor('activities', { id: meeting.id });
		const checkIn = attendanceRecord({
			activity: meeting,
			attendee: {
				memberId: member.id,
				branchId: member.branchId,
				orgId: member.orgId,
				name: member.name
			},
			kind: 'in',
			recordedBy: 'member1',
			at: new Date(),
			method: 'code',
			proof: activityCodeFor(meeting.id, codeWindowAt(new Date()), key.secretKey)
		});
		await phone.writeChecked('attendance', checkIn);
		await phone.sync();
		expect(plainOf(await world.db('attendance').get(checkIn.id))).toMatchObject({
			activityId: meeting.id,
			memberId: 'm001',
			method: 'code'
		});
		// The meeting page lists who checked in from the attendance the secretary's device holds.
		await secretary.sync();
		await secretary.waitFor('attendance', { id: checkIn.id });
	});

	it('makes each decision of the saved minutes a ledger item with its owner and due date', async () => {
		const stored = ((await secretary.findOne('ledger', minutesId)) as Minutes | null) ?? never();
		const read = readMinutes(
			stored,
			{
				attendees: [{ name: '李主任', unit: '社区居委会' }],
				text: '会议商定为老旧小区加装扶手，由王书记牵头。',
				decisions: [
					{ text: '为老旧小区加装扶手', owner: '王书记', dueOn: '2026-12-31', list: 'projects' }
				]
			},
			'secretary1',
			new Date()
		);
		if (!read.ok) throw new Error(JSON.stringify(read.problems));
		await secretary.saveMinutes(read.minutes, read.items);
		await secretary.sync();

		const item = plainOf<ListItem>(await world.db('ledger').get(decisionItemId(minutesId, 1)));
		expect(item).toMatchObject({
			kind: 'list-item',
			list: 'projects',
			title: '为老旧小区加装扶手',
			owner: '王书记',
			dueOn: '2026-12-31',
			state: 'planned',
			side: 'branch',
			fromMinutes: { minutesId, decision: 1 }
		});
		expect(plainOf<Minutes>(await world.db('ledger').get(minutesId)).decisions).toHaveLength(1);
		await staff.sync();
		await staff.waitFor('ledger', { id: item.id });
	});

	it('refuses a decision without an owner, on the device and at the gateway', async () => {
		const stored = ((await secretary.findOne('ledger', minutesId)) as Minutes | null) ?? never();
		const ownerless: Minutes = {
			...stored,
			decisions: [
				...stored.decisions,
				{ text: '建立困难群众台账', owner: ' ', dueOn: '2026-12-31', list: 'needs' }
			],
			updatedAt: new Date().toISOString()
		};
		await expect(secretary.writeChecked('ledger', ownerless)).rejects.toMatchObject({
			reason: 'invalid'
		});
		// Written past the device's own checks, as a tampered app would: the gateway decides.
		await secretary.upsert('ledger', ownerless);
		await secretary.sync();
		const [refused] = await secretary.waitFor('notices', { docId: minutesId });
		expect(refused).toMatchObject({ kind: 'write-rejected', docCollection: 'ledger' });
		expect(plainOf<Minutes>(await world.db('ledger').get(minutesId)).decisions).toHaveLength(1);
	});
});
