import { channel, inYear, normalizeChannels } from '../access/channels';
import { recordYear } from '../calendar/shanghai-calendar';
import { compositeId, idRef } from '../schema/ids';
import type { Claim } from './claim-record';

/** The claim's channels' year: the Shanghai year it was made. */
export function claimYear(claim: Pick<Claim, 'claimedAt'>): number {
	return recordYear(claim.claimedAt);
}

/**
 * Who reads a claim and the server's notes about it, in the claim's year: the member, their
 * branch's secretary, the item's community's staff.
 */
export function claimChannelsInYear(
	claim: Pick<Claim, 'memberId' | 'branchId' | 'communityId'>,
	year: number
): string[] {
	return normalizeChannels(
		[
			channel.member(claim.memberId),
			channel.branch(claim.branchId),
			channel.community(claim.communityId)
		].map((base) => inYear(base, year))
	);
}

export function claimChannels(
	claim: Pick<Claim, 'memberId' | 'branchId' | 'communityId' | 'claimedAt'>
): string[] {
	return claimChannelsInYear(claim, claimYear(claim));
}

/** The year of a claim's channels, as a schema fragment of the server's notes about it. */
export const claimYearProperty = { type: 'integer', minimum: 2000, maximum: 2200 } as const;

/**
 * What every note about a claim (the server's receipt and standing, the community's decision)
 * carries: which claim, of what, by whom, and the year of the claim's channels.
 */
export const claimNoteProperties = {
	id: compositeId,
	claimId: compositeId,
	itemId: idRef,
	memberId: idRef,
	communityId: idRef,
	branchId: idRef,
	year: claimYearProperty
} as const;

/** The fields a note about `claim` copies from it, with the claim's channels. */
export function claimNoteOf(claim: Claim) {
	const year = claimYear(claim);
	return {
		claimId: claim.id,
		itemId: claim.itemId,
		memberId: claim.memberId,
		communityId: claim.communityId,
		branchId: claim.branchId,
		year,
		channels: claimChannelsInYear(claim, year)
	};
}

export const claimNoteRequired = [
	'id',
	'kind',
	'claimId',
	'itemId',
	'memberId',
	'communityId',
	'branchId',
	'year'
];
