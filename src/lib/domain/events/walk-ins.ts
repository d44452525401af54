import { sha256 } from '@noble/hashes/sha2.js';
import { channel, inYear, normalizeChannels } from '../access/channels';
import { recordYear } from '../calendar/shanghai-calendar';
import { toHex } from '../codes/byte-encoding';
import { reject } from '../access/write-verdict';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import type { Activity } from './activities';
import { checkRecordTime, citedActivity, isVerdict } from './activity-records';

/**
 * Someone an organiser checked in by name who is on no list the organiser's device holds and
 * could not be found (offline, no badge, no phone): a note for the organisers to resolve later.
 * It names nobody in the registry, so it counts for no one's service until it is resolved.
 */
export interface WalkIn {
	id: string;
	kind: 'walk-in';
	activityId: string;
	communityId: string;
	hostBranchId?: string;
	/** The name as the person gave it. */
	name: string;
	reason: string;
	at: string;
	recordedBy: string;
	channels: string[];
}

const encoder = new TextEncoder();

/** The name as written, without the spaces people type around or inside Chinese names. */
export function walkInName(name: string): string {
	return name.replace(/\s+/g, ' ').trim();
}

/**
 * One note per activity and name: two organisers who wrote down the same person offline write the
 * same document. Ids stay URL-safe, so the name goes in as a digest.
 */
export function walkInId(activityId: string, name: string): string {
	const digest = toHex(sha256(encoder.encode(walkInName(name)))).slice(0, 16);
	return `${activityId}.walk-in.${digest}`;
}

export function isWalkIn(doc: object): doc is WalkIn {
	return (doc as { kind?: unknown }).kind === 'walk-in';
}

/** The people checked in by name only at an activity, in the order they came. */
export function walkInsAt(docs: readonly object[], activityId: string): WalkIn[] {
	return docs
		.filter(isWalkIn)
		.filter((w) => w.activityId === activityId)
		.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The organisers' readers of the activity's records: its community and host branch. */
function walkInChannels(w: Pick<WalkIn, 'communityId' | 'hostBranchId' | 'at'>): string[] {
	return normalizeChannels(
		[
			channel.community(w.communityId),
			...(w.hostBranchId ? [channel.branch(w.hostBranchId)] : [])
		].map((base) => inYear(base, recordYear(w.at)))
	);
}

/** What an organiser's device writes for a person checked in by name only. */
export function walkInRecord(input: {
	activity: Pick<Activity, 'id' | 'communityId' | 'hostBranchId'>;
	name: string;
	reason: string;
	recordedBy: string;
	at: Date;
}): WalkIn {
	const { activity } = input;
	const name = walkInName(input.name);
	const fields = {
		id: walkInId(activity.id, name),
		kind: 'walk-in' as const,
		activityId: activity.id,
		communityId: activity.communityId,
		...(activity.hostBranchId ? { hostBranchId: activity.hostBranchId } : {}),
		name,
		reason: input.reason.trim(),
		at: input.at.toISOString(),
		recordedBy: input.recordedBy
	};
	return { ...fields, channels: walkInChannels(fields) };
}

export const walkIns: KindDefinition<WalkIn> = {
	name: 'walk-in',
	kindValues: ['walk-in'],
	schema: {
		title: 'walk-in',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['walk-in'] },
			activityId: idRef,
			communityId: idRef,
			hostBranchId: idRef,
			name: { type: 'string', minLength: 1, maxLength: 50 },
			// As the attendance kind has it: kinds of one collection define a field alike.
			reason: { type: 'string', maxLength: 200 },
			at: instant,
			recordedBy: { type: 'string', minLength: 1, maxLength: 64 },
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'activityId',
			'communityId',
			'name',
			'reason',
			'at',
			'recordedBy',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: walkInChannels,
	subjectOf: (w) => ({ collection: 'activities', id: w.activityId }),
	policy: ({ actor, prev, next, deleting, subject, now }) => {
		if (next.id !== walkInId(next.activityId, next.name) || next.name !== walkInName(next.name)) {
			return reject('invalid', 'id');
		}
		const activity = citedActivity(subject, next);
		if (isVerdict(activity)) return activity;
		if (next.recordedBy !== actor.username) return reject('not-owner');
		if (!activity.organisers.includes(actor.username)) return reject('forbidden');
		// The first organiser's note stands; a second one of the same name changes nothing.
		if (prev || deleting) return reject('append-only');
		if (activity.cancelled) return reject('forbidden', 'cancelled');
		if (!next.reason.trim()) return reject('invalid', 'reason');
		return checkRecordTime(activity, next.at, now);
	}
};
