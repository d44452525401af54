import { describe, expect, it } from 'vitest';
import { aMember, confirm, reported } from '../../../test-data/reporting-fixtures';
import { aVersion, aView, ELSEWHERE } from '../../../test-data/points-fixtures';
import { reviewOf } from '../reporting/report-drafts';
import type { RecordView } from '../records/record-status';
import { computePoints, type PointsInputs } from './points-engine';
import type { PointsScheme } from './points-scheme';
import type { ConfirmedBreach } from '../conduct/breach-status';
import type { Feedback } from '../feedback/community-feedback';

const YEAR = 2026;
const member = aMember('m001');
const residence = reported(member);
const unit = reported(member, 'unit');

function points(views: RecordView[], overrides: Partial<PointsInputs> = {}) {
	return computePoints({
		member,
		linkedCommunityId: 'cm1',
		reports: [],
		reviews: [],
		views,
		schemes: [],
		year: YEAR,
		...overrides
	});
}

const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}T10:00:00+08:00`;

describe('computePoints: rules', () => {
	it('scores each source under the default scheme', () => {
		const result = points(
			[
				aView('volunteer', day(1)),
				aView('project', day(2), { origin: 'claim' }),
				aView('lecture-given', day(3)),
				aView('micro-wish', day(4), { origin: 'claim' }),
				aView('community', day(5)),
				aView('ethnic-unity', day(6), { hostBranchId: 'br1' }),
				aView('party-day', day(7), { hostBranchId: 'br1' }),
				aView('emergency', day(8))
			],
			{ reports: [residence, unit], reviews: [confirm(residence), confirm(unit)] }
		);
		expect(result.lines.map((l) => [l.rule, l.points, l.note])).toEqual([
			// The reports were confirmed in 2024: reporting stands, so they count this year too.
			['residence-report', 10, 'counted'],
			['unit-report', 5, 'counted'],
			['residence-service', 5, 'counted'],
			['project-post', 5, 'counted'],
			['lecture', 10, 'counted'],
			['micro-wish', 10, 'counted'],
			['community-activity', 5, 'counted'],
			['ethnic-unity', 5, 'counted'],
			['party-day', 5, 'counted'],
			['emergency', 10, 'counted']
		]);
		expect(result.total).toBe(70);
		expect(result.reported).toBe(true);
		expect(result.lines.every((l) => l.schemeVersion === 0)).toBe(true);
		expect(result.lines[0]?.source).toEqual({
			collection: 'reports',
			id: residence.id,
			kind: 'report'
		});
	});

	it('scores a record under its most specific rule only', () => {
		const result = points([
			// All in the residence community: the specific rule wins over residence-service.
			aView('emergency', day(1)),
			aView('lecture-given', day(2)),
			aView('micro-wish', day(3)),
			aView('post', day(4)),
			aView('party-day', day(5)),
			aView('community', day(6)),
			aView('need', day(7)),
			aView('lecture', day(8))
		]);
		expect(result.lines.map((l) => l.rule)).toEqual([
			'emergency',
			'lecture',
			'micro-wish',
			'project-post',
			'party-day',
			'community-activity',
			'residence-service',
			'residence-service'
		]);
		// Every record in the residence community counts for R12, whatever its rule.
		expect(result.counts.residenceServices).toBe(8);
	});

	it('shows general service outside the residence community as a line of no rule', () => {
		const result = points([aView('volunteer', day(1), { communityId: ELSEWHERE })]);
		expect(result.lines).toEqual([
			expect.objectContaining({ rule: null, points: 0, note: 'no-rule', cap: null })
		]);
		expect(result.total).toBe(0);
		expect(result.counts.residenceServices).toBe(0);
	});

	it('gives no residence-service to a member without a residence community', () => {
		const result = points([aView('volunteer', day(1))], {
			member: { id: 'm001', orgId: 'org-a' }
		});
		expect(result.lines[0]).toMatchObject({ rule: null, note: 'no-rule' });
	});

	it('adds a point for every full hour of residence service beyond two', () => {
		const result = points(
			[179, 180, 239, 300].map((minutes, i) => aView('volunteer', day(i + 1), { minutes }))
		);
		expect(result.lines.map((l) => [l.points, l.bonus])).toEqual([
			[5, 0],
			[6, 1],
			[6, 1],
			[8, 3]
		]);
	});

	it('gives no hour bonus under other rules', () => {
		const result = points([aView('emergency', day(1), { minutes: 600 })]);
		expect(result.lines[0]).toMatchObject({ points: 10, bonus: 0 });
	});
});

describe('computePoints: caps', () => {
	it('counts up to the cap in time order, the rest as cap-reached', () => {
		const views = [4, 2, 3, 1].map((n) => aView('lecture-given', day(n)));
		const result = points(views);
		expect(result.lines.map((l) => [l.at, l.points, l.note, l.cap])).toEqual([
			[day(1), 10, 'counted', 3],
			[day(2), 10, 'counted', 3],
			[day(3), 10, 'counted', 3],
			[day(4), 0, 'cap-reached', 3]
		]);
		expect(result.total).toBe(30);
		// The cap limits points, not the count of lectures given.
		expect(result.counts.lectures).toBe(4);
	});

	it('caps each report and each branch activity once', () => {
		const result = points([
			aView('party-day', day(1), { hostBranchId: 'br1' }),
			aView('party-day', day(2), { hostBranchId: 'br1' })
		]);
		expect(result.lines.map((l) => l.note)).toEqual(['counted', 'cap-reached']);
	});

	it('does not cap emergency service', () => {
		const result = points(Array.from({ length: 12 }, (_, i) => aView('emergency', day(i + 1))));
		expect(result.total).toBe(120);
		expect(result.lines.every((l) => l.note === 'counted' && l.cap === null)).toBe(true);
	});
});

describe('computePoints: versions', () => {
	const lectureWorth =
		(points: number, cap: number | null = 3) =>
		(s: PointsScheme) => ({
			rules: { ...s.rules, lecture: { points, cap } }
		});

	it('scores a source under the version in force on its Shanghai date', () => {
		const v1 = aVersion(1, '2026-06-01', lectureWorth(20));
		const result = points(
			[
				aView('lecture-given', '2026-05-31T23:30:00+08:00'),
				// 31 May 16:30 UTC is already 1 June in Shanghai.
				aView('lecture-given', '2026-05-31T16:30:00.000Z')
			],
			{ schemes: [v1] }
		);
		expect(result.lines.map((l) => [l.points, l.schemeVersion])).toEqual([
			[10, 0],
			[20, 1]
		]);
	});

	it('applies a cap lowered mid-year from its date, counting what came before', () => {
		const v1 = aVersion(1, '2026-07-01', lectureWorth(10, 1));
		const result = points(
			[
				aView('lecture-given', '2026-03-01T10:00:00+08:00'),
				aView('lecture-given', '2026-04-01T10:00:00+08:00'),
				aView('lecture-given', '2026-08-01T10:00:00+08:00')
			],
			{ schemes: [v1] }
		);
		expect(result.lines.map((l) => [l.note, l.cap, l.schemeVersion])).toEqual([
			['counted', 3, 0],
			['counted', 3, 0],
			['cap-reached', 1, 1]
		]);
		expect(result.total).toBe(20);
	});

	it("ignores other bureaus' and other years' schemes", () => {
		const other = { ...aVersion(1, '2026-01-01', lectureWorth(50)), orgId: 'org-b' };
		const nextYear = aVersion(1, '2027-01-01', lectureWorth(50), 2027);
		const result = points([aView('lecture-given', day(1))], { schemes: [other, nextYear] });
		expect(result.lines[0]).toMatchObject({ points: 10, schemeVersion: 0 });
	});
});

describe('computePoints: the year and the states', () => {
	it('counts a record in the Shanghai year of its time', () => {
		const late = aView('emergency', '2026-12-31T23:30:00+08:00');
		const early = aView('emergency', '2027-01-01T00:10:00+08:00');
		// 16:30 UTC on 31 December is 00:30 on 1 January in Shanghai.
		const utc = aView('emergency', '2026-12-31T16:30:00.000Z');
		expect(points([late, early, utc]).lines.map((l) => l.at)).toEqual([late.effective.at]);
		expect(points([late, early, utc], { year: 2027 }).lines.map((l) => l.at)).toEqual([
			early.effective.at,
			utc.effective.at
		]);
	});

	it('scores approved records only and counts the ones still waiting', () => {
		const result = points([
			aView('volunteer', day(1)),
			aView('lecture-given', day(2), {}, 'needs-approval'),
			aView('volunteer', day(3), {}, 'needs-confirmation'),
			aView('community', day(4), { communityId: ELSEWHERE }, 'flagged'),
			aView('volunteer', day(5), {}, 'returned'),
			aView('volunteer', day(6), {}, 'withdrawn')
		]);
		expect(result.lines).toHaveLength(1);
		expect(result.counts).toMatchObject({
			residenceServices: 1,
			lectures: 0,
			waiting: 3,
			waitingFor: { lectures: 1, residenceServices: 2, communityActivities: 1 }
		});
	});

	it("takes the effective values: an approved correction's", () => {
		const view = aView('volunteer', day(1), { minutes: 60 });
		const corrected = {
			...view,
			effective: { ...view.effective, minutes: 200, description: '更正' }
		};
		expect(points([corrected]).lines[0]).toMatchObject({ points: 6, description: '更正' });
	});

	it('counts R8 branch activities only when the member’s own branch held them', () => {
		const result = points([
			aView('ethnic-unity', day(1), { hostBranchId: 'br9' }),
			aView('party-day', day(2), { hostBranchId: 'br1' })
		]);
		expect(result.counts).toMatchObject({ ethnicUnity: 0, partyDay: 1 });
	});
});

describe('computePoints: reports', () => {
	it('scores nothing for a report not yet confirmed, and the member is not reported', () => {
		const result = points([], { reports: [residence, unit] });
		expect(result.lines).toEqual([]);
		expect(result.reported).toBe(false);
	});

	it('dates a report line by its confirmation and counts none confirmed after the year', () => {
		const review = reviewOf(
			residence,
			'community2',
			{ decision: 'confirmed' },
			new Date('2026-12-31T16:30:00.000Z')
		);
		expect(points([], { reports: [residence], reviews: [review] }).reported).toBe(false);
		const result = points([], { reports: [residence], reviews: [review], year: 2027 });
		expect(result.lines).toEqual([
			expect.objectContaining({ rule: 'residence-report', at: review.decidedAt, points: 10 })
		]);
		expect(result.reported).toBe(true);
	});

	it('scores the unit report only to the branch’s linked community', () => {
		const result = points([], {
			reports: [unit],
			reviews: [confirm(unit)],
			linkedCommunityId: 'cm7'
		});
		expect(result.lines).toEqual([]);
	});
});

describe('computePoints: confirmed breaches (R20)', () => {
	const breach = (
		id: string,
		severity: ConfirmedBreach['severity'],
		occurredOn: string,
		memberId = member.id
	): ConfirmedBreach => ({
		breachId: id,
		memberId,
		year: Number(occurredOn.slice(0, 4)),
		rule: 'no-badge',
		severity,
		occurredOn,
		decidedAt: `${occurredOn}T09:00:00.000Z`,
		description: '活动中未佩戴党员徽章'
	});

	it('takes the penalty of each severity as a negative line, with its source, rule and severity', () => {
		const result = points([aView('lecture-given', day(1))], {
			breaches: [breach('b1', 'minor', '2026-04-01'), breach('b2', 'severe', '2026-05-01')]
		});
		expect(result.lines.map((l) => [l.rule, l.points, l.note])).toEqual([
			['lecture', 10, 'counted'],
			['breach', -10, 'penalty'],
			['breach', -30, 'penalty']
		]);
		expect(result.lines[1]).toMatchObject({
			source: { collection: 'evaluations', id: 'b1', kind: 'breach' },
			breach: { severity: 'minor', rule: 'no-badge' },
			description: '活动中未佩戴党员徽章',
			cap: null
		});
		expect(result.total).toBe(-30);
		expect(result.breaches.map((b) => b.breachId)).toEqual(['b1', 'b2']);
	});

	it('has no cap: every confirmed breach costs its penalty', () => {
		const breaches = ['01', '02', '03', '04', '05'].map((d) =>
			breach(`b${d}`, 'serious', `2026-06-${d}`)
		);
		expect(points([], { breaches }).total).toBe(-100);
	});

	it('uses the penalties of the version in force on the breach day', () => {
		const v1: PointsScheme = {
			...aVersion(1, '2026-05-01'),
			penalties: { minor: -5, serious: -15, severe: -50 }
		};
		const result = points([], {
			schemes: [v1],
			breaches: [breach('b1', 'minor', '2026-04-30'), breach('b2', 'minor', '2026-05-01')]
		});
		expect(result.lines.map((l) => [l.points, l.schemeVersion])).toEqual([
			[-10, 0],
			[-5, 1]
		]);
	});

	it('counts only the member’s breaches of the year', () => {
		const result = points([], {
			breaches: [breach('b1', 'minor', '2025-12-31'), breach('b2', 'minor', '2026-02-01', 'm999')]
		});
		expect(result.lines).toEqual([]);
		expect(result.breaches).toEqual([]);
	});

	it('keeps the member’s feedback of the year for the grade', () => {
		const given = { memberId: member.id, year: YEAR, grade: 'poor', communityId: 'cm1' };
		const other = { ...given, year: YEAR - 1 };
		const result = points([], { feedback: [given, other] as unknown as Feedback[] });
		expect(result.feedback).toEqual([given]);
		expect(result.total).toBe(0);
	});
});
