import { isSecretaryOf } from '../access/roles';
import { ACCEPT, changedField, reject } from '../access/write-verdict';
import { hasText } from '../records/record-fragments';
import { compositeId, idRef } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import {
	badDay,
	branchOf,
	checkPairIsReal,
	dayField,
	evidenceField,
	PAIR_FIELDS,
	pairChannels,
	pairProperties,
	personField,
	updatedAtField,
	writerField,
	type LedgerPair
} from './ledger-pair';

/**
 * 兼职委员 (R6): the branch's secretary holds a part-time post on the community's party committee,
 * shown by the appointment letter. The secretary records it; the community and the office read it.
 */
export interface CommitteeSeat extends LedgerPair {
	id: string;
	kind: 'committee-seat';
	/** The secretary who holds the post. */
	memberId: string;
	memberName: string;
	/** e.g. 社区党组织兼职委员 */
	post: string;
	/** Shanghai date `YYYY-MM-DD`. */
	since: string;
	/** One to three scans or photos of the appointment letter (SHA-256 hex). */
	evidence: string[];
	by: string;
	updatedAt: string;
	channels: string[];
}

export const DEFAULT_SEAT_POST = '社区党组织兼职委员';
export const MAX_SEAT_EVIDENCE = 3;

/** One seat per pair: the branch holds one post on its linked community's committee. */
export function seatId(branchId: string, communityId: string): string {
	return `seat.${branchId}.${communityId}`;
}

export const committeeSeats: KindDefinition<CommitteeSeat> = {
	name: 'committee-seat',
	kindValues: ['committee-seat'],
	schema: {
		title: 'committee seat',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['committee-seat'] },
			...pairProperties,
			memberId: idRef,
			memberName: personField,
			post: personField,
			since: dayField,
			// The ledger's evidence list (six at most); a seat's policy allows three.
			evidence: evidenceField,
			by: writerField,
			updatedAt: updatedAtField,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'branchId',
			'communityId',
			'orgId',
			'memberId',
			'memberName',
			'post',
			'since',
			'evidence',
			'by',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: pairChannels,
	relatedOf: (s) => [branchOf(s)],
	filesOf: (s) => s.evidence,
	policy: ({ actor, prev, next, deleting, related, relatedComplete }) => {
		if (!isSecretaryOf(actor, next.branchId)) return reject('forbidden');
		if (prev && !isSecretaryOf(actor, prev.branchId)) return reject('forbidden');
		// A post ends: the record of it goes with it.
		if (deleting) return ACCEPT;
		if (next.by !== actor.username) return reject('not-owner');
		if (next.id !== seatId(next.branchId, next.communityId)) return reject('invalid', 'id');
		if (prev) {
			const field = changedField(prev, next, PAIR_FIELDS);
			if (field) return reject('immutable-field', field);
		}
		if (next.evidence.length < 1 || next.evidence.length > MAX_SEAT_EVIDENCE) {
			return reject('invalid', 'evidence');
		}
		if (badDay({ since: next.since })) return reject('invalid', 'since');
		if (!hasText(next.memberName)) return reject('invalid', 'memberName');
		if (!hasText(next.post)) return reject('invalid', 'post');
		return prev ? ACCEPT : checkPairIsReal(next, related, relatedComplete);
	}
};
