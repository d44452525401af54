import { isMember } from '../access/roles';
import { ACCEPT, changedField, reject, type Verdict } from '../access/write-verdict';
import { CLOCK_AHEAD_TOLERANCE_MS } from '../events/check-in-window';
import { compositeId, idRef, instant } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import type { SubjectRef } from '../schema/subject-ref';
import { claimChannels } from './claim-channels';
import { claimDecisionId, type ClaimDecision } from './claim-decisions';
import { cancelProblem, claimProblem, isShiftOf, markDoneProblem } from './claim-lifecycle';
import { claimReceiptOf } from './claim-receipts';
import { claimStandingId, type ClaimStanding } from './claim-standings';
import { itemTallyId, type ItemTally } from './item-tallies';
import { claimId, MAX_DONE_MINUTES, MAX_DONE_PHOTOS, type Claim } from './claim-record';
import { isServiceItem, ITEM_KINDS, MAX_SHIFTS, type ServiceItem } from './service-items';

/** Fields that say whose claim of what it is: a claim is never moved to another item or member. */
const identityFields = [
	'kind',
	'itemId',
	'itemKind',
	'communityId',
	'memberId',
	'memberName',
	'branchId',
	'orgId',
	'shift'
] as const;

const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$', maxLength: 64 } as const;

function tallyRef(claim: Pick<Claim, 'itemId'>): SubjectRef {
	return { collection: 'activities', id: itemTallyId({ id: claim.itemId }) };
}

function standingRef(claim: Pick<Claim, 'id'>): SubjectRef {
	return { collection: 'attendance', id: claimStandingId(claim) };
}

/** The decision on the version a done-again claim answers. */
function replacedDecisionRef(claim: Claim): SubjectRef | null {
	const replaces = claim.done?.replaces;
	return replaces ? { collection: 'attendance', id: claimDecisionId(claim, replaces) } : null;
}

/** The change from `prev` to `next` of one member's claim: cancel, mark done (again), or nothing. */
function checkTransition(
	item: ServiceItem,
	prev: Claim,
	next: Claim,
	related: (ref: SubjectRef) => Record<string, unknown> | null,
	relatedComplete: boolean,
	now: Date
): Verdict {
	if (JSON.stringify(prev) === JSON.stringify(next)) return ACCEPT;
	if (prev.state === 'cancelled') return reject('forbidden', 'claim-final');
	switch (next.state) {
		case 'claimed':
			return prev.state === 'claimed' ? ACCEPT : reject('forbidden', 'claim-final');
		case 'cancelled': {
			if (!next.cancelledAt) return reject('invalid', 'cancelledAt');
			const problem = cancelProblem(item, prev, now);
			return problem ? reject('forbidden', problem) : ACCEPT;
		}
		case 'done': {
			const done = next.done;
			if (!done) return reject('invalid', 'done');
			if (Date.parse(done.at) > now.getTime() + CLOCK_AHEAD_TOLERANCE_MS) {
				return reject('invalid', 'clock ahead');
			}
			if (Date.parse(done.at) < Date.parse(item.startsAt)) {
				return reject('forbidden', 'not-started');
			}
			if (prev.state === 'done' && done.at === prev.done?.at) {
				// Same version: what was decided on stays as it was.
				return reject('immutable-field', 'done');
			}
			const standing = related(standingRef(next)) as ClaimStanding | null;
			if (!standing && relatedComplete) return reject('forbidden', 'not-holding');
			let decision: ClaimDecision | null = null;
			if (prev.state === 'done') {
				// Marked done again: it must answer the version the community returned.
				const ref = replacedDecisionRef(next);
				if (!ref || next.done?.replaces !== prev.done?.at) {
					return reject('forbidden', 'awaiting-decision');
				}
				decision = related(ref) as ClaimDecision | null;
				if (!decision && !relatedComplete) return ACCEPT;
			}
			const problem = markDoneProblem(item, prev, standing, decision, now);
			return problem ? reject('forbidden', problem) : ACCEPT;
		}
	}
}

export const claims: KindDefinition<Claim> = {
	name: 'claim',
	kindValues: ['claim'],
	schema: {
		title: 'claim',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['claim'] },
			itemId: idRef,
			itemKind: { type: 'string', enum: [...ITEM_KINDS] },
			communityId: idRef,
			memberId: idRef,
			// As the attendance kind has it: kinds of one collection define a field alike.
			memberName: { type: 'string', minLength: 1, maxLength: 50 },
			branchId: idRef,
			orgId: idRef,
			shift: { type: 'integer', minimum: 0, maximum: MAX_SHIFTS - 1 },
			claimedAt: instant,
			state: { type: 'string', enum: ['claimed', 'cancelled', 'done'] },
			cancelledAt: instant,
			done: {
				type: 'object',
				properties: {
					at: instant,
					minutes: { type: 'integer', minimum: 1, maximum: MAX_DONE_MINUTES },
					note: { type: 'string', maxLength: 500 },
					photos: { type: 'array', items: sha256, maxItems: MAX_DONE_PHOTOS },
					replaces: instant
				},
				required: ['at', 'minutes', 'note', 'photos'],
				additionalProperties: false
			},
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'itemId',
			'itemKind',
			'communityId',
			'memberId',
			'memberName',
			'branchId',
			'orgId',
			'claimedAt',
			'state',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: claimChannels,
	subjectOf: (claim) => ({ collection: 'activities', id: claim.itemId }),
	relatedOf: (claim) => {
		const replaced = replacedDecisionRef(claim);
		return [tallyRef(claim), standingRef(claim), ...(replaced ? [replaced] : [])];
	},
	// The order the server first accepted claims in decides who holds the places.
	serverNotesOf: (next, prev, receivedAt) => (prev ? [] : [claimReceiptOf(next, receivedAt)]),
	filesOf: (claim) => claim.done?.photos ?? [],
	policy: ({ actor, prev, next, deleting, subject, related, relatedComplete, now }) => {
		if (deleting) return reject('append-only', 'cancel instead');
		if (next.id !== claimId(next.itemId, next.memberId)) return reject('invalid', 'id');
		if (!isMember(actor, next.memberId)) return reject('not-owner');
		if (actor.branchId !== next.branchId || actor.orgId !== next.orgId) {
			return reject('subject-mismatch', 'branchId');
		}
		const item = subject as ServiceItem | null;
		if (!item || subject?.['_deleted'] === true || !isServiceItem(item)) {
			return reject('subject-mismatch', 'itemId');
		}
		if (item.communityId !== next.communityId) return reject('subject-mismatch', 'communityId');
		if (item.kind !== next.itemKind) return reject('subject-mismatch', 'itemKind');
		if (!isShiftOf(item, next.shift)) return reject('invalid', 'shift');
		if (!prev) {
			if (next.state !== 'claimed') return reject('invalid', 'state');
			const tally = related(tallyRef(next)) as ItemTally | null;
			const problem = claimProblem(item, null, tally, actor, now, next.shift);
			return problem ? reject('forbidden', problem) : ACCEPT;
		}
		// The same id claimed anew (another device, or after cancelling): one claim per item.
		if (prev.claimedAt !== next.claimedAt) return reject('forbidden', 'already-claimed');
		const field = changedField(prev, next, identityFields);
		if (field) return reject('immutable-field', field);
		return checkTransition(item, prev, next, related, relatedComplete, now);
	}
};
