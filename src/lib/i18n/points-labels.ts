import type { Raise, GateApplied } from '../domain/points/grades';
import type { RiskReason } from '../domain/points/grade-terms';
import type { Grade, RuleKey } from '../domain/points/points-scheme';
import { t } from './i18n.svelte';

/*
 * Words for points and grades (the lazily loaded `points` part, which the member's, the
 * secretary's and the office's screens add in their +layout.ts).
 */

/** 好 · 较好 · 一般 · 差 */
export function gradeText(grade: Grade): string {
	return t(`points.grade.${grade}`);
}

/** A rule's name; a source no rule scores is said to have none. */
export function ruleText(rule: RuleKey | null): string {
	return rule === null ? t('points.rule.none') : t(`points.rule.${rule}`);
}

export function riskText(risk: RiskReason): string {
	return t(`points.risk.${risk}`);
}

/** Why a gate capped the grade: 未完成年度最低要求（宣讲、微心愿），等级最高为「一般」. */
export function gateText(gate: GateApplied): string {
	const cap = gradeText(gate.cap);
	if (gate.gate === 'not-reported') return t('points.gate.not-reported', { cap });
	const missing = (gate.missing ?? [])
		.map((minimum) => t(`points.minimum.${minimum}`))
		.join(t('points.listSeparator'));
	return t('points.gate.minimum-missed', { missing, cap });
}

/** One thing that would raise the grade, in words. */
export function raiseText(raise: Raise): string {
	if (raise.kind === 'report-residence') return t('points.raise.report-residence');
	if (raise.kind === 'points') {
		return t('points.raise.points', { needed: raise.needed, to: gradeText(raise.to) });
	}
	const minimum = t(`points.minimum.${raise.minimum}`);
	return raise.waiting > 0
		? t('points.raise.minimumWaiting', { needed: raise.needed, minimum, waiting: raise.waiting })
		: t('points.raise.minimum', { needed: raise.needed, minimum });
}
