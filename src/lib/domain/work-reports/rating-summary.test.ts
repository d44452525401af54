import { describe, expect, it } from 'vitest';
import { groupRate, ratingSummary } from './rating-summary';
import type { Rating, RaterGroup, RatingGrade } from './ratings';

function rating(id: string, raterGroup: RaterGroup, grade: RatingGrade): Rating {
	return {
		id,
		kind: 'rating',
		reportId: 'work-report.2026.br1',
		year: 2026,
		branchId: 'br1',
		orgId: 'org-a',
		communityId: 'cm1',
		streetId: 'st1',
		raterGroup,
		grade,
		updatedAt: '2026-12-01T00:00:00.000Z',
		channels: []
	};
}

describe('rating summary', () => {
	it('has no rate before anyone rated', () => {
		const summary = ratingSummary([]);
		expect(summary.count).toBe(0);
		expect(summary.satisfactionRate).toBeNull();
		expect(groupRate(summary.byGroup.resident)).toBeNull();
	});

	it('counts per group and rates (满意 + 基本满意) over all', () => {
		const summary = ratingSummary([
			rating('a', 'street', 'satisfied'),
			rating('b', 'community', 'basically-satisfied'),
			rating('c', 'resident', 'dissatisfied'),
			rating('d', 'resident', 'satisfied')
		]);
		expect(summary.count).toBe(4);
		expect(summary.byGroup.resident).toEqual({
			satisfied: 1,
			'basically-satisfied': 0,
			dissatisfied: 1
		});
		expect(summary.total).toEqual({ satisfied: 2, 'basically-satisfied': 1, dissatisfied: 1 });
		expect(summary.satisfactionRate).toBe(0.75);
		expect(groupRate(summary.byGroup.resident)).toBe(0.5);
	});

	it('counts a rating once however often it is seen', () => {
		const twice = [rating('a', 'resident', 'satisfied'), rating('a', 'resident', 'satisfied')];
		expect(ratingSummary(twice).count).toBe(1);
	});
});
