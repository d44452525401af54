import type { BadgeClaims } from '../codes/badge-token';
import {
	lengthProblem,
	MAX_CAPACITY,
	MAX_ORGANISERS,
	MAX_SPEAKERS,
	MAX_USERNAME_LENGTH,
	type Activity,
	type ActivityType,
	type Expected
} from './activities';
import { attendanceId, type Attendance, type AttendanceKind } from './attendance-record';
import { activityKeyId, type Credential } from '../codes/credentials';
import { newKeyPair } from '../codes/ed25519-signing';
import { withChannels } from '../access/write-policy';

/** What a person fills in to create an activity; ids, keys and channels are made here. */
export type ActivityInput = Omit<
	Activity,
	'id' | 'publicKey' | 'createdBy' | 'updatedAt' | 'channels' | 'cancelled'
>;

/** The activity form as filled in; the times already read as instants (null when unreadable). */
export interface ActivityDraft {
	type: ActivityType;
	title: string;
	place: string;
	startsAt: string | null;
	endsAt: string | null;
	/** Places, as typed; empty for no limit. */
	capacity: string;
	/** Further organisers' usernames, as typed. */
	organisers: string;
	expected: Expected;
	speakers: readonly string[];
}

/** The first thing to correct in a draft, in the order the form shows its fields. */
export type DraftProblem =
	'title' | 'place' | 'time' | 'ends-first' | 'too-long' | 'capacity' | 'organisers';

/** The further organisers named in `text` (split at commas, 、 or spaces), the creator left out. */
export function organiserNames(text: string, createdBy: string): string[] {
	const names = text
		.split(/[,，、\s]+/)
		.map((name) => name.trim())
		.filter((name) => name && name !== createdBy);
	return [...new Set(names)];
}

/**
 * The activity a draft describes, held in `communityId` (for `host`, when a branch holds it), or
 * the first problem with it. The checks are those of the schema and policy, so the person learns
 * of a mistake while filling in the form rather than from a refused write.
 */
export function readActivityDraft(
	draft: ActivityDraft,
	where: { communityId: string; host: { id: string } | null; createdBy: string }
): { ok: true; input: ActivityInput } | { ok: false; problem: DraftProblem } {
	const fail = (problem: DraftProblem) => ({ ok: false, problem }) as const;
	const { host } = where;
	const title = draft.title.trim();
	const place = draft.place.trim();
	if (!title) return fail('title');
	if (!place) return fail('place');
	const { startsAt, endsAt } = draft;
	if (!startsAt || !endsAt) return fail('time');
	const length = lengthProblem({ startsAt, endsAt });
	if (length) return fail(length);
	const places = draft.capacity.trim();
	if (places && (!/^\d+$/.test(places) || Number(places) < 1 || Number(places) > MAX_CAPACITY)) {
		return fail('capacity');
	}
	const organisers = organiserNames(draft.organisers, where.createdBy);
	// The creator is always one of the organisers.
	if (
		organisers.length + 1 > MAX_ORGANISERS ||
		organisers.some((name) => name.length > MAX_USERNAME_LENGTH)
	) {
		return fail('organisers');
	}
	const speakers = draft.type === 'lecture' ? draft.speakers.slice(0, MAX_SPEAKERS) : [];
	return {
		ok: true,
		input: {
			type: draft.type,
			title,
			communityId: where.communityId,
			...(host ? { hostBranchId: host.id } : {}),
			place,
			startsAt,
			endsAt,
			...(places ? { capacity: Number(places) } : {}),
			// Only a branch can be expected as a whole.
			expected: host ? draft.expected : 'signup',
			organisers,
			...(speakers.length ? { speakers } : {})
		}
	};
}

/** A short, URL-safe, practically unique id made offline on the device. */
export function newActivityId(now: Date, random: () => number = Math.random): string {
	const tail = Math.floor(random() * 36 ** 6)
		.toString(36)
		.padStart(6, '0');
	return `act-${now.getTime().toString(36)}${tail}`;
}

/**
 * A new activity and its code-signing key: the public half goes on the (public) activity, the
 * secret half into a credential that replicates to the organisers only.
 */
export function activityWithKey(
	input: ActivityInput,
	createdBy: string,
	now: Date,
	id: string = newActivityId(now)
): { activity: Activity; credential: Credential } {
	const keys = newKeyPair();
	const organisers = [...new Set([createdBy, ...input.organisers])];
	const updatedAt = now.toISOString();
	const activity = withChannels('activities', {
		...input,
		id,
		organisers,
		publicKey: keys.publicKey,
		createdBy,
		updatedAt,
		channels: []
	} satisfies Activity);
	const credential = withChannels('credentials', {
		id: activityKeyId(id),
		kind: 'activity-key',
		activityId: id,
		communityId: input.communityId,
		...(input.hostBranchId ? { hostBranchId: input.hostBranchId } : {}),
		organisers,
		secretKey: keys.secretKey,
		publicKey: keys.publicKey,
		createdBy,
		updatedAt,
		channels: []
	} satisfies Credential);
	return { activity, credential };
}

/** The member an attendance record is about, as the recording device knows them. */
export type Attendee = Pick<BadgeClaims, 'memberId' | 'branchId' | 'orgId' | 'name'>;

export interface RecordInput {
	activity: Pick<Activity, 'id' | 'communityId' | 'hostBranchId'>;
	attendee: Attendee;
	kind: AttendanceKind;
	recordedBy: string;
	at: Date;
	method?: Attendance['method'];
	proof?: string;
	reason?: string;
	clockSkewMs?: number;
}

/** An attendance document (sign-up, check-in or check-out) with its deterministic id. */
export function attendanceRecord(input: RecordInput): Attendance {
	const { activity, attendee } = input;
	return withChannels('attendance', {
		id: attendanceId(activity.id, attendee.memberId, input.kind),
		kind: input.kind,
		activityId: activity.id,
		communityId: activity.communityId,
		...(activity.hostBranchId ? { hostBranchId: activity.hostBranchId } : {}),
		memberId: attendee.memberId,
		memberName: attendee.name,
		branchId: attendee.branchId,
		orgId: attendee.orgId,
		at: input.at.toISOString(),
		...(input.method ? { method: input.method } : {}),
		...(input.proof ? { proof: input.proof } : {}),
		...(input.reason ? { reason: input.reason.trim() } : {}),
		recordedBy: input.recordedBy,
		...(input.clockSkewMs ? { clockSkewMs: Math.round(input.clockSkewMs) } : {}),
		channels: []
	} satisfies Attendance);
}
