import {
	attendanceId,
	type Activity,
	type Attendance,
	type Community,
	type Member,
	type Org
} from '../domain/registry';
import { listedFor, recent, upcoming } from '../domain/events/activity-listing';
import {
	activityWithKey,
	attendanceRecord,
	type ActivityInput,
	type Attendee
} from '../domain/events/event-drafts';
import type { CheckKind } from '../domain/events/kiosk-check-in';
import type { RuleOf } from '../domain/events/service-hours';
import { grantsOf, hasRole } from '../domain/access/roles';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, findOrg, orgsWhere } from './directory';
import { deleteChecked, writeChecked } from './local-write';
import { writeActivityWithKey } from './activity-keys';
import { observe } from './observe.svelte';
import { resolvedAttendance } from './attendance-docs';
import { plainDoc, plainDocs } from './plain-docs';
import { observeRoundingRules } from './service-rounding.svelte';
import type { WriteOutcome } from './write-outcome';
import { activityDocs } from './activity-docs';

/** One member's records at one activity, by kind. */
export interface OwnAttendance {
	signup?: Attendance;
	in?: Attendance;
	out?: Attendance;
}

/** The activities a person may see, their communities' names and this device's attendance, live. */
export function observeActivities() {
	const device = signedInDevice();
	const activities = observe(() => device.db.activities.find().$.pipe(activityDocs()), []);
	const attendance = observe(() => device.db.attendance.find().$.pipe(resolvedAttendance()), []);
	const communities = observe(() => communitiesWhere(device.db, { kind: 'community' }), []);
	const branches = observe(
		() =>
			orgsWhere(device.db, {
				id: { $in: grantsOf(device.actor.roles, 'secretary').map((g) => g.branchId) }
			}),
		[]
	);
	const visible = $derived.by(() => {
		const linked = branches.current.flatMap((b) => b.linkedCommunityId ?? []);
		return activities.current.filter(listedFor(device.actor, linked));
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
			if (record.memberId === device.actor.memberId) {
				mine[record.activityId] = { ...mine[record.activityId], [record.kind]: record };
			}
			return mine;
		}, {})
	);
	const rounding = observeRoundingRules();
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

/**
 * The signed-in person as their attendance records name them, when they are a member (only
 * members sign up and check in); the profile's name once the replica holds it.
 */
export function observeAttendee(): { readonly current: Attendee | null } {
	const device = signedInDevice();
	const profile = observe(() => {
		const memberId = device.actor.memberId;
		return memberId ? device.db.members.findOne(memberId).$.pipe(plainDoc<Member>()) : null;
	}, null);
	const attendee = $derived.by((): Attendee | null => {
		const actor = device.actor;
		const { memberId, branchId, orgId } = actor;
		if (!memberId || !branchId || !orgId || !hasRole(actor, 'member')) return null;
		const name = profile.current?.name ?? device.session.user.displayName;
		return { memberId, branchId, orgId, name };
	});
	return {
		get current() {
			return attendee;
		}
	};
}

/** The organisations, communities and members a person planning an activity chooses from, live. */
export function observeActivityPlanning() {
	const device = signedInDevice();
	const orgs = observe(() => orgsWhere(device.db), []);
	const communities = observe(() => communitiesWhere(device.db), []);
	const members = observe(() => device.db.members.find().$.pipe(plainDocs<Member>()), []);
	return {
		get orgs(): Org[] {
			return orgs.current;
		},
		get members(): Member[] {
			return members.current;
		},
		communityName(id: string): string {
			return communities.current.find((c) => c.id === id)?.name ?? id;
		}
	};
}

/**
 * What people do with activities: create and cancel them, sign up, check in by the activity's
 * code. Call during component initialisation.
 */
export function activityActions() {
	const device = signedInDevice();
	return {
		/** A new activity and its code-signing key, which replicates to the organisers only. */
		createActivity: async (
			input: ActivityInput,
			host: Org | null
		): Promise<{ outcome: WriteOutcome; activityId: string }> => {
			const { activity, credential } = activityWithKey(input, device.actor.username, currentTime());
			const outcome = await device.write((db, actor) =>
				writeActivityWithKey(db, actor, activity, credential, host)
			);
			return { outcome, activityId: activity.id };
		},
		signUp: (activity: Activity, attendee: Attendee): Promise<WriteOutcome> => {
			return device.write((db, actor) =>
				writeChecked(
					db,
					'attendance',
					actor,
					attendanceRecord({
						activity,
						attendee,
						kind: 'signup',
						recordedBy: actor.username,
						at: currentTime()
					}),
					activity
				)
			);
		},
		/** A sign-up is withdrawn by deleting it. */
		cancelSignUp: (activity: Activity, attendee: Attendee): Promise<WriteOutcome> => {
			return device.write((db, actor) =>
				deleteChecked(
					db,
					'attendance',
					actor,
					attendanceId(activity.id, attendee.memberId, 'signup'),
					activity
				)
			);
		},
		/** Stores the member's check-in (or check-out) by the activity code they scanned. */
		recordCheckIn: (input: {
			activity: Activity;
			attendee: Attendee;
			kind: CheckKind;
			at: Date;
			proof: string;
		}): Promise<WriteOutcome> => {
			const record = attendanceRecord({
				...input,
				recordedBy: device.actor.username,
				method: 'code',
				clockSkewMs: device.clockSkewMs
			});
			return device.write((db, actor) =>
				writeChecked(db, 'attendance', actor, record, input.activity)
			);
		},
		cancelActivity: (activity: Activity): Promise<WriteOutcome> => {
			return device.write(async (db, actor) => {
				// A branch's activity is checked against its branch (the policy reads its linked community).
				const branch = activity.hostBranchId ? await findOrg(db, activity.hostBranchId) : null;
				await writeChecked(
					db,
					'activities',
					actor,
					{ ...activity, cancelled: true, updatedAt: currentTime().toISOString() },
					branch
				);
			});
		}
	};
}
