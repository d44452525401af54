import type { Activity, Attendance, Community, Org } from '../domain/registry';
import { listedFor, recent, upcoming } from '../domain/events/activity-listing';
import type { RuleOf } from '../domain/events/service-hours';
import { observeRoundingRules } from './service-rounding.svelte';
import { grantsOf, type Actor } from '../domain/access/roles';
import type { BaodaoDatabase } from './database';
import { observe } from './observe.svelte';
import { plainDocs } from './plain-docs';

/** One member's records at one activity, by kind. */
export interface OwnAttendance {
	signup?: Attendance;
	in?: Attendance;
	out?: Attendance;
}

/** The activities a person may see, their communities' names and this device's attendance, live. */
export function observeActivities(database: () => BaodaoDatabase, actor: () => Actor) {
	const activities = observe(() => database().activities.find().$.pipe(plainDocs<Activity>()), []);
	const attendance = observe(
		() => database().attendance.find().$.pipe(plainDocs<Attendance>()),
		[]
	);
	const communities = observe(
		() =>
			database()
				.communities.find({ selector: { kind: 'community' } })
				.$.pipe(plainDocs<Community>()),
		[]
	);
	const branches = observe(
		() =>
			database()
				.orgs.find({
					selector: { id: { $in: grantsOf(actor().roles, 'secretary').map((g) => g.branchId) } }
				})
				.$.pipe(plainDocs<Org>()),
		[]
	);
	const visible = $derived.by(() => {
		const linked = branches.current.flatMap((b) => b.linkedCommunityId ?? []);
		return activities.current.filter(listedFor(actor(), linked));
	});
	// Plain records rather than Maps: rebuilt whole on each change, never mutated by the screen.
	const communityNames = $derived(
		Object.fromEntries(communities.current.map((c) => [c.id, c.name]))
	);
	const signups = $derived(
		attendance.current.reduce<Record<string, number>>((counts, record) => {
			if (record.kind === 'signup')
				counts[record.activityId] = (counts[record.activityId] ?? 0) + 1;
			return counts;
		}, {})
	);
	const own = $derived(
		attendance.current.reduce<Record<string, OwnAttendance>>((mine, record) => {
			if (record.memberId === actor().memberId) {
				mine[record.activityId] = { ...mine[record.activityId], [record.kind]: record };
			}
			return mine;
		}, {})
	);
	const rounding = observeRoundingRules(database);
	return {
		/** How each member's bureau rounds service time. */
		get ruleOf(): RuleOf {
			return rounding.current;
		},
		get all(): Activity[] {
			return activities.current;
		},
		get visible(): Activity[] {
			return visible;
		},
		/** Activities not over yet, soonest first. */
		upcoming(now: Date): Activity[] {
			return upcoming(visible, now);
		},
		/** Activities that ended within the last month, latest first. */
		recent(now: Date): Activity[] {
			return recent(visible, now);
		},
		get attendance(): Attendance[] {
			return attendance.current;
		},
		get branches(): Org[] {
			return branches.current;
		},
		get communities(): Community[] {
			return communities.current;
		},
		communityName(id: string): string {
			return communityNames[id] ?? id;
		},
		/** Sign-ups this device knows of: a member's device holds only the member's own. */
		signupsOf(activityId: string): number {
			return signups[activityId] ?? 0;
		},
		ownAt(activityId: string): OwnAttendance {
			return own[activityId] ?? {};
		}
	};
}
