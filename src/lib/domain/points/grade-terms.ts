/*
 * The names a member's standing and the worker's summaries share. A leaf module: the summary kinds
 * are listed by the registry, which the points engine reaches through the reporting modules, so
 * the kinds take these names from here rather than from the engine.
 */

/** A gate that caps the grade whatever the points. */
export type GateKey = 'not-reported' | 'minimum-missed';

/** At-risk reasons for the secretary's list (R12, R16, R8, projected grade below 较好). */
export type RiskReason = 'r12' | 'r16' | 'r8' | 'grade';

/** How many members have each grade. */
export interface GradeCounts {
	good: number;
	fairlyGood: number;
	average: number;
	poor: number;
}
