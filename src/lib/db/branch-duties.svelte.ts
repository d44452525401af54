import type { Activity, Member, MemberYearSummary } from '../domain/registry';
import { branchDuties, memberDutyGaps, type MemberYear } from '../domain/events/yearly-duties';
import { signedInDevice } from './device-context.svelte';
import { branchMemberYears } from './member-year-summaries';
import { observe } from './observe.svelte';
import { attendanceRecords } from './attendance-docs';
import { plainDocs } from './plain-docs';

/**
 * A branch's yearly duties from what its secretary's device holds: the branch's members, the
 * branch's activities and its linked community's, the check-ins of the branch's members, and the
 * worker's summaries of their year (which count check-ins at activities held elsewhere).
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
	const activities = observe(() => device.db.activities.find().$.pipe(plainDocs<Activity>()), []);
	const checkIns = observe(
		() => device.db.attendance.find({ selector: { kind: 'in' } }).$.pipe(attendanceRecords()),
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
	const gaps = $derived(
		memberDutyGaps(
			people,
			activities.current,
			checkIns.current,
			year(),
			byMember(summaries.current)
		)
	);
	return {
		get members() {
			return people;
		},
		/** R8: the ethnic-unity activity and the themed party day, with who missed each. */
		get duties() {
			return duties;
		},
		/** R16's attendance parts: members without a community activity or a lecture this year. */
		get gaps() {
			return gaps;
		}
	};
}

// Rebuilt whole on each change and never mutated, so a plain Map will do.
function byMember(summaries: readonly MemberYearSummary[]): ReadonlyMap<string, MemberYear> {
	return new Map(summaries.map((summary) => [summary.memberId, summary]));
}
