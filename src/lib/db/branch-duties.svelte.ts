import type { Activity, Attendance, Member } from '../domain/registry';
import { branchDuties, memberDutyGaps } from '../domain/events/yearly-duties';
import { signedInDevice } from './device-context.svelte';
import { observe } from './observe.svelte';
import { plainDocs } from './plain-docs';

/**
 * A branch's yearly duties from what its secretary's device holds: the branch's members, the
 * branch's activities and its linked community's, and the check-ins of the branch's members.
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
		() => device.db.attendance.find({ selector: { kind: 'in' } }).$.pipe(plainDocs<Attendance>()),
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
	const gaps = $derived(memberDutyGaps(people, activities.current, checkIns.current, year()));
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
