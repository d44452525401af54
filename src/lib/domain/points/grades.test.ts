import { describe, expect, it } from 'vitest';
import { gradeByPoints, gradeOf } from './grades';
import type { PointsResult, YearCounts } from './points-engine';
import { defaultScheme, type PointsScheme } from './points-scheme';

const scheme = defaultScheme('org-a', 2026);
const EVERY_MINIMUM: YearCounts = {
	residenceServices: 4,
	projectsOrPosts: 1,
	lectures: 1,
	microWishes: 1,
	communityActivities: 1,
	ethnicUnity: 1,
	partyDay: 1,
	waiting: 0
};

function result(total: number, counts: Partial<YearCounts> = {}, reported = true): PointsResult {
	return { year: 2026, total, lines: [], counts: { ...EVERY_MINIMUM, ...counts }, reported };
}

describe('gradeOf', () => {
	it('grades by the thresholds 90 · 70 · 50', () => {
		const grades = [100, 90, 89, 70, 69, 50, 49, 0].map(
			(total) => gradeOf(result(total), scheme, false).grade
		);
		expect(grades).toEqual([
			'good',
			'good',
			'fairly-good',
			'fairly-good',
			'average',
			'average',
			'poor',
			'poor'
		]);
	});

	it('caps a member not reported at 一般, whatever the points', () => {
		const grade = gradeOf(result(120, {}, false), scheme, true);
		expect(grade).toMatchObject({
			grade: 'average',
			byPoints: 'good',
			gates: [{ gate: 'not-reported', cap: 'average' }],
			projected: true,
			// Points would not help: only reporting lifts the gate.
			raise: [{ kind: 'report-residence' }]
		});
	});

	it('caps a member who missed a yearly minimum at 一般 and says which', () => {
		const grade = gradeOf(
			result(95, { residenceServices: 1, lectures: 0, partyDay: 0, waitingFor: { lectures: 1 } }),
			scheme,
			true
		);
		expect(grade.grade).toBe('average');
		expect(grade.gates).toEqual([
			{
				gate: 'minimum-missed',
				cap: 'average',
				missing: ['residenceServices', 'lectures', 'branchActivities']
			}
		]);
		expect(grade.raise).toEqual([
			{ kind: 'minimum', minimum: 'residenceServices', needed: 3, waiting: 0 },
			{ kind: 'minimum', minimum: 'lectures', needed: 1, waiting: 1 },
			{ kind: 'minimum', minimum: 'branchActivities', needed: 1, waiting: 0 }
		]);
	});

	it('leaves the grade to the points when the office turned the gates off', () => {
		const open: PointsScheme = { ...scheme, gates: { notReported: false, minimums: false } };
		const grade = gradeOf(result(95, { lectures: 0 }, false), open, false);
		expect(grade).toMatchObject({ grade: 'good', gates: [], raise: [] });
	});

	it('says how many points would reach the next grade', () => {
		expect(gradeOf(result(75), scheme, true).raise).toEqual([
			{ kind: 'points', needed: 15, to: 'good' }
		]);
		expect(gradeOf(result(20), scheme, true).raise).toEqual([
			{ kind: 'points', needed: 30, to: 'average' }
		]);
	});

	it('lists the gates before the points when both hold the grade down', () => {
		const grade = gradeOf(result(40, { microWishes: 0 }, false), scheme, true);
		expect(grade.grade).toBe('poor');
		expect(grade.raise.map((r) => r.kind)).toEqual(['report-residence', 'minimum', 'points']);
	});

	it('has nothing to raise at 好, and tells a final grade from a projected one', () => {
		expect(gradeOf(result(90), scheme, false)).toMatchObject({
			grade: 'good',
			projected: false,
			raise: []
		});
	});

	it('uses the thresholds of the scheme it is given', () => {
		expect(gradeByPoints(80, { good: 80, fairlyGood: 60, average: 40 })).toBe('good');
	});
});
