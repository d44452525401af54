/*
 * The names a member's standing and the worker's summaries share. A leaf module: the summary kinds
 * are listed by the registry, which the points engine reaches through the reporting modules, so
 * the kinds take these names from here rather than from the engine.
 */

/** The gates that cap the grade whatever the points, in the order a summary lists them. */
export const GATE_KEYS = [
	'not-reported',
	'minimum-missed',
	'breach',
	'breach-severe',
	'feedback-poor'
] as const;
export type GateKey = (typeof GATE_KEYS)[number];

/** Gates the member cannot lift this year by doing more: points never raise a grade past them. */
export const FIXED_GATES: readonly GateKey[] = ['breach', 'breach-severe', 'feedback-poor'];

/** At-risk reasons for the secretary's list (R12, R16, R8, projected grade below 较好). */
export type RiskReason = 'r12' | 'r16' | 'r8' | 'grade';

/** How many members have each grade. */
export interface GradeCounts {
	good: number;
	fairlyGood: number;
	average: number;
	poor: number;
}
