import { isMember, isOfficeOf, isStaffOf, type Actor } from '../access/roles';
import { decisionIdOf, responseIdOf } from './breach-fields';
import { isBreachDecision, type BreachDecision } from './breach-decisions';
import { isBreachResponse, type BreachResponse } from './breach-responses';
import { isBreach, type Breach } from './breaches';

/*
 * A breach with what followed it — the member's response, the office's decision — as the screens
 * show it: one case per breach, and what the person looking may do with it.
 */

/** Waiting for the member, answered and waiting for the office, or decided. */
export type BreachState = 'reported' | 'responded' | 'confirmed' | 'dismissed';

export interface BreachCaseView {
	breach: Breach;
	response: BreachResponse | null;
	decision: BreachDecision | null;
	state: BreachState;
}

export function stateOf(
	response: BreachResponse | null,
	decision: BreachDecision | null
): BreachState {
	if (decision) return decision.outcome;
	return response ? 'responded' : 'reported';
}

/** The cases among evaluation documents (other kinds are passed over), latest breach first. */
export function breachCases(docs: readonly { id: string; kind?: unknown }[]): BreachCaseView[] {
	const responses = new Map<string, BreachResponse>();
	const decisions = new Map<string, BreachDecision>();
	const found: Breach[] = [];
	for (const doc of docs) {
		if (isBreach(doc)) found.push(doc);
		else if (isBreachResponse(doc)) responses.set(doc.id, doc);
		else if (isBreachDecision(doc)) decisions.set(doc.id, doc);
	}
	return found
		.map((breach) => {
			const response = responses.get(responseIdOf(breach.id)) ?? null;
			const decision = decisions.get(decisionIdOf(breach.id)) ?? null;
			return { breach, response, decision, state: stateOf(response, decision) };
		})
		.sort(
			(a, b) =>
				b.breach.occurredOn.localeCompare(a.breach.occurredOn) ||
				b.breach.createdAt.localeCompare(a.breach.createdAt)
		);
}

/** The member about whom the breach was reported, until the office decides it. */
export function canRespond(actor: Actor, view: BreachCaseView): boolean {
	return !view.decision && isMember(actor, view.breach.memberId);
}

/** The office of the member's bureau, once. */
export function canDecide(actor: Actor, view: BreachCaseView): boolean {
	return !view.decision && isOfficeOf(actor, view.breach.orgId);
}

/** The community that reported it may withdraw it until the office decides. */
export function canWithdraw(actor: Actor, view: BreachCaseView): boolean {
	return !view.decision && isStaffOf(actor, view.breach.communityId);
}

/** How many cases wait for the person: a response from the member, a decision from the office. */
export function waitingFor(actor: Actor, views: readonly BreachCaseView[]): number {
	return views.filter(
		(view) => (canRespond(actor, view) && !view.response) || canDecide(actor, view)
	).length;
}
