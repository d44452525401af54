import { describe, expect, it } from 'vitest';
import type { Activity, ActivityType } from './activities';
import { attendanceId, type Attendance, type AttendanceKind } from './attendance-record';
import { DEFAULT_ROUNDING } from './service-hours';
import { claim, decision, doneClaim, DONE, served } from '../../../test-data/claim-fixtures';
import {
	branchDuties,
	confirmedClaims,
	dutiesMet,
	dutyState,
	combinedYear,
	memberDutyGaps,
	memberDutyYears,
	memberYear,
	serviceOfYear,
	shortOfDuties,
	type ClaimRecords
} from './yearly-duties';

function activity(id: string, type: ActivityType, overrides: Partial<Activity> = {}): Activity {
	return {
		id,
		type,
		title: id,
		communityId: 'cm2',
		hostBranchId: 'br1',
		place: '社区广场',
		startsAt: '2026-06-01T01:00:00.000Z',
		endsAt: '2026-06-01T04:00:00.000Z',
		expected: 'branch',
		organisers: ['secretary1'],
		publicKey: '0'.repeat(64),
		createdBy: 'secretary1',
		updatedAt: '2026-05-01T00:00:00.000Z',
		channels: ['public'],
		...overrides
	};
}

function attended(activityId: string, memberId: string, kind: AttendanceKind = 'in'): Attendance {
	return {
		id: attendanceId(activityId, memberId, kind),
		kind,
		activityId,
		communityId: 'cm2',
		memberId,
		memberName: memberId,
		branchId: 'br1',
		orgId: 'org-a',
		at: '2026-06-01T01:00:00.000Z',
		method: 'badge',
		recordedBy: 'secretary1',
		channels: []
	};
}

const members = [
	{ id: 'm001', name: '张三' },
	{ id: 'm002', name: '李四' },
	{ id: 'm003', name: '王五' }
];
const everyone = (activityId: string) => members.map((m) => attended(activityId, m.id));

const NOTHING = {
	communityActivities: 0,
	lecturesGiven: 0,
	attended: 0,
	projectsOrPosts: 0,
	microWishes: 0
};
const SERVED = { ...NOTHING, projectsOrPosts: 1, microWishes: 1 };

function merge(records: ClaimRecords[]): ClaimRecords {
	return {
		claims: records.flatMap((r) => r.claims),
		decisions: records.flatMap((r) => r.decisions)
	};
}

const unity = activity('act-unity', 'ethnic-unity');
const party = activity('act-party', 'party-day', { startsAt: '2026-07-01T01:00:00.000Z' });

const dutyOf = (duties: ReturnType<typeof branchDuties>, type: string) =>
	duties.find((d) => d.type === type);

describe('branchDuties', () => {
	it('has no gaps when both activities were held with everybody present', () => {
		const duties = branchDuties(
			'br1',
			members,
			[unity, party],
			[...everyone('act-unity'), ...everyone('act-party')],
			2026
		);
		expect(duties).toEqual([
			{ type: 'ethnic-unity', activities: [unity], held: true, missing: [] },
			{ type: 'party-day', activities: [party], held: true, missing: [] }
		]);
	});

	it('lists the members who missed an activity', () => {
		const duties = branchDuties(
			'br1',
			members,
			[unity, party],
			[attended('act-unity', 'm001'), attended('act-unity', 'm003'), ...everyone('act-party')],
			2026
		);
		expect(dutyOf(duties, 'ethnic-unity')).toMatchObject({
			held: true,
			missing: [{ id: 'm002', name: '李四' }]
		});
		expect(dutyOf(duties, 'party-day')?.missing).toEqual([]);
	});

	it('counts a member present at any of several activities of a type', () => {
		const second = activity('act-unity-2', 'ethnic-unity', {
			startsAt: '2026-10-01T01:00:00.000Z'
		});
		const duties = branchDuties(
			'br1',
			members,
			[unity, second],
			[attended('act-unity', 'm001'), attended('act-unity-2', 'm002')],
			2026
		);
		expect(dutyOf(duties, 'ethnic-unity')).toMatchObject({
			activities: [unity, second],
			held: true,
			missing: [{ id: 'm003', name: '王五' }]
		});
	});

	it('reports a duty not held, with everyone missing, when nothing was planned', () => {
		const duties = branchDuties('br1', members, [], [], 2026);
		expect(duties).toEqual([
			{ type: 'ethnic-unity', activities: [], held: false, missing: members },
			{ type: 'party-day', activities: [], held: false, missing: members }
		]);
	});

	it('says not held while the activity is planned but nobody checked in', () => {
		const duties = branchDuties('br1', members, [unity], [], 2026);
		expect(dutyOf(duties, 'ethnic-unity')).toMatchObject({
			activities: [unity],
			held: false,
			missing: members
		});
	});

	it('does not count signups or check-outs as presence', () => {
		const duties = branchDuties(
			'br1',
			members,
			[unity],
			members.flatMap((m) => [
				attended('act-unity', m.id, 'signup'),
				attended('act-unity', m.id, 'out')
			]),
			2026
		);
		expect(dutyOf(duties, 'ethnic-unity')).toMatchObject({ held: false, missing: members });
	});

	it('does not count an activity of another branch, even with our members there', () => {
		const theirs = activity('act-theirs', 'ethnic-unity', { hostBranchId: 'br2' });
		const duties = branchDuties('br1', members, [theirs], everyone('act-theirs'), 2026);
		expect(dutyOf(duties, 'ethnic-unity')).toMatchObject({ activities: [], held: false });
	});

	it('does not count the community’s own activity without a host branch', () => {
		const community = activity('act-cm', 'ethnic-unity', { hostBranchId: undefined });
		delete community.hostBranchId;
		const duties = branchDuties('br1', members, [community], everyone('act-cm'), 2026);
		expect(dutyOf(duties, 'ethnic-unity')?.held).toBe(false);
	});

	it('does not count a cancelled activity', () => {
		const cancelled = { ...unity, cancelled: true };
		const duties = branchDuties('br1', members, [cancelled], everyone('act-unity'), 2026);
		expect(dutyOf(duties, 'ethnic-unity')).toMatchObject({ activities: [], held: false });
	});

	it('does not count other types of activity', () => {
		const lecture = activity('act-lecture', 'lecture');
		const duties = branchDuties('br1', members, [lecture], everyone('act-lecture'), 2026);
		expect(duties.every((d) => !d.held && d.activities.length === 0)).toBe(true);
	});

	it('puts an activity in the year of its start in Shanghai', () => {
		// 00:30 on New Year's Day in Shanghai, still 31 December in UTC.
		const newYear = activity('act-ny', 'party-day', {
			startsAt: '2025-12-31T16:30:00.000Z',
			endsAt: '2025-12-31T18:00:00.000Z'
		});
		// 23:59 on New Year's Eve in Shanghai.
		const newYearsEve = activity('act-nye', 'ethnic-unity', {
			startsAt: '2025-12-31T15:59:00.000Z',
			endsAt: '2025-12-31T17:00:00.000Z'
		});
		const attendance = [...everyone('act-ny'), ...everyone('act-nye')];
		const in2026 = branchDuties('br1', members, [newYear, newYearsEve], attendance, 2026);
		expect(dutyOf(in2026, 'party-day')).toMatchObject({ held: true, missing: [] });
		expect(dutyOf(in2026, 'ethnic-unity')).toMatchObject({ activities: [], held: false });
		const in2025 = branchDuties('br1', members, [newYear, newYearsEve], attendance, 2025);
		expect(dutyOf(in2025, 'party-day')?.held).toBe(false);
		expect(dutyOf(in2025, 'ethnic-unity')).toMatchObject({ held: true, missing: [] });
	});

	it('does not count last year’s activity', () => {
		const lastYear = activity('act-2025', 'ethnic-unity', {
			startsAt: '2025-06-01T01:00:00.000Z'
		});
		const duties = branchDuties('br1', members, [lastYear], everyone('act-2025'), 2026);
		expect(dutyOf(duties, 'ethnic-unity')).toMatchObject({ held: false, missing: members });
	});

	it('is held once anyone checked in, even a guest from outside the branch', () => {
		const duties = branchDuties('br1', members, [unity], [attended('act-unity', 'm999')], 2026);
		expect(dutyOf(duties, 'ethnic-unity')).toMatchObject({ held: true, missing: members });
	});
});

describe('memberYear', () => {
	const community = activity('act-cm', 'community', { hostBranchId: undefined });
	const lectureGiven = activity('act-lec-1', 'lecture', { speakers: ['m001'] });
	const lectureHeard = activity('act-lec-2', 'lecture', { speakers: ['m002'] });
	const lectureNoShow = activity('act-lec-3', 'lecture', { speakers: ['m001'] });
	const all = [community, lectureGiven, lectureHeard, lectureNoShow, unity];

	it('counts community activities, lectures given and everything attended', () => {
		const attendance = [
			attended('act-cm', 'm001'),
			attended('act-lec-1', 'm001'),
			attended('act-lec-2', 'm001'),
			attended('act-unity', 'm001')
		];
		expect(memberYear('m001', all, attendance, 2026)).toEqual({
			communityActivities: 1,
			lecturesGiven: 1,
			attended: 4,
			projectsOrPosts: 0,
			microWishes: 0
		});
	});

	it('does not count a lecture merely attended, nor one the speaker never checked in to', () => {
		const attendance = [attended('act-lec-2', 'm001'), attended('act-lec-3', 'm002')];
		expect(memberYear('m001', all, attendance, 2026)).toEqual({
			communityActivities: 0,
			lecturesGiven: 0,
			attended: 1,
			projectsOrPosts: 0,
			microWishes: 0
		});
	});

	it('ignores other members, signups, check-outs and unknown activities', () => {
		const attendance = [
			attended('act-cm', 'm002'),
			attended('act-cm', 'm001', 'signup'),
			attended('act-cm', 'm001', 'out'),
			attended('act-gone', 'm001')
		];
		expect(memberYear('m001', all, attendance, 2026)).toEqual({
			communityActivities: 0,
			lecturesGiven: 0,
			attended: 0,
			projectsOrPosts: 0,
			microWishes: 0
		});
	});

	it('ignores cancelled activities and other years (by Shanghai time)', () => {
		const cancelled = { ...community, id: 'act-cancelled', cancelled: true };
		const lastNewYearsEve = activity('act-nye', 'community', {
			startsAt: '2025-12-31T15:59:00.000Z'
		});
		const newYear = activity('act-ny', 'community', { startsAt: '2025-12-31T16:30:00.000Z' });
		const attendance = ['act-cancelled', 'act-nye', 'act-ny'].map((id) => attended(id, 'm001'));
		expect(memberYear('m001', [cancelled, lastNewYearsEve, newYear], attendance, 2026)).toEqual({
			communityActivities: 1,
			lecturesGiven: 0,
			attended: 1,
			projectsOrPosts: 0,
			microWishes: 0
		});
		expect(
			memberYear('m001', [cancelled, lastNewYearsEve, newYear], attendance, 2025)
				.communityActivities
		).toBe(1);
	});
});

describe('joint meetings (governance, not service)', () => {
	const meeting = activity('act-meeting', 'joint-meeting');

	it('count toward no part of R16, nor as attended', () => {
		const attendance = [attended('act-meeting', 'm001'), attended('act-cm-2', 'm001')];
		const community = activity('act-cm-2', 'community', { hostBranchId: undefined });
		expect(memberYear('m001', [meeting, community], attendance, 2026)).toMatchObject({
			communityActivities: 1,
			attended: 1
		});
	});

	it('are no duty of R8 and no service time', () => {
		const attendance = [attended('act-meeting', 'm001')];
		const duties = branchDuties('br1', members, [meeting], attendance, 2026);
		expect(duties.every((duty) => !duty.held && duty.activities.length === 0)).toBe(true);
		const person = { memberId: 'm001', memberName: '张三', branchId: 'br1' };
		const service = serviceOfYear(person, [meeting], attendance, 2026, () => DEFAULT_ROUNDING);
		expect(service).toEqual({ rows: [], minutes: 0 });
	});
});

describe('confirmedClaims', () => {
	it('counts confirmed claims of projects and posts, and of micro-wishes, apart', () => {
		const records = served('m001', ['project', 'post', 'micro-wish', 'need']);
		expect(confirmedClaims('m001', records, 2026)).toEqual({ projectsOrPosts: 2, microWishes: 1 });
	});

	it('does not count a claim claimed, cancelled, done but undecided, or returned', () => {
		const open = claim('it-a', 'm001', 'project');
		const cancelled = { ...claim('it-b', 'm001', 'project'), state: 'cancelled' as const };
		const undecided = doneClaim('it-c', 'm001', 'micro-wish');
		const returned = doneClaim('it-d', 'm001', 'micro-wish');
		const records = {
			claims: [open, cancelled, undecided, returned],
			decisions: [decision(returned, 'returned'), decision(open, 'confirmed')]
		};
		expect(confirmedClaims('m001', records, 2026)).toEqual({ projectsOrPosts: 0, microWishes: 0 });
	});

	it('needs a decision on the claim as done now: marked done again after a return, it waits', () => {
		const first = doneClaim('it-a', 'm001', 'micro-wish');
		const again = { ...first, done: { ...DONE, at: '2026-06-20T02:00:00.000Z' } };
		const returned = [decision(first, 'returned')];
		expect(
			confirmedClaims('m001', { claims: [again], decisions: returned }, 2026).microWishes
		).toBe(0);
		const decisions = [...returned, decision(again, 'confirmed')];
		expect(confirmedClaims('m001', { claims: [again], decisions }, 2026).microWishes).toBe(1);
	});

	it('does not take a confirmation of another version of done for this one', () => {
		const first = doneClaim('it-a', 'm001', 'project');
		const again = { ...first, done: { ...DONE, at: '2026-06-20T02:00:00.000Z' } };
		const decisions = [decision(first, 'confirmed')];
		expect(confirmedClaims('m001', { claims: [again], decisions }, 2026).projectsOrPosts).toBe(0);
	});

	it("ignores other members' claims and decisions on other claims", () => {
		const mine = doneClaim('it-a', 'm001', 'project');
		const theirs = doneClaim('it-a', 'm002', 'project');
		const records = { claims: [mine, theirs], decisions: [decision(theirs, 'confirmed')] };
		expect(confirmedClaims('m001', records, 2026).projectsOrPosts).toBe(0);
		expect(confirmedClaims('m002', records, 2026).projectsOrPosts).toBe(1);
	});

	it('counts a claim in the Shanghai year it was done, not the year it was claimed', () => {
		// Claimed in 2025, done at 00:30 on New Year's Day 2026 in Shanghai (16:30 UTC the day before).
		const late = {
			...doneClaim('it-a', 'm001', 'project', '2025-12-31T16:30:00.000Z'),
			claimedAt: '2025-12-01T02:00:00.000Z'
		};
		const records = { claims: [late], decisions: [decision(late, 'confirmed')] };
		expect(confirmedClaims('m001', records, 2026).projectsOrPosts).toBe(1);
		expect(confirmedClaims('m001', records, 2025).projectsOrPosts).toBe(0);
	});

	it('is part of memberYear', () => {
		const records = served('m001', ['post', 'micro-wish']);
		expect(memberYear('m001', [], [], 2026, records)).toEqual({
			...NOTHING,
			projectsOrPosts: 1,
			microWishes: 1
		});
	});
});

describe('memberDutyGaps', () => {
	const community = activity('act-cm', 'community');
	const lecture = activity('act-lec', 'lecture', { speakers: ['m001', 'm002'] });
	const allServed = merge(members.map((m) => served(m.id, ['project', 'micro-wish'])));

	it('lists the members short of a community activity or a lecture given', () => {
		const attendance = [
			attended('act-cm', 'm001'),
			attended('act-lec', 'm001'),
			attended('act-cm', 'm002'),
			attended('act-lec', 'm003')
		];
		const gaps = memberDutyGaps(
			members,
			[community, lecture],
			attendance,
			2026,
			new Map(),
			allServed
		);
		expect(gaps).toEqual([
			{
				member: { id: 'm002', name: '李四' },
				year: { ...SERVED, communityActivities: 1, attended: 1 }
			},
			{
				member: { id: 'm003', name: '王五' },
				year: { ...SERVED, attended: 1 }
			}
		]);
	});

	it('lists the members short of a project or post, or of a micro-wish', () => {
		const both = activity('act-lec-all', 'lecture', { speakers: ['m001', 'm002', 'm003'] });
		const attendance = [...everyone('act-cm'), ...everyone('act-lec-all')];
		const records = merge([
			served('m001', ['project', 'micro-wish']),
			served('m002', ['post']),
			served('m003', ['micro-wish', 'need'])
		]);
		const gaps = memberDutyGaps(members, [community, both], attendance, 2026, new Map(), records);
		expect(
			gaps.map((gap) => [gap.member.id, gap.year.projectsOrPosts, gap.year.microWishes])
		).toEqual([
			['m002', 1, 0],
			['m003', 0, 1]
		]);
	});

	it('lists nobody when everyone did all four', () => {
		const both = activity('act-lec-all', 'lecture', { speakers: ['m001', 'm002', 'm003'] });
		const attendance = [...everyone('act-cm'), ...everyone('act-lec-all')];
		expect(
			memberDutyGaps(members, [community, both], attendance, 2026, new Map(), allServed)
		).toEqual([]);
	});

	it('lists everyone in a year with no records', () => {
		expect(memberDutyGaps(members, [community, lecture], [], 2027)).toHaveLength(3);
	});

	it("counts what the worker's summary saw at activities this device does not hold", () => {
		// m002 attended a community activity where they live, which the secretary's device lacks.
		const attendance = [attended('act-cm', 'm001'), attended('act-lec', 'm001')];
		const summaries = new Map([
			['m002', { communityActivities: 1, lecturesGiven: 1, attended: 2 }],
			['m003', { communityActivities: 0, lecturesGiven: 0, attended: 0 }]
		]);
		const gaps = memberDutyGaps(
			members,
			[community, lecture],
			attendance,
			2026,
			summaries,
			allServed
		);
		expect(gaps.map((gap) => gap.member.id)).toEqual(['m003']);
	});
});

describe('memberDutyYears', () => {
	it('gives every member their progress, short of duties or not', () => {
		const records = served('m002', ['micro-wish']);
		const years = memberDutyYears(members, [], [], 2026, new Map(), records);
		expect(years.map((y) => [y.member.id, y.year.microWishes])).toEqual([
			['m001', 0],
			['m002', 1],
			['m003', 0]
		]);
	});
});

describe('combinedYear', () => {
	it('takes the larger of each count, and the device alone without a summary', () => {
		const local = { ...NOTHING, communityActivities: 2, attended: 3, microWishes: 1 };
		expect(
			combinedYear(local, { ...NOTHING, lecturesGiven: 1, attended: 2, projectsOrPosts: 1 })
		).toEqual({
			communityActivities: 2,
			lecturesGiven: 1,
			attended: 3,
			projectsOrPosts: 1,
			microWishes: 1
		});
		expect(combinedYear(local, undefined)).toBe(local);
	});

	it('takes a summary stored without the claim parts as having none', () => {
		const local = { ...NOTHING, microWishes: 2 };
		const stored = { communityActivities: 1, lecturesGiven: 0, attended: 1 };
		expect(combinedYear(local, stored)).toEqual({
			...NOTHING,
			communityActivities: 1,
			attended: 1,
			microWishes: 2
		});
	});
});

describe('dutyState and dutiesMet', () => {
	it('calls a duty held once someone attended, planned while an activity is scheduled', () => {
		expect(dutyState({ held: true, activities: [unity] })).toBe('held');
		expect(dutyState({ held: false, activities: [unity] })).toBe('planned');
		expect(dutyState({ held: false, activities: [] })).toBe('not-planned');
	});

	it('asks a member for one of each a year: project or post, micro-wish, lecture, community activity', () => {
		const year = (
			projectsOrPosts: number,
			microWishes: number,
			lectures: number,
			community: number
		) => ({
			projectsOrPosts,
			microWishes,
			lecturesGiven: lectures,
			communityActivities: community,
			attended: lectures + community
		});
		const none = { project: false, wish: false, lecture: false, community: false };
		expect(dutiesMet(year(0, 0, 0, 0))).toEqual(none);
		expect(dutiesMet(year(0, 0, 0, 1))).toEqual({ ...none, community: true });
		expect(dutiesMet(year(0, 0, 1, 0))).toEqual({ ...none, lecture: true });
		expect(dutiesMet(year(1, 0, 0, 0))).toEqual({ ...none, project: true });
		expect(dutiesMet(year(0, 1, 0, 0))).toEqual({ ...none, wish: true });
		expect(dutiesMet(year(2, 3, 2, 3))).toEqual({
			project: true,
			wish: true,
			lecture: true,
			community: true
		});
		expect(shortOfDuties(year(1, 1, 1, 1))).toBe(false);
		expect(shortOfDuties(year(1, 1, 1, 0))).toBe(true);
	});

	it('takes a summary stored without the claim parts as short of them', () => {
		expect(dutiesMet({ communityActivities: 1, lecturesGiven: 1, attended: 2 })).toEqual({
			project: false,
			wish: false,
			lecture: true,
			community: true
		});
	});
});

describe('serviceOfYear', () => {
	const person = { memberId: 'm001', memberName: '张三', branchId: 'br1' };
	const at = (activityId: string, kind: AttendanceKind, time: string) => ({
		...attended(activityId, 'm001', kind),
		at: time
	});
	const ruleOf = () => DEFAULT_ROUNDING;

	it('lists the activities of the year the member checked in at, latest listed first', () => {
		const july = activity('act-party', 'party-day', {
			startsAt: '2026-07-01T01:00:00.000Z',
			endsAt: '2026-07-01T04:00:00.000Z'
		});
		const records = [
			at('act-unity', 'in', '2026-06-01T01:00:00.000Z'),
			at('act-unity', 'out', '2026-06-01T03:00:00.000Z'),
			at('act-party', 'in', '2026-07-01T01:00:00.000Z')
		];
		const service = serviceOfYear(person, [unity, july], records, 2026, ruleOf);
		expect(service.rows.map((r) => r.activity.id)).toEqual(['act-party', 'act-unity']);
		expect(service.rows.map((r) => r.record.minutes)).toEqual([180, 120]);
		expect(service.minutes).toBe(300);
	});

	it("leaves out cancelled activities, other years, sign-ups and other members' records", () => {
		const cancelled = activity('act-off', 'community', { cancelled: true });
		const lastYear = activity('act-old', 'community', { startsAt: '2025-06-01T01:00:00.000Z' });
		const signedUp = activity('act-signup', 'community');
		const records = [
			at('act-off', 'in', '2026-06-01T01:00:00.000Z'),
			at('act-old', 'in', '2025-06-01T01:00:00.000Z'),
			at('act-signup', 'signup', '2026-05-01T01:00:00.000Z'),
			attended('act-unity', 'm002')
		];
		const service = serviceOfYear(
			person,
			[cancelled, lastYear, signedUp, unity],
			records,
			2026,
			ruleOf
		);
		expect(service).toEqual({ rows: [], minutes: 0 });
	});
});
