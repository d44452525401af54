import type { Member, MemberYearSummary } from '../domain/registry';
import {
	branchDuties,
	memberDutyYears,
	shortOfDuties,
	type StoredYear
} from '../domain/events/yearly-duties';
import { observeClaimRecords } from './claim-records.svelte';
import { signedInDevice } from './device-context.svelte';
import { branchMemberYears } from './member-year-summaries';
import { observe } from './observe.svelte';
import { resolvedAttendance } from './attendance-docs';
import { plainDocs } from './plain-docs';
import { activityDocs } from './activity-docs';

/**
 * A branch's yearly duties from what its secretary's device holds: the branch's members, the
 * branch's activities and its linked community's, the check-ins of the branch's members, their
 * claims with the communities' decisions, and the worker's summaries of their year (which count
 * check-ins at activities held elsewhere).
 */
export function observeBranchDuties(branchId: () => string, year: () => number) {
	const device = signedInDevice();
	const members = observe(
		() =>
			device.db.members
				.find({ selector: { branchId: branchId() }, sort: [{ id: 'asc' }] })
				.$.pipe(plainDocs<Member>()),
		[]
	);
	const activities = observe(() => device.db.activities.find().$.pipe(activityDocs()), []);
	const checkIns = observe(
		() =>
			device.db.attendance
				.find({ selector: { kind: { $in: ['in', 'fix'] } } })
				.$.pipe(resolvedAttendance()),
		[]
	);
	const people = $derived(
		members.current
			.map((m) => ({ id: m.id, name: m.name }))
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
	);
	const duties = $derived(
		branchDuties(branchId(), people, activities.current, checkIns.current, year())
	);
	// Members' check-ins at activities this device does not hold count through their summaries.
	const summaries = observe(() => branchMemberYears(device.db, branchId(), year()), []);
	const claims = observeClaimRecords(() => ({ branchId: branchId() }));
	// Those short of a part first, each group by name as `people` is.
	const progress = $derived(
		memberDutyYears(
			people,
			activities.current,
			checkIns.current,
			year(),
			byMember(summaries.current),
			claims.current
		).sort((a, b) => Number(shortOfDuties(b.year)) - Number(shortOfDuties(a.year)))
	);
	const gaps = $derived(progress.filter((p) => shortOfDuties(p.year)));
	return {
		get members() {
			return people;
		},
		/** R8: the ethnic-unity activity and the themed party day, with who missed each. */
		get duties() {
			return duties;
		},
		/** R16 for every member: project or post, micro-wish, lecture, community activity. */
		get progress() {
			return progress;
		},
		/** The members short of any part of R16 this year. */
		get gaps() {
			return gaps;
		}
	};
}

// Rebuilt whole on each change and never mutated, so a plain Map will do.
function byMember(summaries: readonly MemberYearSummary[]): ReadonlyMap<string, StoredYear> {
	return new Map(summaries.map((summary) => [summary.memberId, summary]));
}

/**
 * One member's R16 progress this year, as the secretary's device sees it: their check-ins, their
 * claims with the communities' decisions, and the worker's summary of their year.
 */
export function observeMemberDutyYear(member: () => Member, year: () => number) {
	const device = signedInDevice();
	const activities = observe(() => device.db.activities.find().$.pipe(activityDocs()), []);
	const checkIns = observe(
		() =>
			device.db.attendance
				.find({ selector: { kind: { $in: ['in', 'fix'] }, memberId: member().id } })
				.$.pipe(resolvedAttendance()),
		[]
	);
	const claims = observeClaimRecords(() => ({ memberId: member().id }));
	const summaries = observe(() => branchMemberYears(device.db, member().branchId, year()), []);
	const progress = $derived(
		memberDutyYears(
			[{ id: member().id, name: member().name }],
			activities.current,
			checkIns.current,
			year(),
			byMember(summaries.current),
			claims.current
		)[0]?.year
	);
	return {
		get current() {
			return progress;
		}
	};
}
