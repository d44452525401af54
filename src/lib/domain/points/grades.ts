import { FIXED_GATES, type GateKey } from './grade-terms';
import type { PointsResult, YearCounts } from './points-engine';
import {
	gateOn,
	GRADES,
	MINIMUM_COUNT_KEYS,
	type Grade,
	type Minimums,
	type PointsScheme
} from './points-scheme';

/** A gate that caps the grade whatever the points, with what triggered it. */
export interface GateApplied {
	gate: GateKey;
	cap: Grade;
	/** For `minimum-missed`: which minimums (keys of `Minimums`). */
	missing?: (keyof import('./points-scheme').Minimums)[];
	/** For the breach gates: the confirmed breaches that close it. */
	breaches?: string[];
	/** For `feedback-poor`: the communities whose feedback was 差. */
	communities?: string[];
}

/** One thing that would raise the grade: a minimum to meet, or points to earn. */
export type Raise =
	| { kind: 'report-residence' }
	| {
			kind: 'minimum';
			minimum: keyof import('./points-scheme').Minimums;
			needed: number;
			waiting: number;
	  }
	| { kind: 'points'; needed: number; to: Grade };

export interface GradeResult {
	grade: Grade;
	/** The grade the points alone give. */
	byPoints: Grade;
	gates: GateApplied[];
	/** True during the year: "if the year ended today". */
	projected: boolean;
	/** What would raise it, most effective first; empty at 好 and when a fixed gate holds it. */
	raise: Raise[];
}

/** Whether `a` is a worse grade than `b`. */
export function isBelow(a: Grade, b: Grade): boolean {
	return GRADES.indexOf(a) > GRADES.indexOf(b);
}

function worst(grades: readonly Grade[]): Grade {
	return grades.reduce((w, g) => (isBelow(g, w) ? g : w), 'good');
}

/** The grade the points alone give under the scheme's thresholds. */
export function gradeByPoints(total: number, thresholds: PointsScheme['thresholds']): Grade {
	if (total >= thresholds.good) return 'good';
	if (total >= thresholds.fairlyGood) return 'fairly-good';
	if (total >= thresholds.average) return 'average';
	return 'poor';
}

function thresholdOf(grade: Grade, thresholds: PointsScheme['thresholds']): number {
	switch (grade) {
		case 'good':
			return thresholds.good;
		case 'fairly-good':
			return thresholds.fairlyGood;
		case 'average':
			return thresholds.average;
		case 'poor':
			return 0;
	}
}

/** How many more of each yearly minimum the member needs (only those short). */
export function minimumsShort(
	counts: YearCounts,
	minimums: Minimums
): { minimum: keyof Minimums; needed: number }[] {
	const short: { minimum: keyof Minimums; needed: number }[] = MINIMUM_COUNT_KEYS.flatMap((key) => {
		const needed = minimums[key] - counts[key];
		return needed > 0 ? [{ minimum: key, needed }] : [];
	});
	if (minimums.branchActivities) {
		const needed = (counts.ethnicUnity > 0 ? 0 : 1) + (counts.partyDay > 0 ? 0 : 1);
		if (needed > 0) short.push({ minimum: 'branchActivities', needed });
	}
	return short;
}

/** The gates of the year's end: confirmed breaches (R20) and the communities' feedback (R21). */
function yearEndGates(points: PointsResult, scheme: PointsScheme): GateApplied[] {
	const gates: GateApplied[] = [];
	if (gateOn(scheme, 'breach')) {
		const severe = points.breaches.filter((b) => b.severity === 'severe');
		const other = points.breaches.filter((b) => b.severity !== 'severe');
		if (severe.length > 0) {
			gates.push({ gate: 'breach-severe', cap: 'poor', breaches: severe.map((b) => b.breachId) });
		}
		if (other.length > 0) {
			gates.push({ gate: 'breach', cap: 'average', breaches: other.map((b) => b.breachId) });
		}
	}
	const poor = points.feedback.filter((f) => f.grade === 'poor');
	if (gateOn(scheme, 'feedback') && poor.length > 0) {
		const communities = [...new Set(poor.map((f) => f.communityId))].sort();
		gates.push({ gate: 'feedback-poor', cap: 'average', communities });
	}
	return gates;
}

/**
 * The grade of a year's points under the scheme in force at the year's end (or today, projected):
 * the points' grade, capped by each gate that holds (not reported, a yearly minimum missed, a
 * confirmed breach, the community's feedback 差), with what would raise it — the gates the member
 * can lift first, since no points lift a grade past them; never points past a gate they cannot.
 */
export function gradeOf(
	points: PointsResult,
	scheme: PointsScheme,
	projected: boolean
): GradeResult {
	const byPoints = gradeByPoints(points.total, scheme.thresholds);
	const gates: GateApplied[] = [];
	if (scheme.gates.notReported && !points.reported) {
		gates.push({ gate: 'not-reported', cap: 'average' });
	}
	const short = scheme.gates.minimums ? minimumsShort(points.counts, scheme.minimums) : [];
	if (short.length > 0) {
		gates.push({ gate: 'minimum-missed', cap: 'average', missing: short.map((s) => s.minimum) });
	}
	gates.push(...yearEndGates(points, scheme));
	const grade = worst([byPoints, ...gates.map((g) => g.cap)]);
	// The best grade this year can still reach: breaches and feedback stay whatever is done.
	const ceiling = worst(gates.filter((g) => FIXED_GATES.includes(g.gate)).map((g) => g.cap));
	const raise: Raise[] = [];
	if (isBelow(grade, ceiling)) {
		if (gates.some((g) => g.gate === 'not-reported')) raise.push({ kind: 'report-residence' });
		for (const { minimum, needed } of short) {
			raise.push({
				kind: 'minimum',
				minimum,
				needed,
				waiting: points.counts.waitingFor?.[minimum] ?? 0
			});
		}
		// Points help only where they, not a gate, hold the grade down.
		const to = GRADES[GRADES.indexOf(byPoints) - 1];
		if (!isBelow(grade, byPoints) && to && !isBelow(ceiling, to)) {
			raise.push({ kind: 'points', needed: thresholdOf(to, scheme.thresholds) - points.total, to });
		}
	}
	return { grade, byPoints, gates, projected, raise };
}
