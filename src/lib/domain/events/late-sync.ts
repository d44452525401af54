import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import { attendanceChannels, attendanceId, type Attendance } from './attendance-record';

/**
 * How long a member's own check-in may take to reach the server and still count as made when its
 * time says. A phone with signal sends it within seconds; one at an event with spotty signal,
 * within minutes of finding some. Later than this, the time is only the phone's word: a phone whose
 * clock was set back could pass a photo of an older code (issue 12, item 10a).
 */
export const LATE_SYNC_FLAG_MS = 15 * 60_000;

/**
 * The server's note that a self-scanned check-in (or check-out) reached it long after its own
 * time. The check-in is stored exactly as sent (principle 4); this server-owned note beside it
 * makes the attendance list flag it 需核实 for the organiser who was there.
 */
export interface LateSync {
	id: string;
	kind: 'late-sync';
	/** Which record of the member at the activity: their check-in or check-out. */
	of: 'in' | 'out';
	activityId: string;
	communityId: string;
	hostBranchId?: string;
	memberId: string;
	branchId: string;
	orgId: string;
	/** The record's own time, as sent: the note concerns that version of it. */
	at: string;
	/** When the server first accepted it. */
	receivedAt: string;
	channels: string[];
}

/** One note per version of a record (its time is in the id), so a later version gets its own. */
export function lateSyncId(record: Pick<Attendance, 'activityId' | 'memberId' | 'kind' | 'at'>) {
	return `${attendanceId(record.activityId, record.memberId, record.kind)}.late.${Date.parse(record.at)}`;
}

/**
 * The note the server keeps when it accepts `next`, if any: a check-in or check-out the member
 * recorded with the activity's code, new in this version, that arrived later than the window
 * allows. Organisers' records are theirs to answer for; they are not flagged for syncing late.
 */
export function lateSyncNote(
	next: Attendance,
	prev: Attendance | null,
	receivedAt: Date
): LateSync | null {
	if (next.kind === 'signup' || next.method !== 'code') return null;
	if (prev && prev.at === next.at && prev.method === next.method) return null;
	const at = Date.parse(next.at);
	if (Number.isNaN(at) || receivedAt.getTime() - at <= LATE_SYNC_FLAG_MS) return null;
	return {
		id: lateSyncId(next),
		kind: 'late-sync',
		of: next.kind,
		activityId: next.activityId,
		communityId: next.communityId,
		...(next.hostBranchId ? { hostBranchId: next.hostBranchId } : {}),
		memberId: next.memberId,
		branchId: next.branchId,
		orgId: next.orgId,
		at: next.at,
		receivedAt: receivedAt.toISOString(),
		channels: attendanceChannels(next)
	};
}

/** Whether `note` is the server's note of this very version of `record`. */
export function isLateSyncOf(note: LateSync, record: Attendance | null): boolean {
	return (
		record !== null &&
		note.of === record.kind &&
		note.activityId === record.activityId &&
		note.memberId === record.memberId &&
		Date.parse(note.at) === Date.parse(record.at)
	);
}

export function isLateSync(doc: { kind?: unknown }): doc is LateSync {
	return doc.kind === 'late-sync';
}

export const lateSyncs: KindDefinition<LateSync> = {
	name: 'late-sync',
	kindValues: ['late-sync'],
	schema: {
		title: 'late-sync',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['late-sync'] },
			of: { type: 'string', enum: ['in', 'out'] },
			activityId: idRef,
			communityId: idRef,
			hostBranchId: idRef,
			memberId: idRef,
			branchId: idRef,
			orgId: idRef,
			at: instant,
			receivedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'of',
			'activityId',
			'communityId',
			'memberId',
			'branchId',
			'orgId',
			'at',
			'receivedAt',
			'channels'
		],
		additionalProperties: false
	},
	// Whoever reads the record reads the note about it.
	channelsOf: attendanceChannels,
	policy: null
};
