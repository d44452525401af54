import { recordYear, shanghaiYear } from '../calendar/shanghai-calendar';
import {
	hasEnded,
	isServiceActivity,
	type Activity,
	type ServiceActivityType
} from '../events/activities';
import { isAttendanceFix, latestFix } from '../events/attendance-fixes';
import { attendanceId, isAttendanceRecord, type Attendance } from '../events/attendance-record';
import { isLateSync } from '../events/late-sync';
import { attendanceRow, type RuleOf } from '../events/service-hours';
import { confirmed, type ClaimRecords } from '../events/yearly-duties';
import type { Claim } from '../marketplace/claim-record';
import type { Member } from '../people/members';
import {
	activityRecordId,
	claimRecordId,
	MAX_TRAIL,
	serviceRecords,
	type RecordValues,
	type ServiceCategory,
	type ServiceRecord,
	type TrailEntry
} from './service-record';

/** What the worker derives for one member and year, before it knows the stored version. */
export type RecordDraft = Omit<
	ServiceRecord,
	'submission' | 'submittedAt' | 'trail' | 'updatedAt' | 'channels'
> & {
	/** Who made it what it is now, and why: the organiser who resolved 需核实 (the fix's). */
	because?: { by: string; reason?: string };
};

export interface DerivationInputs {
	member: Pick<Member, 'id' | 'name' | 'branchId' | 'orgId'>;
	/** The activities the member's check-ins cite. */
	activities: readonly Activity[];
	/** The member's attendance docs of the year: check-ins/outs, the server's late-sync notes, 需核实 fixes. */
	attendance: readonly { kind?: unknown }[];
	/** The member's claims and the community's decisions on them. */
	claims: ClaimRecords;
	ruleOf: RuleOf;
	year: number;
	/** Before an activity ends nothing is derived from it. */
	now: Date;
}

/** Who the worker is in a record's trail. */
export const SYSTEM = 'system';

/** A trail entry's reason is at most this long (the schema's). */
const MAX_TRAIL_REASON = 200;

type ServiceActivity = Activity & { type: ServiceActivityType };

function categoryOf(activity: ServiceActivity, memberId: string): ServiceCategory {
	return activity.type === 'lecture' && activity.speakers?.includes(memberId)
		? 'lecture-given'
		: activity.type;
}

/**
 * The record of the member's check-in at an activity, or null while the activity runs. A
 * cancelled activity's record is withdrawn (only a stored one is: nextRecord makes none new).
 */
function activityRecord(
	inputs: DerivationInputs,
	activity: ServiceActivity,
	checkIn: Attendance
): RecordDraft | null {
	const { member, attendance, ruleOf, now } = inputs;
	if (!activity.cancelled && !hasEnded(activity, now)) return null;
	const own = (kind: 'out') =>
		attendance.find(
			(doc): doc is Attendance =>
				isAttendanceRecord(doc) &&
				doc.kind === kind &&
				doc.activityId === activity.id &&
				doc.memberId === member.id
		) ?? null;
	const fix = latestFix(attendance.filter(isAttendanceFix), activity.id, member.id);
	const row = attendanceRow(
		activity,
		{ memberId: member.id, memberName: member.name, branchId: member.branchId },
		checkIn,
		own('out'),
		{ rule: ruleOf(member.orgId), lateSyncs: attendance.filter(isLateSync), now, fix }
	);
	const withdrawn = activity.cancelled === true || fix?.outcome === 'absent';
	return {
		id: activityRecordId(activity.id, member.id),
		kind: 'service-record',
		origin: 'activity',
		sourceId: checkIn.id,
		activityId: activity.id,
		memberId: member.id,
		memberName: member.name,
		branchId: member.branchId,
		orgId: member.orgId,
		communityId: activity.communityId,
		...(activity.hostBranchId ? { hostBranchId: activity.hostBranchId } : {}),
		category: categoryOf(activity, member.id),
		// The time as the organiser's resolution corrected it.
		at: row.checkIn?.at ?? checkIn.at,
		minutes: row.minutes,
		description: activity.title,
		photos: [],
		...(row.status === 'flagged' && !withdrawn ? { flagged: true } : {}),
		...(withdrawn ? { withdrawn: true } : {}),
		...(fix ? { because: { by: fix.recordedBy, reason: fix.reason } } : {})
	};
}

function claimRecord(
	inputs: DerivationInputs,
	claim: Claim & { done: NonNullable<Claim['done']> }
) {
	const { member } = inputs;
	const draft: RecordDraft = {
		id: claimRecordId(claim.id),
		kind: 'service-record',
		origin: 'claim',
		sourceId: claim.id,
		memberId: member.id,
		memberName: member.name,
		branchId: member.branchId,
		orgId: member.orgId,
		communityId: claim.communityId,
		category: claim.itemKind,
		at: claim.done.at,
		minutes: claim.done.minutes,
		// A claim carries no title of its item: the member's note says what was done.
		description: claim.done.note,
		photos: [...claim.done.photos]
	};
	return draft;
}

/**
 * The member's activity and claim records of a year: one per service activity checked in at
 * (minutes by the existing rules, 需核实 resolutions applied, `flagged` while unresolved, withdrawn
 * when marked absent or the activity is cancelled) and one per claim confirmed done (withdrawn if
 * no longer). A joint meeting is governance, not service: its check-ins make no record.
 *
 * A record is of the Shanghai year of its own time (the check-in as corrected, the claim's done):
 * the year its channels carry. A stored derived record missing from the result (a claim returned
 * or cancelled) is the worker's to withdraw with `nextRecord(stored, null, …)`.
 */
export function derivedRecords(inputs: DerivationInputs): RecordDraft[] {
	const { member, activities, attendance, claims, year } = inputs;
	const byId = new Map(activities.map((a) => [a.id, a]));
	const fromActivities = attendance.flatMap((doc) => {
		if (!isAttendanceRecord(doc) || doc.kind !== 'in' || doc.memberId !== member.id) return [];
		const activity = byId.get(doc.activityId);
		if (!activity || !isServiceActivity(activity)) return [];
		if (doc.id !== attendanceId(activity.id, member.id, 'in')) return [];
		const draft = activityRecord(inputs, activity, doc);
		return draft && recordYear(draft.at) === year ? [draft] : [];
	});
	const fromClaims = claims.claims.flatMap((claim) =>
		claim.memberId === member.id &&
		claim.done &&
		shanghaiYear(claim.done.at) === year &&
		confirmed(claim, claims.decisions)
			? [claimRecord(inputs, { ...claim, done: claim.done })]
			: []
	);
	return [...fromActivities, ...fromClaims].sort((a, b) =>
		a.id < b.id ? -1 : a.id > b.id ? 1 : 0
	);
}

/** The fields of a record the worker derives; a change of any is a new submission. */
const DERIVED_FIELDS = [
	'origin',
	'sourceId',
	'activityId',
	'memberName',
	'branchId',
	'orgId',
	'communityId',
	'hostBranchId',
	'category',
	'at',
	'minutes',
	'description',
	'photos',
	'flagged',
	'withdrawn'
] as const satisfies readonly (keyof RecordDraft)[];

const VALUE_FIELDS = [
	'at',
	'minutes',
	'description',
	'communityId'
] as const satisfies readonly (keyof RecordValues)[];

/** Flags absent and false are the same; so are the record's other optional fields and undefined. */
function sameField(a: unknown, b: unknown): boolean {
	return (
		JSON.stringify(a === false ? undefined : a) === JSON.stringify(b === false ? undefined : b)
	);
}

function changeOf(stored: ServiceRecord, draft: RecordDraft): TrailEntry['change'] {
	if (draft.withdrawn && !stored.withdrawn) return 'withdrawn';
	if (stored.withdrawn && !draft.withdrawn) return 'restored';
	if (stored.flagged && !draft.flagged) return 'resolved';
	return 'changed';
}

/** The trail with one more entry: the first (`created`) and the latest stay when it is full. */
function appended(trail: readonly TrailEntry[], entry: TrailEntry): TrailEntry[] {
	const next = [...trail, entry];
	return next.length <= MAX_TRAIL
		? next
		: [...next.slice(0, 1), ...next.slice(next.length - MAX_TRAIL + 1)];
}

/**
 * Who a change is owed to: the organiser whose resolution it applies — once; a later change of
 * a record resolved before (the activity's times edited, say) is the worker's.
 */
function authorOf(
	stored: ServiceRecord,
	because: RecordDraft['because']
): Pick<TrailEntry, 'by' | 'reason'> {
	if (!because) return { by: SYSTEM };
	const reason = because.reason?.slice(0, MAX_TRAIL_REASON);
	const applied = stored.trail.some((e) => e.by === because.by && e.reason === reason);
	if (applied) return { by: SYSTEM };
	return reason ? { by: because.by, reason } : { by: because.by };
}

/** The record's fields of a draft, and why it is what it is. */
function split(draft: RecordDraft): [Omit<RecordDraft, 'because'>, RecordDraft['because']] {
	const { because, ...fields } = draft;
	return [fields, because];
}

/**
 * The record the worker stores for a draft, given the stored one: null when nothing changed;
 * a new record at submission 1 (`created` in its trail); a changed one at submission + 1 with
 * the previous values in a `changed`/`resolved`/`withdrawn`/`restored` trail entry; `draft`
 * null withdraws a stored record (never deletes it: its history stays).
 */
export function nextRecord(
	stored: ServiceRecord | null,
	draft: RecordDraft | null,
	at: string
): ServiceRecord | null {
	if (!stored) {
		// Nothing to withdraw: a record is made only of service that counts.
		if (!draft || draft.withdrawn) return null;
		const record = {
			...split(draft)[0],
			submission: 1,
			submittedAt: at,
			trail: [{ at, by: SYSTEM, change: 'created' as const }],
			updatedAt: at
		};
		return { ...record, channels: serviceRecords.channelsOf({ ...record, channels: [] }) };
	}
	const [target, because] = draft ? split(draft) : [{ ...stored, withdrawn: true }, undefined];
	const changed = DERIVED_FIELDS.filter((f) => !sameField(stored[f], target[f]));
	if (changed.length === 0) return null;
	const change = changeOf(stored, target);
	const before = Object.fromEntries(
		VALUE_FIELDS.filter((f) => changed.includes(f)).map((f) => [f, stored[f]])
	) as Partial<RecordValues>;
	const entry: TrailEntry = {
		at,
		...authorOf(stored, because),
		change,
		...(Object.keys(before).length > 0 ? { before } : {})
	};
	const record = {
		...target,
		submission: stored.submission + 1,
		submittedAt: at,
		trail: appended(stored.trail, entry),
		updatedAt: at
	};
	return { ...record, channels: serviceRecords.channelsOf({ ...record, channels: [] }) };
}
