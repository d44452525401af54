import { isSecretaryOf } from '../access/roles';
import { ACCEPT, changedField, reject } from '../access/write-verdict';
import { hasText } from '../records/record-fragments';
import { compositeId } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import {
	badDay,
	branchOf,
	checkPairIsReal,
	dayField,
	PAIR_FIELDS,
	pairChannels,
	pairProperties,
	personField,
	sha256Field,
	titleField,
	updatedAtField,
	writerField,
	type LedgerPair
} from './ledger-pair';

/**
 * 共驻共治共建协议书 (R3): what the branch and its linked community agreed for a period, with the
 * scan of the signed paper. The branch's secretary keeps it (one writer); the community reads it.
 */
export interface Agreement extends LedgerPair {
	id: string;
	kind: 'agreement';
	title: string;
	/** Shanghai dates `YYYY-MM-DD`; the period ends after it starts. */
	startsOn: string;
	endsOn: string;
	content: string;
	/** Name and post of who signs for each side. */
	branchSignatory: string;
	communitySignatory: string;
	/** Set together with `file` once signed. */
	signedOn?: string;
	/** SHA-256 hex of the signed scan (JPEG/PNG/WebP/PDF), uploaded beside the document. */
	file?: string;
	by: string;
	updatedAt: string;
	channels: string[];
}

/** 未签署 · 有效 · 即将到期 · 已到期 (agreement-state.ts). */
export type AgreementState = 'draft' | 'signed' | 'expiring' | 'expired';

export const DEFAULT_AGREEMENT_TITLE = '共驻共治共建协议书';

/** One agreement per pair and start day: a renewal is a new agreement, the old one stays. */
export function agreementId(branchId: string, communityId: string, startsOn: string): string {
	return `ag.${branchId}.${communityId}.${startsOn.replaceAll('-', '')}`;
}

export function isSigned(agreement: Pick<Agreement, 'signedOn' | 'file'>): boolean {
	return agreement.signedOn !== undefined && agreement.file !== undefined;
}

/** Signed, the paper is what counts: its terms and scan no longer change. */
const signedFields = [
	'title',
	'startsOn',
	'endsOn',
	'content',
	'branchSignatory',
	'communitySignatory',
	'signedOn',
	'file'
] as const;

export const agreements: KindDefinition<Agreement> = {
	name: 'agreement',
	kindValues: ['agreement'],
	schema: {
		title: 'agreement',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['agreement'] },
			...pairProperties,
			title: titleField,
			startsOn: dayField,
			endsOn: dayField,
			content: { type: 'string', minLength: 1, maxLength: 2000 },
			branchSignatory: personField,
			communitySignatory: personField,
			signedOn: dayField,
			file: sha256Field,
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
			'title',
			'startsOn',
			'endsOn',
			'content',
			'branchSignatory',
			'communitySignatory',
			'by',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: pairChannels,
	relatedOf: (a) => [branchOf(a)],
	filesOf: (a) => (a.file ? [a.file] : []),
	policy: ({ actor, prev, next, deleting, related, relatedComplete }) => {
		if (!isSecretaryOf(actor, next.branchId)) return reject('forbidden');
		if (prev && !isSecretaryOf(actor, prev.branchId)) return reject('forbidden');
		if (deleting) return prev && isSigned(prev) ? reject('forbidden', 'signed') : ACCEPT;
		if (next.by !== actor.username) return reject('not-owner');
		if (next.id !== agreementId(next.branchId, next.communityId, next.startsOn)) {
			return reject('invalid', 'id');
		}
		if (prev) {
			const field = changedField(prev, next, PAIR_FIELDS);
			if (field) return reject('immutable-field', field);
			const signed = isSigned(prev) ? changedField(prev, next, signedFields) : undefined;
			if (signed) return reject('immutable-field', signed);
		}
		const day = badDay({ startsOn: next.startsOn, endsOn: next.endsOn, signedOn: next.signedOn });
		if (day) return reject('invalid', day);
		if (next.endsOn <= next.startsOn) return reject('invalid', 'endsOn');
		if ((next.signedOn === undefined) !== (next.file === undefined)) {
			return reject('invalid', next.signedOn === undefined ? 'signedOn' : 'file');
		}
		const blank = (['title', 'content', 'branchSignatory', 'communitySignatory'] as const).find(
			(field) => !hasText(next[field])
		);
		if (blank) return reject('invalid', blank);
		return prev ? ACCEPT : checkPairIsReal(next, related, relatedComplete);
	}
};
