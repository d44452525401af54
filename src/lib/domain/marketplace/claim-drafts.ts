import { claimId, MAX_DONE_MINUTES, MAX_DONE_PHOTOS, type Claim } from './claim-record';
import type { ServiceItem } from './service-items';

/** Limits of what a member writes when marking a claim done: the claims schema's. */
export const DONE_NOTE_MAX = 500;
export const DONE_MINUTES_MAX = MAX_DONE_MINUTES;
export const DONE_PHOTOS_MAX = MAX_DONE_PHOTOS;

/** Who claims, as their claim names them. */
export interface Claimer {
	memberId: string;
	memberName: string;
	branchId: string;
	orgId: string;
}

/** A new claim of the item, in `shift` for a post with shifts; its channels are the kind's. */
export function newClaim(item: ServiceItem, claimer: Claimer, now: Date, shift?: number): Claim {
	const at = now.toISOString();
	return {
		id: claimId(item.id, claimer.memberId),
		kind: 'claim',
		itemId: item.id,
		itemKind: item.kind,
		communityId: item.communityId,
		...claimer,
		...(shift === undefined ? {} : { shift }),
		claimedAt: at,
		state: 'claimed',
		updatedAt: at,
		channels: []
	};
}

export function cancelledClaim(claim: Claim, now: Date): Claim {
	const at = now.toISOString();
	return { ...claim, state: 'cancelled', cancelledAt: at, updatedAt: at };
}

export type DoneField = 'note' | 'minutes' | 'photos';

/** What the member typed into the done form, as read from it. */
export interface DoneDraft {
	note: string;
	/** As typed: whole minutes. */
	minutes: string;
	photoCount: number;
}

/**
 * The done form read: the note trimmed and the minutes as a number, or a problem per bad field
 * (the screen says each in words).
 */
export function readDoneDraft(
	draft: DoneDraft
):
	| { ok: true; note: string; minutes: number }
	| { ok: false; problems: Partial<Record<DoneField, true>> } {
	const problems: Partial<Record<DoneField, true>> = {};
	const note = draft.note.trim();
	if (note === '' || note.length > DONE_NOTE_MAX) problems.note = true;
	const text = draft.minutes.trim();
	const minutes = /^\d+$/.test(text) ? Number(text) : NaN;
	if (!(minutes >= 1 && minutes <= DONE_MINUTES_MAX)) problems.minutes = true;
	if (draft.photoCount > DONE_PHOTOS_MAX) problems.photos = true;
	return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, note, minutes };
}
