import type { Community } from '../directory/communities';
import type { Org } from '../directory/orgs';
import { hasText } from '../records/record-fragments';
import {
	MAX_RATING_COMMENT,
	ratingFields,
	staffRatingId,
	type Rating,
	type RatingGrade
} from './ratings';
import {
	MAX_SECTION_TEXT,
	SECTION_KEYS,
	workReportChannels,
	workReportId,
	type WorkReport,
	type WorkReportSection
} from './work-report';

/** What to fix before a report or a rating is written. */
export type WorkReportProblem =
	| 'no-pairing'
	| 'section-too-long'
	| 'empty-section'
	| 'submitted'
	| 'comment-too-long'
	| 'comment-needed';

export type Drafted<T> = { ok: true; doc: T } | { ok: false; problems: WorkReportProblem[] };

/**
 * The secretary's report as saved: the existing one edited, or a new one for the branch's linked
 * community and its street. Submitting needs every section but the plans written.
 */
export function workReportToSave(input: {
	year: number;
	branch: Org;
	community: Community | null;
	secretary: { memberId: string; name: string; username: string };
	existing: WorkReport | null;
	sections: Record<(typeof SECTION_KEYS)[number], WorkReportSection>;
	submit: boolean;
	now: Date;
}): Drafted<WorkReport> {
	const { branch, community, existing } = input;
	if (existing?.submittedAt) return { ok: false, problems: ['submitted'] };
	const orgId = existing?.orgId ?? branch.parentId;
	const communityId = existing?.communityId ?? branch.linkedCommunityId;
	const streetId = existing?.streetId ?? community?.parentId;
	if (!orgId || !communityId || !streetId) return { ok: false, problems: ['no-pairing'] };
	const problems: WorkReportProblem[] = [];
	const texts = SECTION_KEYS.map((key) => input.sections[key].text);
	if (texts.some((text) => text.length > MAX_SECTION_TEXT)) problems.push('section-too-long');
	if (
		input.submit &&
		SECTION_KEYS.some((key) => key !== 'plans' && !hasText(input.sections[key].text))
	)
		problems.push('empty-section');
	if (problems.length) return { ok: false, problems };
	const at = input.now.toISOString();
	const fields = { year: input.year, branchId: branch.id, orgId, communityId, streetId };
	const doc: WorkReport = {
		id: workReportId(input.year, branch.id),
		kind: 'work-report',
		...fields,
		secretaryMemberId: input.secretary.memberId,
		secretaryName: input.secretary.name,
		sections: input.sections,
		...(input.submit ? { submittedAt: at } : {}),
		by: input.secretary.username,
		updatedAt: at,
		channels: workReportChannels(fields)
	};
	return { ok: true, doc };
}

/** A staff member's rating of a submitted report, new or changed; 不满意 says why. */
export function staffRatingToSave(input: {
	report: WorkReport;
	raterGroup: 'street' | 'community';
	username: string;
	grade: RatingGrade;
	comment: string;
	now: Date;
}): Drafted<Rating> {
	const comment = input.comment.trim();
	if (comment.length > MAX_RATING_COMMENT) return { ok: false, problems: ['comment-too-long'] };
	if (input.grade === 'dissatisfied' && !comment)
		return { ok: false, problems: ['comment-needed'] };
	const fields = ratingFields(input.report);
	return {
		ok: true,
		doc: {
			id: staffRatingId(input.report.id, input.username),
			kind: 'rating',
			...fields,
			raterGroup: input.raterGroup,
			grade: input.grade,
			...(comment ? { comment } : {}),
			by: input.username,
			updatedAt: input.now.toISOString(),
			channels: workReportChannels(fields)
		}
	};
}
