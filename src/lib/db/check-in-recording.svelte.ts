import { attendanceId, type Activity, type Attendance, type CheckMethod } from '../domain/registry';
import { organiserRecord, type CheckKind, type Person } from '../domain/events/kiosk-check-in';
import { walkInRecord } from '../domain/events/walk-ins';
import { SvelteSet } from 'svelte/reactivity';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { writeChecked } from './local-write';
import { observe } from './observe.svelte';
import { attendanceRecords } from './attendance-docs';
import type { WriteOutcome } from './write-outcome';
import { activityDocs } from './activity-docs';

/** Stores one check-in or check-out of the kind the organiser chose, and says what became of it. */
export type RecordCheck = (
	person: Person,
	method: Exclude<CheckMethod, 'code'>,
	/** A scanned presentation, a typed short code (the record gets a proof made from it), or a reason. */
	evidence: { proof?: string; typedCode?: string; reason?: string }
) => Promise<WriteOutcome>;

/** Stores a check-in by name of someone on no list and not found (需核实 until resolved). */
export type RecordWalkIn = (name: string, reason: string) => Promise<WriteOutcome>;

/**
 * A walk-in found by their full mobile number through the server (online only): the person a
 * check-in records, or why not — `invalid` number, `not-found`, `limited` (too many lookups for
 * now), `offline`.
 */
export type FindByMobile = (
	mobile: string
) => Promise<
	| { ok: true; person: Person }
	| { ok: false; problem: 'invalid' | 'not-found' | 'limited' | 'offline' }
>;

/** Whether the member already has a check-in (or check-out) of this activity on this device. */
export type IsRecorded = (memberId: string, kind: CheckKind) => boolean;

/** A member's name, branch and bureau from a profile this device holds. */
export type FindPerson = (memberId: string) => Promise<Person | undefined>;

/**
 * An organiser's check-ins at one activity: recording them (of the kind chosen), and knowing
 * whom this device has already recorded. Call during component initialisation.
 */
export function organiserCheckIns(
	activity: () => Activity,
	records: () => readonly Attendance[],
	kind: () => CheckKind
): {
	isRecorded: IsRecorded;
	record: RecordCheck;
	recordWalkIn: RecordWalkIn;
	findPerson: FindPerson;
	findByMobile: FindByMobile;
} {
	const device = signedInDevice();
	// Written here but not yet back from the local query: a second scan a moment later must see them.
	const written = new SvelteSet<string>();
	const stored = $derived(idsOf(records()));

	return {
		isRecorded(memberId, recordKind) {
			const id = attendanceId(activity().id, memberId, recordKind);
			return stored.has(id) || written.has(id);
		},
		// Checked on the device as the gateway will check it, so a refusal is known at once.
		async record(person, method, evidence) {
			const current = activity();
			const doc = organiserRecord({
				activity: current,
				person,
				kind: kind(),
				method,
				...evidence,
				recordedBy: device.actor.username,
				at: currentTime(),
				clockSkewMs: device.clockSkewMs
			});
			written.add(doc.id);
			const outcome = await device.write((db, actor) =>
				writeChecked(db, 'attendance', actor, doc, current)
			);
			if (outcome.kind !== 'saved') written.delete(doc.id);
			return outcome;
		},
		recordWalkIn(name, reason) {
			const current = activity();
			const doc = walkInRecord({
				activity: current,
				name,
				reason,
				recordedBy: device.actor.username,
				at: currentTime()
			});
			return device.write((db, actor) => writeChecked(db, 'attendance', actor, doc, current));
		},
		async findByMobile(mobile) {
			let response: Response;
			try {
				response = await fetch('/api/member-lookup', {
					method: 'POST',
					credentials: 'same-origin',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ activityId: activity().id, mobile })
				});
			} catch {
				return { ok: false, problem: 'offline' };
			}
			if (response.ok) {
				return { ok: true, person: ((await response.json()) as { person: Person }).person };
			}
			const problem =
				response.status === 400 ? 'invalid' : response.status === 429 ? 'limited' : 'not-found';
			return { ok: false, problem };
		},
		async findPerson(memberId) {
			const member = (await device.db.members.findOne(memberId).exec())?.toMutableJSON();
			return member
				? { memberId, memberName: member.name, branchId: member.branchId, orgId: member.orgId }
				: undefined;
		}
	};
}

/**
 * What a member's device needs to check them in by an activity's code: every activity it holds
 * and the member's own attendance, live. Call during component initialisation.
 */
export function observeSelfCheckIn() {
	const device = signedInDevice();
	const activities = observe(() => device.db.activities.find().$.pipe(activityDocs()), []);
	const own = observe(
		() =>
			device.db.attendance
				.find({ selector: { memberId: device.actor.memberId ?? '' } })
				.$.pipe(attendanceRecords()),
		[]
	);
	const byId = $derived(byIdOf(activities.current));
	return {
		activity(id: string): Activity | undefined {
			return byId.get(id);
		},
		/** The member's own records at one activity. */
		ownAt(activityId: string): Attendance[] {
			return own.current.filter((r) => r.activityId === activityId);
		},
		/**
		 * The activity of a scanned code this device does not hold (another community's event the
		 * member walked into), asked of the server with the code as proof; null offline or unknown.
		 */
		async lookUp(code: string): Promise<Activity | null> {
			try {
				const response = await fetch('/api/activity-lookup', {
					method: 'POST',
					credentials: 'same-origin',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ code })
				});
				if (!response.ok) return null;
				return ((await response.json()) as { activity: Activity }).activity;
			} catch {
				return null;
			}
		}
	};
}

// Lookups rebuilt whole on each change and never mutated, so plain Set and Map will do.
function idsOf(records: readonly Attendance[]): ReadonlySet<string> {
	return new Set(records.map((r) => r.id));
}

function byIdOf(activities: readonly Activity[]): ReadonlyMap<string, Activity> {
	return new Map(activities.map((a) => [a.id, a]));
}
