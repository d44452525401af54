import { claimNoteOf } from './claim-channels';
import { claimDecisionId, type ClaimDecision } from './claim-decisions';
import type { Claim } from './claim-record';

/** As the decisions schema holds it. */
export const RETURN_REASON_MAX = 200;

export type DecisionInput = { decision: 'confirmed' } | { decision: 'returned'; reason: string };

/** Why a return cannot be sent as typed: every return tells the member why. */
export function returnProblem(reason: string): 'reason-required' | 'reason-too-long' | null {
	const text = reason.trim();
	if (!text) return 'reason-required';
	return text.length > RETURN_REASON_MAX ? 'reason-too-long' : null;
}

/** The community's decision on the claim's latest "done", with the claim's channels. */
export function decisionOf(
	claim: Claim,
	input: DecisionInput,
	decidedBy: string,
	now: Date
): ClaimDecision {
	if (claim.state !== 'done' || !claim.done) throw new Error('Only a claim marked done is decided');
	const { done } = claim;
	return {
		id: claimDecisionId(claim, done.at),
		kind: 'claim-decision',
		...claimNoteOf(claim),
		doneAt: done.at,
		decision: input.decision,
		...(input.decision === 'returned' ? { reason: input.reason.trim() } : {}),
		decidedBy,
		decidedAt: now.toISOString()
	};
}
