import {
	RATER_GROUPS,
	RATING_GRADES,
	type Rating,
	type RaterGroup,
	type RatingGrade
} from './ratings';

export type GradeCounts = Record<RatingGrade, number>;

export interface RatingSummary {
	byGroup: Record<RaterGroup, GradeCounts>;
	total: GradeCounts;
	count: number;
	/** (满意 + 基本满意) / all; null before anyone rated. */
	satisfactionRate: number | null;
}

function noGrades(): GradeCounts {
	return Object.fromEntries(RATING_GRADES.map((grade) => [grade, 0])) as GradeCounts;
}

function rateOf(counts: GradeCounts, count: number): number | null {
	return count === 0 ? null : (counts.satisfied + counts['basically-satisfied']) / count;
}

/**
 * What the ratings of one report come to, per rater group and in all: the evidence of 述职评议 for
 * the "五个好" branch assessment. Each rating counts once however often its id was seen.
 */
export function ratingSummary(ratings: readonly Rating[]): RatingSummary {
	const byGroup = Object.fromEntries(RATER_GROUPS.map((group) => [group, noGrades()])) as Record<
		RaterGroup,
		GradeCounts
	>;
	const total = noGrades();
	const unique = new Map(ratings.map((rating) => [rating.id, rating]));
	for (const rating of unique.values()) {
		byGroup[rating.raterGroup][rating.grade]++;
		total[rating.grade]++;
	}
	return { byGroup, total, count: unique.size, satisfactionRate: rateOf(total, unique.size) };
}

/** The satisfaction rate of one group's counts; null when none of it rated. */
export function groupRate(counts: GradeCounts): number | null {
	return rateOf(
		counts,
		RATING_GRADES.reduce((sum, grade) => sum + counts[grade], 0)
	);
}
