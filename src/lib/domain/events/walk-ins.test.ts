import { describe, expect, it } from 'vitest';
import { aBranchActivity, anActivity, STARTS } from '../../../test-data/activity-fixtures';
import { secretary, staff, otherStaff } from '../../../test-data/test-actors';
import { checkWrite } from '../access/write-policy';
import type { Actor } from '../access/roles';
import type { Activity } from './activities';
import { walkInId, walkInName, walkInRecord, walkIns, walkInsAt, type WalkIn } from './walk-ins';

const minutes = (n: number) => new Date(STARTS.getTime() + n * 60_000);

function aWalkIn(activity: Activity, overrides: Partial<Parameters<typeof walkInRecord>[0]> = {}) {
	return walkInRecord({
		activity,
		name: '王 小明',
		reason: '其他单位党员，未带手机',
		recordedBy: activity.organisers[0] ?? '',
		at: minutes(5),
		...overrides
	});
}

function decide(
	actor: Actor,
	next: WalkIn,
	context: { prev?: WalkIn | null; subject?: Activity | null; now?: Date; deleting?: boolean } = {}
) {
	return checkWrite({
		collection: 'attendance',
		actor,
		prev: (context.prev ?? null) as never,
		next: next as never,
		deleting: context.deleting ?? false,
		subject: (context.subject === undefined ? anActivity() : context.subject) as Record<
			string,
			unknown
		> | null,
		now: context.now ?? minutes(6)
	});
}

describe('walk-in ids and names', () => {
	it('gives one id per activity and name, however the name was spaced', () => {
		expect(walkInId('act-1', ' 王  小明 ')).toBe(walkInId('act-1', '王 小明'));
		expect(walkInId('act-1', '王小明')).not.toBe(walkInId('act-1', '王 小明'));
		expect(walkInId('act-2', '王 小明')).not.toBe(walkInId('act-1', '王 小明'));
		expect(walkInId('act-1', '王 小明')).toMatch(/^act-1\.walk-in\.[0-9a-f]{16}$/);
		expect(walkInName('  王\t小明 ')).toBe('王 小明');
	});

	it('reaches the organisers: the community, and the host branch of a branch activity', () => {
		expect(aWalkIn(anActivity()).channels).toEqual(['community:cm2/2026']);
		expect(aWalkIn(aBranchActivity()).channels).toEqual(['branch:br1/2026', 'community:cm2/2026']);
	});
});

describe('the walk-in policy', () => {
	it('lets an organiser of the activity record one, once', () => {
		const note = aWalkIn(anActivity());
		expect(decide(staff, note)).toEqual({ ok: true });
		expect(decide(staff, note, { prev: note })).toMatchObject({ reason: 'append-only' });
		expect(decide(staff, note, { prev: note, deleting: true })).toMatchObject({
			reason: 'append-only'
		});
	});

	it('refuses anyone who is not an organiser, or who writes under another name', () => {
		expect(decide(otherStaff, aWalkIn(anActivity(), { recordedBy: 'community1' }))).toMatchObject({
			reason: 'forbidden'
		});
		expect(decide(secretary, aWalkIn(anActivity()))).toMatchObject({ reason: 'not-owner' });
	});

	it('refuses a missing or cancelled activity, another community, and an invented id', () => {
		const note = aWalkIn(anActivity());
		expect(decide(staff, note, { subject: null })).toMatchObject({ reason: 'subject-mismatch' });
		expect(decide(staff, note, { subject: anActivity({ cancelled: true }) })).toMatchObject({
			reason: 'forbidden',
			detail: 'cancelled'
		});
		expect(
			decide(staff, { ...note, communityId: 'cm1', channels: ['community:cm1/2026'] })
		).toMatchObject({ reason: 'subject-mismatch' });
		expect(decide(staff, { ...note, id: 'act-mr8x2k4q1z.walk-in.0000' })).toMatchObject({
			reason: 'invalid',
			detail: 'id'
		});
	});

	it('refuses no reason, a time outside the check-in period and a clock ahead', () => {
		expect(decide(staff, aWalkIn(anActivity(), { reason: '  ' }))).toMatchObject({
			reason: 'invalid',
			detail: 'reason'
		});
		expect(decide(staff, aWalkIn(anActivity(), { at: minutes(-61) }))).toMatchObject({
			reason: 'invalid',
			detail: 'before-opening'
		});
		expect(decide(staff, aWalkIn(anActivity(), { at: minutes(30) }))).toMatchObject({
			reason: 'invalid',
			detail: 'clock ahead'
		});
	});

	it('has the kind in the attendance collection', () => {
		expect(walkIns.kindValues).toEqual(['walk-in']);
	});
});

describe('walkInsAt', () => {
	it('lists an activity’s walk-ins in the order they came, nothing else', () => {
		const activity = anActivity();
		const later = aWalkIn(activity, { name: '李四', at: minutes(20) });
		const earlier = aWalkIn(activity, { name: '张三', at: minutes(2) });
		const elsewhere = aWalkIn(anActivity({ id: 'act-other' }), { name: '赵六' });
		const record = { kind: 'in', activityId: activity.id };
		expect(walkInsAt([later, record, elsewhere, earlier], activity.id)).toEqual([earlier, later]);
	});
});
