/**
 * Breach documents (R20) about member1 (m001, br1, org-a), reported by community2 (staff of cm2,
 * where the member reports), and a push helper (test fixtures; only `*.test.ts` files import this).
 * Now is 1 June 2026 in Shanghai.
 */
import { checkWrite, relatedKey, withChannels } from '../lib/domain/access/write-policy';
import type { Actor } from '../lib/domain/access/roles';
import type { Verdict } from '../lib/domain/access/write-verdict';
import { decisionIdOf, responseIdOf } from '../lib/domain/conduct/breach-fields';
import type { BreachDecision } from '../lib/domain/conduct/breach-decisions';
import type { BreachResponse } from '../lib/domain/conduct/breach-responses';
import { breachId, type Breach } from '../lib/domain/conduct/breaches';
import type { AnyDoc } from '../lib/domain/registry';
import { reportId, type Report } from '../lib/domain/reporting/reports';

export const BREACH_NOW = new Date('2026-06-01T04:00:00Z');
const at = BREACH_NOW.toISOString();

export const PHOTO = 'b'.repeat(64);
export const BREACH_ID = breachId('m001', '0123456789');

/** member1's unit report to cm2: how cm2 knows the member. */
export function unitReport(overrides: Partial<Report> = {}): Report {
	return withChannels('reports', {
		id: reportId('m001', 'unit', 'cm2'),
		kind: 'unit',
		memberId: 'm001',
		branchId: 'br1',
		orgId: 'org-a',
		communityId: 'cm2',
		submission: 1,
		submittedAt: at,
		memberName: '李明',
		updatedAt: at,
		channels: [],
		...overrides
	});
}

export function breach(overrides: Partial<Breach> = {}): Breach {
	return withChannels('evaluations', {
		id: BREACH_ID,
		kind: 'breach',
		memberId: 'm001',
		memberName: '李明',
		branchId: 'br1',
		orgId: 'org-a',
		communityId: 'cm2',
		year: 2026,
		rule: 'no-badge',
		occurredOn: '2026-05-30',
		description: '社区环境整治活动中未佩戴党员徽章。',
		evidence: [PHOTO],
		by: 'community2',
		createdAt: at,
		channels: [],
		...overrides
	});
}

export function response(overrides: Partial<BreachResponse> = {}): BreachResponse {
	return withChannels('evaluations', {
		id: responseIdOf(BREACH_ID),
		kind: 'breach-response',
		breachId: BREACH_ID,
		memberId: 'm001',
		branchId: 'br1',
		orgId: 'org-a',
		communityId: 'cm2',
		year: 2026,
		statement: '当天徽章遗落在家，已补戴。',
		evidence: [],
		by: 'member1',
		respondedAt: at,
		channels: [],
		...overrides
	});
}

export function decision(overrides: Partial<BreachDecision> = {}): BreachDecision {
	return withChannels('evaluations', {
		id: decisionIdOf(BREACH_ID),
		kind: 'breach-decision',
		breachId: BREACH_ID,
		memberId: 'm001',
		branchId: 'br1',
		orgId: 'org-a',
		communityId: 'cm2',
		year: 2026,
		outcome: 'confirmed',
		severity: 'minor',
		grounds: '经核实属实，情节轻微。',
		by: 'office1',
		decidedAt: at,
		channels: [],
		...overrides
	});
}

interface PushOptions {
	prev?: AnyDoc | object | null;
	deleting?: boolean;
	subject?: object | null;
	/** Documents the policy may look up (`relatedOf`), as the checker's side holds them. */
	held?: readonly { id: string }[];
	relatedComplete?: boolean;
}

/** Judges a write of an evaluation document as the gateway would, the reports held as given. */
export function pushEvaluation(actor: Actor, doc: object, options: PushOptions = {}): Verdict {
	const related = new Map<string, Record<string, unknown>>();
	for (const held of options.held ?? []) {
		const kind = (held as { kind?: unknown }).kind;
		const collection = kind === 'unit' || kind === 'residence' ? 'reports' : 'evaluations';
		related.set(relatedKey({ collection, id: held.id }), held);
	}
	return checkWrite({
		collection: 'evaluations',
		actor,
		prev: (options.prev ?? null) as AnyDoc | null,
		next: doc as AnyDoc,
		deleting: options.deleting ?? false,
		subject: (options.subject ?? null) as Record<string, unknown> | null,
		related,
		relatedComplete: options.relatedComplete ?? true,
		now: BREACH_NOW
	});
}
