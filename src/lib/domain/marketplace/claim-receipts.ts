import { instant } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import {
	claimChannelsInYear,
	claimNoteOf,
	claimNoteProperties,
	claimNoteRequired
} from './claim-channels';
import type { Claim } from './claim-record';

/**
 * The server's note of when it first accepted a claim (a server note beside the claim, principle
 * 4): the order of these decides who holds the places.
 */
export interface ClaimReceipt {
	id: string;
	kind: 'claim-receipt';
	claimId: string;
	itemId: string;
	memberId: string;
	communityId: string;
	branchId: string;
	/** The claim's channels' year (the Shanghai year it was made). */
	year: number;
	receivedAt: string;
	channels: string[];
}

export function claimReceiptId(claim: Pick<Claim, 'id'>): string {
	return `${claim.id}.receipt`;
}

export function isClaimReceipt(doc: { kind?: unknown }): doc is ClaimReceipt {
	return doc.kind === 'claim-receipt';
}

/** The receipt the gateway keeps beside a claim it accepts for the first time. */
export function claimReceiptOf(claim: Claim, receivedAt: Date): ClaimReceipt {
	return {
		id: claimReceiptId(claim),
		kind: 'claim-receipt',
		...claimNoteOf(claim),
		receivedAt: receivedAt.toISOString()
	};
}

export const claimReceipts: KindDefinition<ClaimReceipt> = {
	name: 'claim-receipt',
	kindValues: ['claim-receipt'],
	schema: {
		title: 'claim receipt',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			...claimNoteProperties,
			kind: { type: 'string', enum: ['claim-receipt'] },
			// As the late-sync kind has it.
			receivedAt: instant,
			...baseProperties
		},
		required: [...claimNoteRequired, 'receivedAt', 'channels'],
		additionalProperties: false
	},
	// Whoever reads the claim reads the note about it.
	channelsOf: (receipt) => claimChannelsInYear(receipt, receipt.year),
	policy: null
};
