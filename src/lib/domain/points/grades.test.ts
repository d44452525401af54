import { describe, expect, it } from 'vitest';
import { gradeByPoints, gradeOf } from './grades';
import type { PointsResult, YearCounts } from './points-engine';
import { defaultScheme, type PointsScheme } from './points-scheme';
import type { ConfirmedBreach } from '../conduct/breach-status';
import type { Feedback } from '../feedback/community-feedback';

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

function result(
	total: number,
	counts: Partial<YearCounts> = {},
	reported = true,
	yearEnd: Pick<Partial<PointsResult>, 'breaches' | 'feedback'> = {}
): PointsResult {
	return {
		year: 2026,
		total,
		lines: [],
		counts: { ...EVERY_MINIMUM, ...counts },
		reported,
		breaches: [],
		feedback: [],
		...yearEnd
	};
}

function breach(id: string, severity: ConfirmedBreach['severity']): ConfirmedBreach {
	return {
		breachId: id,
		memberId: 'm1',
		year: 2026,
		rule: 'seeking-favours',
		severity,
		occurredOn: '2026-05-01',
		decidedAt: '2026-05-10T02:00:00.000Z',
		description: '要求社区安排用车'
	};
}

function feedback(communityId: string, grade: Feedback['grade']): Feedback {
	return {
		id: `feedback.2026.${communityId}.m1`,
		kind: 'feedback',
		year: 2026,
		communityId,
		memberId: 'm1',
		memberName: '张三',
		branchId: 'br1',
		orgId: 'org-a',
		grade,
		...(grade === 'poor' ? { comment: '多次未按约定到岗' } : {}),
		by: 'community1',
		updatedAt: '2026-12-01T02:00:00.000Z',
		channels: []
	};
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

describe("the gates of the year's end (R20, R21)", () => {
	it('caps a member with a confirmed breach at 一般 and names the breach', () => {
		const grade = gradeOf(
			result(120, {}, true, { breaches: [breach('b1', 'minor')] }),
			scheme,
			true
		);
		expect(grade).toMatchObject({
			grade: 'average',
			byPoints: 'good',
			gates: [{ gate: 'breach', cap: 'average', breaches: ['b1'] }]
		});
	});

	it('caps a member with a severe breach at 差', () => {
		const breaches = [breach('b1', 'minor'), breach('b2', 'severe')];
		const grade = gradeOf(result(120, {}, true, { breaches }), scheme, true);
		expect(grade.grade).toBe('poor');
		expect(grade.gates).toEqual([
			{ gate: 'breach-severe', cap: 'poor', breaches: ['b2'] },
			{ gate: 'breach', cap: 'average', breaches: ['b1'] }
		]);
		expect(grade.raise).toEqual([]);
	});

	it('caps at 一般 when a community rated the member 差, naming the community', () => {
		const given = [feedback('cm2', 'poor'), feedback('cm1', 'good')];
		const grade = gradeOf(result(95, {}, true, { feedback: given }), scheme, false);
		expect(grade).toMatchObject({
			grade: 'average',
			gates: [{ gate: 'feedback-poor', cap: 'average', communities: ['cm2'] }]
		});
	});

	it('leaves other feedback to the points', () => {
		const given = [feedback('cm1', 'average'), feedback('cm2', 'fairly-good')];
		expect(gradeOf(result(95, {}, true, { feedback: given }), scheme, false)).toMatchObject({
			grade: 'good',
			gates: []
		});
	});

	it('never suggests points past a breach or feedback gate', () => {
		const atCap = gradeOf(
			result(75, {}, true, { feedback: [feedback('cm1', 'poor')] }),
			scheme,
			true
		);
		expect(atCap.grade).toBe('average');
		expect(atCap.raise).toEqual([]);
		// Below the cap, points still help — up to it, not beyond.
		const below = gradeOf(
			result(40, {}, true, { breaches: [breach('b1', 'serious')] }),
			scheme,
			true
		);
		expect(below.raise).toEqual([{ kind: 'points', needed: 10, to: 'average' }]);
		const under = gradeOf(
			result(60, {}, true, { breaches: [breach('b1', 'minor')] }),
			scheme,
			true
		);
		expect(under.raise).toEqual([]);
	});

	it('suggests nothing under a severe breach, not even the gates the member could lift', () => {
		const grade = gradeOf(
			result(10, { lectures: 0 }, false, { breaches: [breach('b1', 'severe')] }),
			scheme,
			true
		);
		expect(grade.grade).toBe('poor');
		expect(grade.raise).toEqual([]);
	});

	it('still lists what the member can lift when a fixed gate is above the grade', () => {
		const grade = gradeOf(
			result(40, { lectures: 0 }, true, { feedback: [feedback('cm1', 'poor')] }),
			scheme,
			true
		);
		expect(grade.raise.map((r) => r.kind)).toEqual(['minimum', 'points']);
	});

	it('lets the office turn the breach and feedback gates off', () => {
		const open: PointsScheme = {
			...scheme,
			gates: { notReported: true, minimums: true, breach: false, feedback: false }
		};
		const grade = gradeOf(
			result(95, {}, true, {
				breaches: [breach('b1', 'severe')],
				feedback: [feedback('cm1', 'poor')]
			}),
			open,
			false
		);
		expect(grade).toMatchObject({ grade: 'good', gates: [] });
	});

	it('keeps the gates on for a version stored before they existed', () => {
		const stored: PointsScheme = { ...scheme, gates: { notReported: true, minimums: true } };
		const grade = gradeOf(
			result(95, {}, true, { breaches: [breach('b1', 'minor')] }),
			stored,
			false
		);
		expect(grade.grade).toBe('average');
	});
});
