import { channel, inYear, normalizeChannels } from '../access/channels';
import { isOfficeOf } from '../access/roles';
import { ACCEPT, reject } from '../access/write-verdict';
import { summaryYear } from '../evaluation/summary-schema';
import { writerField } from '../ledger/ledger-pair';
import { hasText } from '../records/record-fragments';
import { compositeId, idRef, instant } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { isObjectionOf, outcomeId } from './awards';

/**
 * An objection to a notice (公示), taken by the server from the public page: anyone may object,
 * with a name or without; a contact, if given, is for the office alone — the objection lives in
 * the bureau's channel only and never goes back out of the public API.
 */
export interface Objection {
	id: string;
	kind: 'objection';
	awardId: string;
	orgId: string;
	year: number;
	/** The nominee objected to, when the person named one. */
	nomineeId?: string;
	objectionText: string;
	objectorName?: string;
	objectorContact?: string;
	/** What the objector was given to quote when asking after it. */
	receipt: string;
	receivedAt: string;
	channels: string[];
}

export const OUTCOMES = ['upheld', 'not-upheld'] as const;
export type ObjectionOutcomeValue = (typeof OUTCOMES)[number];

/** The office's answer to an objection: recorded once, with why. */
export interface ObjectionOutcome {
	id: string;
	kind: 'objection-outcome';
	objectionId: string;
	awardId: string;
	orgId: string;
	year: number;
	outcome: ObjectionOutcomeValue;
	outcomeNote: string;
	by: string;
	decidedAt: string;
	channels: string[];
}

export const MAX_OBJECTION_TEXT = 1000;
export const MAX_OBJECTOR_NAME = 50;
export const MAX_OBJECTOR_CONTACT = 100;
export const MAX_OUTCOME_NOTE = 500;

export function isObjection(doc: { kind?: unknown }): doc is Objection {
	return doc.kind === 'objection';
}

export function isObjectionOutcome(doc: { kind?: unknown }): doc is ObjectionOutcome {
	return doc.kind === 'objection-outcome';
}

const bureauYear = (doc: { orgId: string; year: number }) =>
	normalizeChannels([inYear(channel.bureau(doc.orgId), doc.year)]);

export const objections: KindDefinition<Objection> = {
	name: 'objection',
	kindValues: ['objection'],
	schema: {
		title: 'objection',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['objection'] },
			awardId: compositeId,
			orgId: idRef,
			year: summaryYear,
			nomineeId: idRef,
			objectionText: { type: 'string', minLength: 1, maxLength: MAX_OBJECTION_TEXT },
			objectorName: { type: 'string', minLength: 1, maxLength: MAX_OBJECTOR_NAME },
			objectorContact: { type: 'string', minLength: 1, maxLength: MAX_OBJECTOR_CONTACT },
			receipt: { type: 'string', pattern: '^[0-9A-Z-]{4,20}$', maxLength: 20 },
			receivedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'awardId',
			'orgId',
			'year',
			'objectionText',
			'receipt',
			'receivedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: bureauYear,
	// The server writes it from the public page; no device does.
	policy: null
};

export const objectionOutcomes: KindDefinition<ObjectionOutcome> = {
	name: 'objection-outcome',
	kindValues: ['objection-outcome'],
	schema: {
		title: 'objection outcome',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['objection-outcome'] },
			objectionId: compositeId,
			awardId: compositeId,
			orgId: idRef,
			year: summaryYear,
			outcome: { type: 'string', enum: [...OUTCOMES] },
			outcomeNote: { type: 'string', minLength: 1, maxLength: MAX_OUTCOME_NOTE },
			by: writerField,
			decidedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'objectionId',
			'awardId',
			'orgId',
			'year',
			'outcome',
			'outcomeNote',
			'by',
			'decidedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: bureauYear,
	relatedOf: (o) => [
		{ collection: 'evaluations', id: o.objectionId },
		{ collection: 'evaluations', id: o.awardId }
	],
	policy: ({ actor, prev, next, deleting, related, relatedComplete }) => {
		if (!isOfficeOf(actor, next.orgId)) return reject('forbidden');
		// An outcome is a decision on record: never changed, never taken back.
		if (prev || deleting) return reject('append-only');
		if (next.by !== actor.username) return reject('not-owner');
		if (next.id !== outcomeId(next.objectionId)) return reject('invalid', 'id');
		if (!isObjectionOf(next.awardId, next.objectionId)) return reject('invalid', 'objectionId');
		if (!hasText(next.outcomeNote)) return reject('invalid', 'outcomeNote');
		const objection = related({ collection: 'evaluations', id: next.objectionId });
		if (!objection) return relatedComplete ? reject('subject-mismatch', 'objectionId') : ACCEPT;
		if (
			objection['awardId'] !== next.awardId ||
			objection['orgId'] !== next.orgId ||
			objection['year'] !== next.year
		) {
			return reject('subject-mismatch', 'objectionId');
		}
		const award = related({ collection: 'evaluations', id: next.awardId });
		// Once the result is published, its objections are closed.
		if (award && award['state'] === 'published') return reject('subject-mismatch', 'awardId');
		return ACCEPT;
	}
};
