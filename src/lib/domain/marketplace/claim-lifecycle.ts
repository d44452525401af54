import { isMember, type Actor } from '../access/roles';
import type { Claim, ClaimDone } from './claim-record';
import type { ClaimDecision } from './claim-decisions';
import type { ClaimStanding } from './claim-standings';
import { shiftTally, WAITLIST_MAX, type ItemTally } from './item-tallies';
import type { ServiceItem } from './service-items';

/**
 * The life of a claim (认领), one set of rules for the gateway's policy and for the screens: a
 * device shows the same answer offline that the server will give.
 *
 * claimed → cancelled (a project or post before it starts; a need or micro-wish any time before
 * it is done) | done (only once the item has started) → confirmed, final | returned → done again.
 */

/** Why a claim, cancel, done or decision is refused: the detail of the refusal, shown in words. */
export const CLAIM_PROBLEMS = [
	'not-member',
	'item-closed',
	'item-cancelled',
	'started',
	'past-deadline',
	'full',
	'already-claimed',
	'no-shift',
	'claim-final',
	'not-started',
	'not-holding',
	'awaiting-decision',
	'own-claim',
	'not-done'
] as const;

export type ClaimProblem = (typeof CLAIM_PROBLEMS)[number];

export function isClaimProblem(value: unknown): value is ClaimProblem {
	return CLAIM_PROBLEMS.some((problem) => problem === value);
}

/** What a claim shows: the server's word on its place, or the community's on its work. */
export type ClaimStatus =
	| 'pending'
	| 'holding'
	| 'waiting'
	/** Out of line though not cancelled: the waiting list was full, or the item was cancelled. */
	| 'released'
	| 'cancelled'
	| 'done'
	| 'confirmed'
	| 'returned';

/** Projects and posts happen at a time; needs and micro-wishes are open until their deadline. */
function isScheduled(item: Pick<ServiceItem, 'kind'>): boolean {
	return item.kind === 'project' || item.kind === 'post';
}

function hasStarted(item: Pick<ServiceItem, 'startsAt'>, now: Date): boolean {
	return now.getTime() >= Date.parse(item.startsAt);
}

/** Whether a place is taken in `shift` for this item: the shifts it has, or 0 without any. */
export function isShiftOf(item: Pick<ServiceItem, 'shifts'>, shift: number | undefined): boolean {
	if (!item.shifts) return shift === undefined;
	return shift !== undefined && Number.isInteger(shift) && shift >= 0 && shift < item.shifts.length;
}

/** Whether the item still takes claims by its state and times (not whether places are left). */
export function claimWindowProblem(
	item: Pick<ServiceItem, 'kind' | 'state' | 'startsAt' | 'endsAt'>,
	now: Date
): ClaimProblem | null {
	if (item.state === 'cancelled') return 'item-cancelled';
	if (item.state === 'closed') return 'item-closed';
	if (isScheduled(item)) return hasStarted(item, now) ? 'started' : null;
	return item.endsAt !== undefined && now.getTime() > Date.parse(item.endsAt)
		? 'past-deadline'
		: null;
}

/** Whether the places and the waiting list of the shift are all taken, by the server's count. */
export function isFull(
	item: Pick<ServiceItem, 'places'>,
	tally: ItemTally | null,
	shift: number
): boolean {
	const counted = shiftTally(tally, shift);
	return counted.held + counted.waiting >= item.places + WAITLIST_MAX;
}

/**
 * Why `actor` may not claim the item (in `shift`, for a post with shifts), or null. `existing` is
 * the member's claim of it, if any: one per member and item, a cancelled one included.
 */
export function claimProblem(
	item: Pick<ServiceItem, 'kind' | 'state' | 'startsAt' | 'endsAt' | 'places' | 'shifts'>,
	existing: Pick<Claim, 'id'> | null,
	tally: ItemTally | null,
	actor: Actor,
	now: Date,
	shift?: number
): ClaimProblem | null {
	if (!actor.memberId || !isMember(actor, actor.memberId)) return 'not-member';
	if (existing) return 'already-claimed';
	const window = claimWindowProblem(item, now);
	if (window) return window;
	if (!isShiftOf(item, shift)) return 'no-shift';
	return isFull(item, tally, shift ?? 0) ? 'full' : null;
}

/** Why the claim may not be cancelled now, or null. */
export function cancelProblem(
	item: Pick<ServiceItem, 'kind' | 'startsAt'>,
	claim: Pick<Claim, 'state'>,
	now: Date
): ClaimProblem | null {
	if (claim.state !== 'claimed') return 'claim-final';
	return isScheduled(item) && hasStarted(item, now) ? 'started' : null;
}

export function mayCancel(
	item: Pick<ServiceItem, 'kind' | 'startsAt'>,
	claim: Pick<Claim, 'state'>,
	now: Date
): boolean {
	return cancelProblem(item, claim, now) === null;
}

/** The community's decision of the claim's current done version, among the claim's decisions. */
export function currentDecision(
	claim: Pick<Claim, 'id' | 'done'>,
	decisions: readonly ClaimDecision[]
): ClaimDecision | null {
	const at = claim.done ? Date.parse(claim.done.at) : NaN;
	return decisions.find((d) => d.claimId === claim.id && Date.parse(d.doneAt) === at) ?? null;
}

/**
 * Why the member may not mark the claim done now, or null. `standing` is the server's word on its
 * place (null: not known here); `decision` the community's on the current done version, if any.
 */
export function markDoneProblem(
	item: Pick<ServiceItem, 'startsAt'>,
	claim: Pick<Claim, 'state'>,
	standing: Pick<ClaimStanding, 'standing'> | null,
	decision: Pick<ClaimDecision, 'decision'> | null,
	now: Date
): ClaimProblem | null {
	if (claim.state === 'cancelled') return 'claim-final';
	if (claim.state === 'done') {
		if (!decision) return 'awaiting-decision';
		if (decision.decision === 'confirmed') return 'claim-final';
	}
	if (!hasStarted(item, now)) return 'not-started';
	// Until the server's standing says the claim holds a place, the claim may not even be on the
	// server: a claim first pushed as done would be refused there (a new claim starts claimed).
	return standing?.standing === 'holding' ? null : 'not-holding';
}

export function mayMarkDone(
	item: Pick<ServiceItem, 'startsAt'>,
	claim: Pick<Claim, 'state'>,
	standing: Pick<ClaimStanding, 'standing'> | null,
	decision: Pick<ClaimDecision, 'decision'> | null,
	now: Date
): boolean {
	return markDoneProblem(item, claim, standing, decision, now) === null;
}

/**
 * The claim marked done (again, after a return: the new version names the one it answers, so
 * the server can read that the community returned it).
 */
export function markedDone(claim: Claim, done: Omit<ClaimDone, 'replaces'>, now: Date): Claim {
	const replaces = claim.state === 'done' ? claim.done?.at : undefined;
	return {
		...claim,
		state: 'done',
		done: { ...done, ...(replaces ? { replaces } : {}) },
		updatedAt: now.toISOString()
	};
}

/** What the claim shows, from the claim, the server's standing and the community's decisions. */
export function claimStatus(
	claim: Claim,
	standing: Pick<ClaimStanding, 'standing'> | null,
	decisions: readonly ClaimDecision[]
): ClaimStatus {
	if (claim.state === 'cancelled') return 'cancelled';
	if (claim.state === 'done') {
		const decision = currentDecision(claim, decisions);
		return decision ? decision.decision : 'done';
	}
	if (!standing) return 'pending';
	return standing.standing;
}
