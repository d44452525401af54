import { describe, expect, it } from 'vitest';
import type { MemberYearSummary } from '../evaluation/member-year';
import { isEligible, proposeNominations } from './nominations';

function summary(memberId: string, overrides: Partial<MemberYearSummary> = {}): MemberYearSummary {
	return {
		id: `member-year.${memberId}.2026`,
		kind: 'member-year',
		memberId,
		memberName: `党员${memberId}`,
		branchId: 'br1',
		orgId: 'org-a',
		year: 2026,
		residence: 'confirmed',
		unit: 'confirmed',
		attended: 6,
		communityActivities: 4,
		lecturesGiven: 0,
		serviceMinutes: 600,
		sessions: 8,
		missedDuties: [],
		points: 90,
		grade: 'good',
		gates: [],
		residenceServices: 5,
		isEffective: true,
		updatedAt: '2026-11-30T00:00:00.000Z',
		channels: [],
		...overrides
	};
}

describe('nominations proposed from the year summaries (R18)', () => {
	it('ranks 志愿服务之星 by service time, with the hours, sessions and points as reasons', () => {
		const proposals = proposeNominations(
			'volunteer-star',
			[
				summary('m1', { serviceMinutes: 600, points: 95 }),
				summary('m2', { serviceMinutes: 2280, sessions: 20, points: 88 }),
				summary('m3', { serviceMinutes: 900, points: 70 })
			],
			2026
		);
		expect(proposals.map((p) => p.memberId)).toEqual(['m2', 'm3', 'm1']);
		expect(proposals[0]?.reasons).toEqual([
			{ code: 'hours', hours: 38, rank: 1 },
			{ code: 'sessions', sessions: 20 },
			{ code: 'points', points: 88, rank: 2 },
			{ code: 'grade', grade: 'good' },
			{ code: 'residence-services', services: 5 },
			{ code: 'no-breach' }
		]);
	});

	it('ranks 最美下沉干部 by points among members who reported to both communities', () => {
		const proposals = proposeNominations(
			'exemplary-cadre',
			[
				summary('m1', { points: 95, unit: 'waiting' }),
				summary('m2', { points: 88, feedbackGrade: 'good' }),
				summary('m3', { points: 92 }),
				summary('m4', { points: 99, isEffective: false })
			],
			2026
		);
		expect(proposals.map((p) => p.memberId)).toEqual(['m3', 'm2']);
		// m4 and m1 have more points: the ranks count the whole bureau.
		expect(proposals[0]?.reasons[0]).toEqual({ code: 'points', points: 92, rank: 3 });
		expect(proposals[1]?.reasons).toContainEqual({ code: 'feedback', grade: 'good' });
		expect(proposals[1]?.reasons).toContainEqual({ code: 'reported' });
	});

	it('passes over a confirmed breach, feedback below 较好 and a grade below 好', () => {
		expect(isEligible(summary('m1'))).toBe(true);
		expect(isEligible(summary('m1', { breaches: 1 }))).toBe(false);
		expect(isEligible(summary('m1', { gates: ['breach'] }))).toBe(false);
		expect(isEligible(summary('m1', { gates: ['breach-severe'] }))).toBe(false);
		expect(isEligible(summary('m1', { feedbackGrade: 'average' }))).toBe(false);
		expect(isEligible(summary('m1', { feedbackGrade: 'fairly-good' }))).toBe(true);
		expect(isEligible(summary('m1', { gates: ['feedback-poor'] }))).toBe(false);
		expect(isEligible(summary('m1', { grade: 'fairly-good' }))).toBe(false);
		const before = summary('m1');
		delete before.points;
		delete before.grade;
		expect(isEligible(before)).toBe(false);
	});

	it('shares a rank on a tie, orders ties by member id and keeps to the limit', () => {
		const proposals = proposeNominations(
			'volunteer-star',
			['m3', 'm1', 'm2'].map((id) => summary(id)),
			2026,
			2
		);
		expect(proposals.map((p) => p.memberId)).toEqual(['m1', 'm2']);
		expect(proposals.map((p) => p.reasons[0])).toEqual([
			{ code: 'hours', hours: 10, rank: 1 },
			{ code: 'hours', hours: 10, rank: 1 }
		]);
	});

	it('looks at the one year only and wants an hour of service for a star', () => {
		expect(
			proposeNominations(
				'volunteer-star',
				[summary('m1', { year: 2025 }), summary('m2', { serviceMinutes: 59 })],
				2026
			)
		).toEqual([]);
	});
});
