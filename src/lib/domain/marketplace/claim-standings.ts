import { instant } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { WAITLIST_MAX } from './item-tallies';
import {
	claimChannelsInYear,
	claimNoteOf,
	claimNoteProperties,
	claimNoteRequired
} from './claim-channels';
import type { Claim } from './claim-record';

/** Holding a place; on the waiting list; no longer in line (cancelled, or the item cancelled). */
export type Standing = 'holding' | 'waiting' | 'released';

/**
 * Where a claim stands, as the server's worker allocates the places (allocation.ts): written only
 * by the server, beside the claim, with the claim's channels.
 */
export interface ClaimStanding {
	id: string;
	kind: 'claim-standing';
	claimId: string;
	itemId: string;
	memberId: string;
	communityId: string;
	branchId: string;
	/** The claim's channels' year (the Shanghai year it was made). */
	year: number;
	standing: Standing;
	/** 1-based place on the waiting list, while waiting. */
	position?: number;
	updatedAt: string;
	channels: string[];
}

export function claimStandingId(claim: Pick<Claim, 'id'>): string {
	return `${claim.id}.standing`;
}

export function isClaimStanding(doc: { kind?: unknown }): doc is ClaimStanding {
	return doc.kind === 'claim-standing';
}

/** The standing document the worker writes for a claim. */
export function claimStandingOf(
	claim: Claim,
	standing: Standing,
	position: number | undefined,
	now: Date
): ClaimStanding {
	return {
		id: claimStandingId(claim),
		kind: 'claim-standing',
		...claimNoteOf(claim),
		standing,
		...(standing === 'waiting' && position !== undefined ? { position } : {}),
		updatedAt: now.toISOString()
	};
}

export const claimStandings: KindDefinition<ClaimStanding> = {
	name: 'claim-standing',
	kindValues: ['claim-standing'],
	schema: {
		title: 'claim standing',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			...claimNoteProperties,
			kind: { type: 'string', enum: ['claim-standing'] },
			standing: { type: 'string', enum: ['holding', 'waiting', 'released'] },
			position: { type: 'integer', minimum: 1, maximum: WAITLIST_MAX },
			updatedAt: instant,
			...baseProperties
		},
		required: [...claimNoteRequired, 'standing', 'updatedAt', 'channels'],
		additionalProperties: false
	},
	channelsOf: (standing) => claimChannelsInYear(standing, standing.year),
	policy: null
};
