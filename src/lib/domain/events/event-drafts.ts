import type { BadgeClaims } from '../codes/badge-token';
import type { Activity } from './activities';
import { attendanceId, type Attendance, type AttendanceKind } from './attendance';
import { activityKeyId, type Credential } from '../codes/credentials';
import { newKeyPair } from '../codes/ed25519-signing';
import { withChannels } from '../access/write-policy';

/** What a person fills in to create an activity; ids, keys and channels are made here. */
export type ActivityInput = Omit<
	Activity,
	'id' | 'publicKey' | 'createdBy' | 'updatedAt' | 'channels' | 'cancelled'
>;

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
