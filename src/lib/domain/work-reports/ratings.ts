import { isStaffOf, isStreetStaffOf, type Actor } from '../access/roles';
import { ACCEPT, changedField, reject } from '../access/write-verdict';
import { yearField } from '../records/record-fragments';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import type { SubjectRef } from '../schema/subject-ref';
import { ratingPeriodEnd, reportPart, workReportChannels, type WorkReport } from './work-report';

/**
 * 评议: the street, the community and residents rate a secretary's 述职 (R9). Staff write their
 * own rating on their device; a resident's comes through the public page with a one-time token,
 * and only the server writes it (rating-tokens.ts).
 */
export const RATER_GROUPS = ['street', 'community', 'resident'] as const;
export type RaterGroup = (typeof RATER_GROUPS)[number];

/** 满意 · 基本满意 · 不满意 */
export const RATING_GRADES = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type RatingGrade = (typeof RATING_GRADES)[number];

export const MAX_RATING_COMMENT = 300;

export interface Rating {
	id: string;
	kind: 'rating';
	reportId: string;
	year: number;
	branchId: string;
	orgId: string;
	communityId: string;
	streetId: string;
	raterGroup: RaterGroup;
	grade: RatingGrade;
	comment?: string;
	/** The staff member's username; absent for a resident, who stays anonymous. */
	by?: string;
	updatedAt: string;
	channels: string[];
}

/** Takes any document: the community's reviews in the same collection have no `kind`. */
export function isRating(doc: object): doc is Rating {
	return (doc as { kind?: unknown }).kind === 'rating';
}

export function isRatingGrade(value: unknown): value is RatingGrade {
	return RATING_GRADES.some((grade) => grade === value);
}

/** One rating per staff member and report: a second device edits the same one. */
export function staffRatingId(reportId: string, username: string): string {
	return `rating.${reportPart(reportId)}.${username}`;
}

/** One rating per token: the token's hash names it, so a second use finds it taken. */
export function residentRatingId(reportId: string, tokenHash: string): string {
	return `rating.${reportPart(reportId)}.t${tokenHash.slice(0, 12)}`;
}

/** The group the actor rates a report as: street staff of its street, staff of its community. */
export function raterGroupOf(
	actor: Actor,
	report: Pick<WorkReport, 'streetId' | 'communityId'>
): 'street' | 'community' | null {
	if (isStreetStaffOf(actor, report.streetId)) return 'street';
	if (isStaffOf(actor, report.communityId)) return 'community';
	return null;
}

/** A rating is of the report it names, and travels where that report does. */
export function ratingFields(
	report: WorkReport
): Pick<Rating, 'reportId' | 'year' | 'branchId' | 'orgId' | 'communityId' | 'streetId'> {
	return {
		reportId: report.id,
		year: report.year,
		branchId: report.branchId,
		orgId: report.orgId,
		communityId: report.communityId,
		streetId: report.streetId
	};
}

function reportOf(rating: Rating): SubjectRef {
	return { collection: 'reports', id: rating.reportId };
}

const FIXED = [
	'reportId',
	'year',
	'branchId',
	'orgId',
	'communityId',
	'streetId',
	'raterGroup',
	'by',
	'kind'
] as const;

export const ratings: KindDefinition<Rating> = {
	name: 'rating',
	kindValues: ['rating'],
	schema: {
		title: 'rating',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['rating'] },
			reportId: compositeId,
			year: yearField,
			branchId: idRef,
			orgId: idRef,
			communityId: idRef,
			streetId: idRef,
			raterGroup: { type: 'string', enum: [...RATER_GROUPS] },
			grade: { type: 'string', enum: [...RATING_GRADES] },
			comment: { type: 'string', maxLength: MAX_RATING_COMMENT },
			by: { type: 'string', minLength: 1, maxLength: 64 },
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'reportId',
			'year',
			'branchId',
			'orgId',
			'communityId',
			'streetId',
			'raterGroup',
			'grade',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: workReportChannels,
	subjectOf: reportOf,
	policy: ({ actor, prev, next, deleting, subject, now }) => {
		// Residents rate through the server, which checks their one-time token.
		if (next.raterGroup === 'resident' || prev?.raterGroup === 'resident') {
			return reject('server-owned');
		}
		if (deleting) return reject('forbidden');
		if (next.by !== actor.username) return reject('not-owner', 'by');
		if (next.id !== staffRatingId(next.reportId, actor.username)) return reject('invalid', 'id');
		if (prev) {
			const field = changedField(prev, next, FIXED);
			if (field) return reject('immutable-field', field);
		}
		if (now >= ratingPeriodEnd(next.year)) return reject('forbidden', 'closed');
		if (!subject || subject['kind'] !== 'work-report')
			return reject('subject-mismatch', 'reportId');
		const report = subject as unknown as WorkReport;
		if (!report.submittedAt) return reject('subject-mismatch', 'submittedAt');
		const field = changedField(ratingFields(report), next, [
			'year',
			'branchId',
			'orgId',
			'communityId',
			'streetId'
		]);
		if (field) return reject('subject-mismatch', field);
		return raterGroupOf(actor, report) === next.raterGroup ? ACCEPT : reject('forbidden');
	}
};
