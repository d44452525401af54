import { isServiceActivity, type Activity, type ActivityType } from './activities';
import type { Attendance } from './attendance-record';
import { attendanceRow, type RuleOf, type AttendanceRow } from './service-hours';
import { shanghaiYear } from '../calendar/shanghai-calendar';
import type { ClaimDecision } from '../marketplace/claim-decisions';
import type { Claim } from '../marketplace/claim-record';
import { currentDecision } from '../marketplace/claim-lifecycle';

/** The two activities each branch holds every year with all its members (R8). */
export const BRANCH_DUTY_TYPES = ['ethnic-unity', 'party-day'] as const satisfies ActivityType[];
export type BranchDutyType = (typeof BRANCH_DUTY_TYPES)[number];

interface MemberRef {
	id: string;
	name: string;
}

export interface BranchDuty {
	type: BranchDutyType;
	/** The branch's activities of this type this year, held or planned. */
	activities: Activity[];
	/** True once someone checked in at one of them. */
	held: boolean;
	/** Members of the branch who were at none of them. */
	missing: MemberRef[];
}

function checkedIn(attendance: readonly Attendance[]): Map<string, Set<string>> {
	const byActivity = new Map<string, Set<string>>();
	for (const record of attendance) {
		if (record.kind !== 'in') continue;
		const members = byActivity.get(record.activityId) ?? new Set<string>();
		members.add(record.memberId);
		byActivity.set(record.activityId, members);
	}
	return byActivity;
}

/** Where a branch stands with one duty: held, planned (an activity scheduled) or not planned. */
export type DutyState = 'held' | 'planned' | 'not-planned';

export function dutyState(duty: Pick<BranchDuty, 'held' | 'activities'>): DutyState {
	if (duty.held) return 'held';
	return duty.activities.length > 0 ? 'planned' : 'not-planned';
}

/** R8 for one branch and year: did it hold each activity, and which members missed it. */
export function branchDuties(
	branchId: string,
	members: readonly MemberRef[],
	activities: readonly Activity[],
	attendance: readonly Attendance[],
	year: number
): BranchDuty[] {
	const present = checkedIn(attendance);
	return BRANCH_DUTY_TYPES.map((type) => {
		const own = activities.filter(
			(a) =>
				a.hostBranchId === branchId &&
				a.type === type &&
				!a.cancelled &&
				shanghaiYear(a.startsAt) === year
		);
		const attended = new Set(own.flatMap((a) => [...(present.get(a.id) ?? [])]));
		return {
			type,
			activities: own,
			held: own.some((a) => (present.get(a.id)?.size ?? 0) > 0),
			missing: members.filter((m) => !attended.has(m.id))
		};
	});
}

export interface MemberYear {
	/** Community activities (社区活动) the member was checked in at. */
	communityActivities: number;
	/** Lectures (宣讲) the member gave: listed as a speaker and checked in. */
	lecturesGiven: number;
	/** Every service activity the member was checked in at (a joint meeting is none). */
	attended: number;
	/** Claims of a service project or post (服务项目或岗位) done and confirmed by the community. */
	projectsOrPosts: number;
	/** Micro-wishes (微心愿) fulfilled: claims done and confirmed by the community. */
	microWishes: number;
}

/**
 * A year's counts as a summary stored before the marketplace may hold them: without the claim
 * parts, which then count as none.
 */
export type StoredYear = Omit<MemberYear, 'projectsOrPosts' | 'microWishes'> &
	Partial<Pick<MemberYear, 'projectsOrPosts' | 'microWishes'>>;

/** A member's claims and the community's decisions on them: R16's service parts. */
export interface ClaimRecords {
	claims: readonly Claim[];
	decisions: readonly ClaimDecision[];
}

const NO_CLAIMS: ClaimRecords = { claims: [], decisions: [] };

/**
 * Whether the community confirmed the claim as it now stands: a decision on its current `done`
 * (a claim returned and marked done again needs a new decision).
 */
export function confirmed(claim: Claim, decisions: readonly ClaimDecision[]): boolean {
	return claim.state === 'done' && currentDecision(claim, decisions)?.decision === 'confirmed';
}

/**
 * R16's service parts for one member and year: confirmed claims of a project or post, and of a
 * micro-wish, each in the Shanghai year it was done (a resident's need counts toward neither).
 */
export function confirmedClaims(
	memberId: string,
	records: ClaimRecords,
	year: number
): Pick<MemberYear, 'projectsOrPosts' | 'microWishes'> {
	const result = { projectsOrPosts: 0, microWishes: 0 };
	for (const claim of records.claims) {
		if (claim.memberId !== memberId || !confirmed(claim, records.decisions)) continue;
		if (!claim.done || shanghaiYear(claim.done.at) !== year) continue;
		if (claim.itemKind === 'project' || claim.itemKind === 'post') result.projectsOrPosts++;
		if (claim.itemKind === 'micro-wish') result.microWishes++;
	}
	return result;
}

/** R16 for one member and year: the attendance parts and the confirmed claims. */
export function memberYear(
	memberId: string,
	activities: readonly Activity[],
	attendance: readonly Attendance[],
	year: number,
	claims: ClaimRecords = NO_CLAIMS
): MemberYear {
	const byId = new Map(activities.map((a) => [a.id, a]));
	const result: MemberYear = {
		communityActivities: 0,
		lecturesGiven: 0,
		attended: 0,
		...confirmedClaims(memberId, claims, year)
	};
	for (const record of attendance) {
		const activity = byId.get(record.activityId);
		if (record.kind !== 'in' || record.memberId !== memberId || !activity || activity.cancelled) {
			continue;
		}
		// A joint meeting is governance: attending it is no service of R16 or of the summaries.
		if (!isServiceActivity(activity)) continue;
		if (shanghaiYear(activity.startsAt) !== year) continue;
		result.attended++;
		if (activity.type === 'community') result.communityActivities++;
		if (activity.type === 'lecture' && activity.speakers?.includes(memberId))
			result.lecturesGiven++;
	}
	return result;
}

/**
 * A member's year as two views see it: the device's own count and the worker's summary, which also
 * sees records this device does not hold (a community activity where the member lives, for
 * the secretary's device). Counts only grow (check-ins, confirmations are final), so each is the
 * larger of the two.
 */
export function combinedYear(local: MemberYear, summary: StoredYear | undefined): MemberYear {
	if (!summary) return local;
	return {
		communityActivities: Math.max(local.communityActivities, summary.communityActivities),
		lecturesGiven: Math.max(local.lecturesGiven, summary.lecturesGiven),
		attended: Math.max(local.attended, summary.attended),
		projectsOrPosts: Math.max(local.projectsOrPosts, summary.projectsOrPosts ?? 0),
		microWishes: Math.max(local.microWishes, summary.microWishes ?? 0)
	};
}

/** R16 — each year at least one of each: project or post, micro-wish, lecture given, community activity. */
export interface DutiesMet {
	project: boolean;
	wish: boolean;
	lecture: boolean;
	community: boolean;
}

export function dutiesMet(year: StoredYear): DutiesMet {
	return {
		project: (year.projectsOrPosts ?? 0) >= 1,
		wish: (year.microWishes ?? 0) >= 1,
		lecture: year.lecturesGiven >= 1,
		community: year.communityActivities >= 1
	};
}

/** Whether a year falls short of any part of R16. */
export function shortOfDuties(year: StoredYear): boolean {
	return Object.values(dutiesMet(year)).some((met) => !met);
}

/** Each member's R16 progress this year: the device's records and the worker's summaries. */
export function memberDutyYears(
	members: readonly MemberRef[],
	activities: readonly Activity[],
	attendance: readonly Attendance[],
	year: number,
	summaries: ReadonlyMap<string, StoredYear> = new Map(),
	claims: ClaimRecords = NO_CLAIMS
): { member: MemberRef; year: MemberYear }[] {
	return members.map((member) => ({
		member,
		year: combinedYear(
			memberYear(member.id, activities, attendance, year, claims),
			summaries.get(member.id)
		)
	}));
}

/** Members of a branch short of any part of R16 this year, the worker's summaries counted. */
export function memberDutyGaps(
	...args: Parameters<typeof memberDutyYears>
): { member: MemberRef; year: MemberYear }[] {
	return memberDutyYears(...args).filter(({ year }) => shortOfDuties(year));
}

export interface ServiceOfYear {
	/** The activities the member was checked in at this year, each with its service record. */
	rows: { activity: Activity; record: AttendanceRow }[];
	/** Service time counted over all of them. */
	minutes: number;
}

/**
 * One member's service in a year: each service activity held that year (cancelled ones and joint
 * meetings never count) where they checked in, in the reverse order of `activities`, and the
 * minutes counted in total.
 */
export function serviceOfYear(
	person: { memberId: string; memberName: string; branchId: string },
	activities: readonly Activity[],
	attendance: readonly Attendance[],
	year: number,
	ruleOf: RuleOf
): ServiceOfYear {
	const own = attendance.filter((r) => r.memberId === person.memberId);
	const rows = activities
		.filter((a) => !a.cancelled && isServiceActivity(a) && shanghaiYear(a.startsAt) === year)
		.flatMap((activity) => {
			const checkIn = own.find((r) => r.activityId === activity.id && r.kind === 'in');
			if (!checkIn) return [];
			const checkOut = own.find((r) => r.activityId === activity.id && r.kind === 'out') ?? null;
			const record = attendanceRow(activity, person, checkIn, checkOut, {
				rule: ruleOf(checkIn.orgId)
			});
			return [{ activity, record }];
		})
		.reverse();
	return { rows, minutes: rows.reduce((sum, row) => sum + row.record.minutes, 0) };
}
