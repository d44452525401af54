import { shanghaiToday } from '../ledger/agreement-state';
import { isStaffOf } from '../access/roles';
import { ACCEPT, changedField, reject, type Verdict } from '../access/write-verdict';
import { dayField, evidenceField, isCalendarDay, writerField } from '../ledger/ledger-pair';
import { hasText } from '../records/record-fragments';
import { reportId } from '../reporting/reports';
import { compositeId, idRef } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import type { SubjectRef } from '../schema/subject-ref';
import {
	atField,
	caseChannels,
	decisionOf,
	MAX_BREACH_EVIDENCE,
	MAX_DESCRIPTION,
	memberNameField,
	textField,
	yearField,
	type BreachCase
} from './breach-fields';
import { BREACH_RULES, type BreachRule } from './breach-status';

/**
 * A breach of the notice's discipline (R20), as the community's staff report it: what happened,
 * when, which rule, with photos. The record stays as written; the community may withdraw it
 * (delete it) only until the office has decided it.
 */
export interface Breach extends BreachCase {
	id: string;
	kind: 'breach';
	memberName: string;
	rule: BreachRule;
	/** Shanghai date `YYYY-MM-DD`; its year is the case's. */
	occurredOn: string;
	description: string;
	/** Photos or scans (SHA-256 hex of files uploaded beside the breach), at most six. */
	evidence: string[];
	by: string;
	createdAt: string;
	channels: string[];
}

const SUFFIX = /^[0-9A-HJKMNP-TV-Z]{10}$/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Ten random Crockford characters: two staff reporting offline never pick the same id. */
export function newBreachSuffix(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(10));
	return Array.from(bytes, (byte) => CROCKFORD[byte & 31]).join('');
}

export function breachId(memberId: string, suffix: string): string {
	return `breach.${memberId}.${suffix}`;
}

function isBreachIdOf(id: string, memberId: string): boolean {
	const prefix = breachId(memberId, '');
	return id.startsWith(prefix) && SUFFIX.test(id.slice(prefix.length));
}

export function isBreach(doc: { kind?: unknown }): doc is Breach {
	return doc.kind === 'breach';
}

/** The member's reports to the community, either of which shows the community knows them. */
function reportsOf(breach: Breach): SubjectRef[] {
	return (['residence', 'unit'] as const).map((kind) => ({
		collection: 'reports',
		id: reportId(breach.memberId, kind, breach.communityId)
	}));
}

/**
 * A community reports only members who report to it: a report of theirs to the community names
 * the same branch and bureau. A device missing the reports leaves the question to the gateway.
 */
function checkMemberIsKnown(
	breach: Breach,
	related: (ref: SubjectRef) => Record<string, unknown> | null,
	relatedComplete: boolean
): Verdict {
	const reports = reportsOf(breach)
		.map(related)
		.filter((report) => report !== null);
	if (reports.length === 0)
		return relatedComplete ? reject('subject-mismatch', 'memberId') : ACCEPT;
	const known = reports.some(
		(report) =>
			report['memberId'] === breach.memberId &&
			report['branchId'] === breach.branchId &&
			report['orgId'] === breach.orgId
	);
	return known ? ACCEPT : reject('subject-mismatch', 'branchId');
}

const ALL_FIELDS = [
	'memberId',
	'memberName',
	'branchId',
	'orgId',
	'communityId',
	'year',
	'rule',
	'occurredOn',
	'description',
	'evidence',
	'by',
	'createdAt'
] as const;

export const breaches: KindDefinition<Breach> = {
	name: 'breach',
	kindValues: ['breach'],
	schema: {
		title: 'breach',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['breach'] },
			memberId: idRef,
			memberName: memberNameField,
			branchId: idRef,
			orgId: idRef,
			communityId: idRef,
			year: yearField,
			rule: { type: 'string', enum: [...BREACH_RULES] },
			occurredOn: dayField,
			description: textField(MAX_DESCRIPTION),
			evidence: evidenceField,
			by: writerField,
			createdAt: atField,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'memberId',
			'memberName',
			'branchId',
			'orgId',
			'communityId',
			'year',
			'rule',
			'occurredOn',
			'description',
			'evidence',
			'by',
			'createdAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: caseChannels,
	relatedOf: (breach) => [decisionOf({ breachId: breach.id }), ...reportsOf(breach)],
	filesOf: (breach) => breach.evidence,
	policy: ({ actor, prev, next, deleting, related, relatedComplete, now }) => {
		if (!isStaffOf(actor, next.communityId)) return reject('forbidden');
		if (prev && !isStaffOf(actor, prev.communityId)) return reject('forbidden');
		if (prev) {
			// Once decided, the report is part of the member's record and stays.
			if (related(decisionOf({ breachId: prev.id }))) return reject('append-only', 'decided');
			if (deleting) return ACCEPT;
			const field = changedField(prev, next, ALL_FIELDS);
			return field ? reject('immutable-field', field) : ACCEPT;
		}
		if (deleting) return reject('forbidden');
		if (next.by !== actor.username) return reject('not-owner');
		if (!isBreachIdOf(next.id, next.memberId)) return reject('invalid', 'id');
		if (!isCalendarDay(next.occurredOn)) return reject('invalid', 'occurredOn');
		// A day of the device's today or before; the server's clock allows the device's a day ahead.
		const tomorrow = shanghaiToday(new Date(now.getTime() + 86_400_000));
		if (next.occurredOn > tomorrow) return reject('invalid', 'occurredOn');
		if (next.year !== Number(next.occurredOn.slice(0, 4))) return reject('invalid', 'year');
		if (!hasText(next.description)) return reject('invalid', 'description');
		if (!hasText(next.memberName)) return reject('invalid', 'memberName');
		if (next.evidence.length > MAX_BREACH_EVIDENCE) return reject('invalid', 'evidence');
		return checkMemberIsKnown(next, related, relatedComplete);
	}
};
