import { decisionIdOf } from './breach-fields';

/**
 * What a breach of discipline (R20) comes to once the office has decided it. Points and grades
 * read only confirmed breaches; this module knows nothing of how they are written.
 */

export const BREACH_RULES = [
	'unrelated-activity',
	'disturbing-work',
	'seeking-favours',
	'no-badge'
] as const;
export type BreachRule = (typeof BREACH_RULES)[number];

export const BREACH_SEVERITIES = ['minor', 'serious', 'severe'] as const;
export type BreachSeverity = (typeof BREACH_SEVERITIES)[number];

export const BREACH_KINDS = ['breach', 'breach-response', 'breach-decision'] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];

export interface ConfirmedBreach {
	breachId: string;
	memberId: string;
	year: number;
	rule: BreachRule;
	severity: BreachSeverity;
	occurredOn: string;
	decidedAt: string;
	description: string;
}

export function isBreachDoc(doc: { kind?: unknown }): boolean {
	return BREACH_KINDS.some((kind) => kind === doc.kind);
}

function isRule(value: unknown): value is BreachRule {
	return BREACH_RULES.some((rule) => rule === value);
}

function isSeverity(value: unknown): value is BreachSeverity {
	return BREACH_SEVERITIES.some((severity) => severity === value);
}

/** Confirmed breaches among evaluation documents (breaches + decisions), any order. */
export function confirmedBreaches(
	docs: readonly { id: string; kind?: unknown }[]
): ConfirmedBreach[] {
	const decisions = new Map<string, Record<string, unknown>>();
	for (const doc of docs) {
		if (doc.kind === 'breach-decision') decisions.set(doc.id, doc);
	}
	const confirmed: ConfirmedBreach[] = [];
	for (const doc of docs) {
		if (doc.kind !== 'breach') continue;
		const breach = doc as Record<string, unknown>;
		const decision = decisions.get(decisionIdOf(doc.id));
		if (!decision || decision.outcome !== 'confirmed') continue;
		const { memberId, year, rule, occurredOn, description } = breach;
		const { severity, decidedAt } = decision;
		if (typeof memberId !== 'string' || typeof year !== 'number' || !isRule(rule)) continue;
		if (!isSeverity(severity) || typeof decidedAt !== 'string') continue;
		confirmed.push({
			breachId: doc.id,
			memberId,
			year,
			rule,
			severity,
			occurredOn: typeof occurredOn === 'string' ? occurredOn : '',
			decidedAt,
			description: typeof description === 'string' ? description : ''
		});
	}
	return confirmed.sort(
		(a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.breachId.localeCompare(b.breachId)
	);
}
