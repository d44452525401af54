import type { MemberYearSummary } from '../evaluation/member-year';
import type { GateKey } from '../points/grade-terms';
import type { Grade } from '../points/points-scheme';
import type { AwardType } from './awards';

/**
 * R18's nominations, proposed from the office's member-year summaries: who qualifies, in what
 * order, and why — the office then adjusts and decides. Both awards ask for the grade 好, no
 * confirmed breach and no community's feedback below 较好; 志愿服务之星 ranks by service time,
 * 最美下沉干部 by points among members who reported to both communities and served where they live.
 */

/** Why a person is proposed: facts of their year, shown beside the name. */
export type NominationReason =
	| { code: 'grade'; grade: Grade }
	| { code: 'points'; points: number; rank: number }
	| { code: 'hours'; hours: number; rank: number }
	| { code: 'sessions'; sessions: number }
	| { code: 'residence-services'; services: number }
	| { code: 'reported' }
	| { code: 'feedback'; grade: Grade }
	| { code: 'no-breach' };

export interface Proposal {
	memberId: string;
	memberName: string;
	branchId: string;
	reasons: NominationReason[];
}

export const DEFAULT_PROPOSALS = 5;

const BREACH_GATES: readonly GateKey[] = ['breach', 'breach-severe'];
const GOOD_FEEDBACK: readonly Grade[] = ['good', 'fairly-good'];

/** One hour of service at least: a star of volunteering has served. */
const MIN_STAR_MINUTES = 60;

function hasBreach(s: MemberYearSummary): boolean {
	return (s.breaches ?? 0) > 0 || (s.gates ?? []).some((gate) => BREACH_GATES.includes(gate));
}

function hasPoorFeedback(s: MemberYearSummary): boolean {
	if ((s.gates ?? []).includes('feedback-poor')) return true;
	return s.feedbackGrade !== undefined && !GOOD_FEEDBACK.includes(s.feedbackGrade);
}

/** Whether the year qualifies the member for either award at all. */
export function isEligible(s: MemberYearSummary): boolean {
	return s.grade === 'good' && typeof s.points === 'number' && !hasBreach(s) && !hasPoorFeedback(s);
}

function qualifies(type: AwardType, s: MemberYearSummary): boolean {
	if (!isEligible(s)) return false;
	if (type === 'volunteer-star') return s.serviceMinutes >= MIN_STAR_MINUTES;
	return s.residence === 'confirmed' && s.unit === 'confirmed' && s.isEffective !== false;
}

/** Rank of each member by a measure among all of the bureau's members (1 = highest; ties share). */
function ranks(summaries: readonly MemberYearSummary[], measure: (s: MemberYearSummary) => number) {
	const values = summaries.map(measure).sort((a, b) => b - a);
	return (s: MemberYearSummary) => values.indexOf(measure(s)) + 1;
}

const hoursOf = (s: MemberYearSummary) => Math.round(s.serviceMinutes / 6) / 10;

function order(type: AwardType) {
	const primary = (s: MemberYearSummary) =>
		type === 'volunteer-star'
			? [s.serviceMinutes, s.sessions, s.points ?? 0]
			: [s.points ?? 0, s.serviceMinutes, s.sessions];
	return (a: MemberYearSummary, b: MemberYearSummary) => {
		const left = primary(a);
		const right = primary(b);
		for (let i = 0; i < left.length; i++) {
			const difference = (right[i] ?? 0) - (left[i] ?? 0);
			if (difference !== 0) return difference;
		}
		return a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
	};
}

/**
 * The members the data proposes for an award, best first, at most `limit`, each with the reasons.
 * Summaries of other years or without points yet are passed over.
 */
export function proposeNominations(
	type: AwardType,
	summaries: readonly MemberYearSummary[],
	year: number,
	limit = DEFAULT_PROPOSALS
): Proposal[] {
	const ofYear = summaries.filter((s) => s.year === year && typeof s.points === 'number');
	const pointsRank = ranks(ofYear, (s) => s.points ?? 0);
	const hoursRank = ranks(ofYear, (s) => s.serviceMinutes);
	return ofYear
		.filter((s) => qualifies(type, s))
		.sort(order(type))
		.slice(0, Math.max(0, limit))
		.map((s) => ({
			memberId: s.memberId,
			memberName: s.memberName,
			branchId: s.branchId,
			reasons: reasonsOf(type, s, pointsRank(s), hoursRank(s))
		}));
}

function reasonsOf(
	type: AwardType,
	s: MemberYearSummary,
	pointsRank: number,
	hoursRank: number
): NominationReason[] {
	const hours: NominationReason = { code: 'hours', hours: hoursOf(s), rank: hoursRank };
	const points: NominationReason = { code: 'points', points: s.points ?? 0, rank: pointsRank };
	const reasons: NominationReason[] =
		type === 'volunteer-star'
			? [hours, { code: 'sessions', sessions: s.sessions }, points]
			: [points, { code: 'reported' }, hours];
	reasons.push({ code: 'grade', grade: 'good' });
	if (s.residenceServices) {
		reasons.push({ code: 'residence-services', services: s.residenceServices });
	}
	if (s.feedbackGrade) reasons.push({ code: 'feedback', grade: s.feedbackGrade });
	reasons.push({ code: 'no-breach' });
	return reasons;
}
