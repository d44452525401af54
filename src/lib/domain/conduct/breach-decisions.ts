import { isOfficeOf } from '../access/roles';
import { ACCEPT, reject } from '../access/write-verdict';
import { writerField } from '../ledger/ledger-pair';
import { hasText } from '../records/record-fragments';
import { compositeId, idRef } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import {
	atField,
	breachOf,
	CASE_FIELDS,
	caseChannels,
	decisionIdOf,
	MAX_GROUNDS,
	textField,
	yearField,
	type BreachCase
} from './breach-fields';
import { BREACH_SEVERITIES, type BreachSeverity } from './breach-status';

export const BREACH_OUTCOMES = ['confirmed', 'dismissed'] as const;
export type BreachOutcome = (typeof BREACH_OUTCOMES)[number];

/**
 * The bureau's office decides a breach (R20): confirmed, with how serious it was (the points and
 * the grade follow from that), or dismissed; always with its grounds. A decision is final.
 */
export interface BreachDecision extends BreachCase {
	id: string;
	kind: 'breach-decision';
	breachId: string;
	outcome: BreachOutcome;
	/** Present exactly when the breach is confirmed. */
	severity?: BreachSeverity;
	grounds: string;
	by: string;
	decidedAt: string;
	channels: string[];
}

export function isBreachDecision(doc: { kind?: unknown }): doc is BreachDecision {
	return doc.kind === 'breach-decision';
}

export const breachDecisions: KindDefinition<BreachDecision> = {
	name: 'breach-decision',
	kindValues: ['breach-decision'],
	schema: {
		title: 'breach decision',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['breach-decision'] },
			breachId: compositeId,
			memberId: idRef,
			branchId: idRef,
			orgId: idRef,
			communityId: idRef,
			year: yearField,
			outcome: { type: 'string', enum: [...BREACH_OUTCOMES] },
			severity: { type: 'string', enum: [...BREACH_SEVERITIES] },
			grounds: textField(MAX_GROUNDS),
			by: writerField,
			decidedAt: atField,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'breachId',
			'memberId',
			'branchId',
			'orgId',
			'communityId',
			'year',
			'outcome',
			'grounds',
			'by',
			'decidedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: caseChannels,
	subjectOf: breachOf,
	policy: ({ actor, prev, next, deleting, subject }) => {
		if (prev || deleting) return reject('append-only');
		if (!isOfficeOf(actor, next.orgId)) return reject('forbidden');
		if (next.by !== actor.username) return reject('not-owner');
		if (next.id !== decisionIdOf(next.breachId)) return reject('invalid', 'id');
		if (!subject || subject['_deleted'] === true || subject['kind'] !== 'breach') {
			return reject('subject-mismatch', 'breachId');
		}
		const field = CASE_FIELDS.find((name) => subject[name] !== next[name]);
		if (field) return reject('subject-mismatch', field);
		if ((next.outcome === 'confirmed') !== (next.severity !== undefined)) {
			return reject('invalid', 'severity');
		}
		if (!hasText(next.grounds)) return reject('invalid', 'grounds');
		return ACCEPT;
	}
};
