import { isStaffOf } from '../access/roles';
import { ACCEPT, reject } from '../access/write-verdict';
import { instant } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import {
	claimChannelsInYear,
	claimYear,
	claimNoteProperties,
	claimNoteRequired
} from './claim-channels';
import type { Actor } from '../access/roles';
import { claimId, isClaim, type Claim } from './claim-record';

/**
 * The community's word on a claim marked done: confirmed, or returned with a reason. Append-only,
 * one per version of "done" (its time is in the id), written by the community's staff.
 */
export interface ClaimDecision {
	id: string;
	kind: 'claim-decision';
	claimId: string;
	itemId: string;
	memberId: string;
	communityId: string;
	branchId: string;
	/** The claim's channels' year (the Shanghai year it was made). */
	year: number;
	/** The `done.at` of the version decided. */
	doneAt: string;
	decision: 'confirmed' | 'returned';
	reason?: string;
	decidedBy: string;
	decidedAt: string;
	channels: string[];
}

/** Why `actor` may not decide this claim, or null: staff of its community, never on their own. */
export function decideProblem(
	claim: Pick<Claim, 'state' | 'memberId' | 'done'>,
	actor: Pick<Actor, 'memberId'>
): 'own-claim' | 'not-done' | null {
	if (actor.memberId !== undefined && actor.memberId === claim.memberId) return 'own-claim';
	return claim.state === 'done' && claim.done ? null : 'not-done';
}

export function claimDecisionId(claim: Pick<Claim, 'id'>, doneAt: string): string {
	return `${claim.id}.decision.${Date.parse(doneAt)}`;
}

export function isClaimDecision(doc: { kind?: unknown }): doc is ClaimDecision {
	return doc.kind === 'claim-decision';
}

/** Fields a decision copies from the claim it decides: they must say the same. */
const copiedFields = ['itemId', 'memberId', 'communityId', 'branchId'] as const;

export const claimDecisions: KindDefinition<ClaimDecision> = {
	name: 'claim-decision',
	kindValues: ['claim-decision'],
	schema: {
		title: 'claim decision',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			...claimNoteProperties,
			kind: { type: 'string', enum: ['claim-decision'] },
			doneAt: instant,
			decision: { type: 'string', enum: ['confirmed', 'returned'] },
			// As the attendance kind has it: kinds of one collection define a field alike.
			reason: { type: 'string', maxLength: 200 },
			decidedBy: { type: 'string', minLength: 1, maxLength: 64 },
			decidedAt: instant,
			...baseProperties
		},
		required: [...claimNoteRequired, 'doneAt', 'decision', 'decidedBy', 'decidedAt', 'channels'],
		additionalProperties: false
	},
	channelsOf: (decision) => claimChannelsInYear(decision, decision.year),
	subjectOf: (decision) => ({ collection: 'attendance', id: decision.claimId }),
	policy: ({ actor, prev, next, deleting, subject }) => {
		if (deleting || prev) return reject('append-only');
		if (next.decidedBy !== actor.username) return reject('not-owner');
		if (!isStaffOf(actor, next.communityId)) return reject('forbidden');
		const claim = subject as Claim | null;
		if (!claim || subject?.['_deleted'] === true || !isClaim(claim)) {
			return reject('subject-mismatch', 'claimId');
		}
		const field = copiedFields.find((name) => claim[name] !== next[name]);
		if (field) return reject('subject-mismatch', field);
		// The subject was read by `next.claimId`; the server's copy has `_id`, not `id`, so the
		// claim's own id is checked through the fields it is made of.
		if (next.claimId !== claimId(next.itemId, next.memberId)) {
			return reject('subject-mismatch', 'claimId');
		}
		if (next.year !== claimYear(claim)) return reject('subject-mismatch', 'year');
		const problem = decideProblem(claim, actor);
		if (problem) return reject('forbidden', problem);
		if (Date.parse(claim.done?.at ?? '') !== Date.parse(next.doneAt)) {
			return reject('subject-mismatch', 'doneAt');
		}
		if (next.id !== claimDecisionId({ id: next.claimId }, next.doneAt)) {
			return reject('invalid', 'id');
		}
		if (next.decision === 'returned' && !next.reason?.trim()) return reject('invalid', 'reason');
		return ACCEPT;
	}
};
