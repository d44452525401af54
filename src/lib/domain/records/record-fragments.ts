import { channel, inYear, normalizeChannels } from '../access/channels';

/*
 * Schema fragments the record kinds share with the other kinds of their collections: a merged
 * collection schema refuses a property two kinds define differently (merged-schema.ts).
 */

const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$', maxLength: 64 } as const;

export const MAX_PHOTOS = 3;

/** Up to three photos of evidence, as SHA-256 hex of files uploaded beside the document. */
export const photoList = { type: 'array', items: sha256, maxItems: MAX_PHOTOS } as const;

/** As the reports' own `submission`: the merged `reports` schema holds one definition. */
export const submissionField = { type: 'integer', minimum: 1, maximum: 1000 } as const;

/** The scheme's year a record, its correction and the decisions on them travel in. */
export const yearField = { type: 'integer', minimum: 2000, maximum: 2200 } as const;

/** The member's, the branch's and the community's channels of one year. */
export function yearlyChannels(
	doc: { memberId: string; branchId: string; communityId: string },
	year: number
): string[] {
	return normalizeChannels(
		[
			channel.member(doc.memberId),
			channel.branch(doc.branchId),
			channel.community(doc.communityId)
		].map((base) => inYear(base, year))
	);
}

/** A decision's or correction's reason: not blank. */
export function hasText(text: string | undefined): boolean {
	return !!text?.trim();
}
