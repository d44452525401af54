import { isMember } from '../access/roles';
import { ACCEPT, changedField, reject } from '../access/write-verdict';
import { evidenceField, writerField } from '../ledger/ledger-pair';
import { hasText } from '../records/record-fragments';
import { compositeId, idRef } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import {
	atField,
	breachOf,
	CASE_FIELDS,
	caseChannels,
	decisionOf,
	MAX_RESPONSE_EVIDENCE,
	MAX_STATEMENT,
	responseIdOf,
	textField,
	yearField,
	type BreachCase
} from './breach-fields';

/**
 * The member's answer to a breach reported about them (R20): their side of it, with photos of
 * their own. The member may change it until the office has decided the breach.
 */
export interface BreachResponse extends BreachCase {
	id: string;
	kind: 'breach-response';
	breachId: string;
	statement: string;
	/** At most three photos or scans (SHA-256 hex). */
	evidence: string[];
	by: string;
	respondedAt: string;
	channels: string[];
}

export function isBreachResponse(doc: { kind?: unknown }): doc is BreachResponse {
	return doc.kind === 'breach-response';
}

const FIXED_FIELDS = ['breachId', ...CASE_FIELDS] as const;

export const breachResponses: KindDefinition<BreachResponse> = {
	name: 'breach-response',
	kindValues: ['breach-response'],
	schema: {
		title: 'breach response',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['breach-response'] },
			breachId: compositeId,
			memberId: idRef,
			branchId: idRef,
			orgId: idRef,
			communityId: idRef,
			year: yearField,
			statement: textField(MAX_STATEMENT),
			evidence: evidenceField,
			by: writerField,
			respondedAt: atField,
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
			'statement',
			'evidence',
			'by',
			'respondedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: caseChannels,
	subjectOf: breachOf,
	relatedOf: (response) => [decisionOf(response)],
	filesOf: (response) => response.evidence,
	policy: ({ actor, prev, next, deleting, subject, related }) => {
		if (!isMember(actor, next.memberId)) return reject('not-owner');
		// What the member said stays beside the breach; they change it, never take it back.
		if (deleting) return reject('forbidden');
		if (next.by !== actor.username) return reject('not-owner');
		if (next.id !== responseIdOf(next.breachId)) return reject('invalid', 'id');
		if (!subject || subject['_deleted'] === true || subject['kind'] !== 'breach') {
			return reject('subject-mismatch', 'breachId');
		}
		const field = FIXED_FIELDS.find((name) => name !== 'breachId' && subject[name] !== next[name]);
		if (field) return reject('subject-mismatch', field);
		if (prev) {
			const changed = changedField(prev, next, FIXED_FIELDS);
			if (changed) return reject('immutable-field', changed);
		}
		if (related(decisionOf(next))) return reject('append-only', 'decided');
		if (!hasText(next.statement)) return reject('invalid', 'statement');
		if (next.evidence.length > MAX_RESPONSE_EVIDENCE) return reject('invalid', 'evidence');
		return ACCEPT;
	}
};
