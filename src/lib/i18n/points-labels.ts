import type { Raise, GateApplied } from '../domain/points/grades';
import type { RiskReason } from '../domain/points/grade-terms';
import type { BreachRule, BreachSeverity } from '../domain/conduct/breach-status';
import type { LineRule, PointLine } from '../domain/points/points-engine';
import type { Grade } from '../domain/points/points-scheme';
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
export function ruleText(rule: LineRule | null): string {
	return rule === null ? t('points.rule.none') : t(`points.rule.${rule}`);
}

export function riskText(risk: RiskReason): string {
	return t(`points.risk.${risk}`);
}

export function breachRuleText(rule: BreachRule): string {
	return t(`points.breachRule.${rule}`);
}

export function severityText(severity: BreachSeverity): string {
	return t(`points.severity.${severity}`);
}

/** What a breach's penalty line was for: 活动中未佩戴党员徽章 · 情节轻微. */
export function penaltyText(line: PointLine): string {
	if (!line.breach) return '';
	return t('points.note.penalty', {
		rule: breachRuleText(line.breach.rule),
		severity: severityText(line.breach.severity)
	});
}

/**
 * Why a gate capped the grade: 未完成年度最低要求（宣讲、微心愿），等级最高为「一般」.
 * `communityName` names the communities of a 差 feedback (their ids without it).
 */
export function gateText(
	gate: GateApplied,
	communityName: (id: string) => string = (id) => id
): string {
	const cap = gradeText(gate.cap);
	if (gate.gate === 'not-reported') return t('points.gate.not-reported', { cap });
	if (gate.gate === 'breach') return t('points.gate.breach', { cap });
	if (gate.gate === 'breach-severe') return t('points.gate.breach-severe', { cap });
	if (gate.gate === 'feedback-poor') {
		const communities = (gate.communities ?? []).map(communityName).join(t('points.listSeparator'));
		return t('points.gate.feedback-poor', { communities, cap });
	}
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
