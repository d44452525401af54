import { channel, inYear, normalizeChannels } from '../access/channels';
import { isSecretaryOf } from '../access/roles';
import { ACCEPT, changedField, reject, type Verdict } from '../access/write-verdict';
import { shanghaiYear } from '../calendar/shanghai-calendar';
import { yearField } from '../records/record-fragments';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import type { SubjectRef } from '../schema/subject-ref';

/**
 * 述职 (R9): the branch secretary's annual report on pairing, governance participation and
 * service. Drafted from the data on the secretary's device (work-report-draft.ts), edited, then
 * submitted; the street, the community and residents rate it (ratings.ts).
 */
export const SECTION_KEYS = [
	'pairing',
	'agreement',
	'lists',
	'goodDeeds',
	'meetings',
	'members',
	'grades',
	'plans'
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** A number the draft rests on, kept beside the text so raters and the office see it unedited. */
export interface SectionFigure {
	key: string;
	value: number;
}

export interface WorkReportSection {
	text: string;
	figures?: SectionFigure[];
}

export interface WorkReport {
	id: string;
	kind: 'work-report';
	year: number;
	branchId: string;
	orgId: string;
	/** The branch's linked community when written. */
	communityId: string;
	/** The street of that community: its staff rate the report. */
	streetId: string;
	secretaryMemberId: string;
	secretaryName: string;
	sections: Record<SectionKey, WorkReportSection>;
	/** Set once submitted; the text raters see no longer changes after it. */
	submittedAt?: string;
	by: string;
	updatedAt: string;
	channels: string[];
}

export const MAX_SECTION_TEXT = 2000;
export const MAX_FIGURES = 12;

const PREFIX = 'work-report.';

/** One report per branch and year, whichever of the secretary's devices writes it. */
export function workReportId(year: number, branchId: string): string {
	return `${PREFIX}${year}.${branchId}`;
}

/** `<year>.<branchId>`: the part of a report's id its ratings carry. */
export function reportPart(reportId: string): string {
	return reportId.slice(PREFIX.length);
}

export function isWorkReport(doc: { kind?: unknown }): doc is WorkReport {
	return doc.kind === 'work-report';
}

/**
 * The branch, the community and the bureau of that year, and the street (its staff hold one
 * channel, not yearly ones).
 */
export function workReportChannels(fields: {
	year: number;
	branchId: string;
	communityId: string;
	orgId: string;
	streetId: string;
}): string[] {
	return normalizeChannels([
		inYear(channel.branch(fields.branchId), fields.year),
		inYear(channel.community(fields.communityId), fields.year),
		inYear(channel.bureau(fields.orgId), fields.year),
		channel.street(fields.streetId)
	]);
}

/** Ratings close at the end of January after the report's year (Asia/Shanghai). */
export function ratingPeriodEnd(year: number): Date {
	return new Date(`${year + 1}-02-01T00:00:00+08:00`);
}

const figure = {
	type: 'object',
	properties: {
		key: { type: 'string', pattern: '^[a-zA-Z]{1,40}$', maxLength: 40 },
		value: { type: 'number', minimum: 0, maximum: 1_000_000 }
	},
	required: ['key', 'value'],
	additionalProperties: false
} as const;

const section = {
	type: 'object',
	properties: {
		text: { type: 'string', maxLength: MAX_SECTION_TEXT },
		figures: { type: 'array', items: figure, maxItems: MAX_FIGURES }
	},
	required: ['text'],
	additionalProperties: false
} as const;

function branchOf(report: WorkReport): SubjectRef {
	return { collection: 'directory', id: report.branchId };
}

function communityOf(report: WorkReport): SubjectRef {
	return { collection: 'directory', id: report.communityId };
}

const FIXED = ['year', 'branchId', 'orgId', 'communityId', 'streetId', 'kind'] as const;
const CONTENT = ['sections', 'secretaryMemberId', 'secretaryName', 'submittedAt'] as const;

/**
 * The report goes to the branch's linked community and that community's street, as the
 * directory says; a device missing them leaves the question to the gateway.
 */
function checkPlace(
	next: WorkReport,
	related: (ref: SubjectRef) => Record<string, unknown> | null,
	relatedComplete: boolean
): Verdict {
	const branch = related(branchOf(next));
	const community = related(communityOf(next));
	if (!branch) return relatedComplete ? reject('subject-mismatch', 'branchId') : ACCEPT;
	if (branch['kind'] !== 'branch') return reject('subject-mismatch', 'branchId');
	if (branch['parentId'] !== next.orgId) return reject('subject-mismatch', 'orgId');
	if (branch['linkedCommunityId'] !== next.communityId) {
		return reject('subject-mismatch', 'communityId');
	}
	if (!community) return relatedComplete ? reject('subject-mismatch', 'communityId') : ACCEPT;
	if (community['parentId'] !== next.streetId) return reject('subject-mismatch', 'streetId');
	return ACCEPT;
}

export const workReports: KindDefinition<WorkReport> = {
	name: 'work-report',
	kindValues: ['work-report'],
	schema: {
		title: 'work report',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['work-report'] },
			year: yearField,
			branchId: idRef,
			orgId: idRef,
			communityId: idRef,
			streetId: idRef,
			// As a branch report defines them: the reports collection stores both kinds.
			secretaryMemberId: idRef,
			secretaryName: { type: 'string', minLength: 1, maxLength: 40 },
			sections: {
				type: 'object',
				properties: Object.fromEntries(SECTION_KEYS.map((key) => [key, section])),
				required: [...SECTION_KEYS],
				additionalProperties: false
			},
			submittedAt: instant,
			by: { type: 'string', minLength: 1, maxLength: 64 },
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'year',
			'branchId',
			'orgId',
			'communityId',
			'streetId',
			'secretaryMemberId',
			'secretaryName',
			'sections',
			'by',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: workReportChannels,
	relatedOf: (report) => [branchOf(report), communityOf(report)],
	policy: ({ actor, prev, next, deleting, related, relatedComplete, now }) => {
		// Once raters may have seen it, the report stays as it was.
		if (deleting) return reject('forbidden');
		if (!isSecretaryOf(actor, next.branchId)) return reject('forbidden');
		if (next.by !== actor.username) return reject('not-owner', 'by');
		if (next.secretaryMemberId !== actor.memberId) return reject('not-owner', 'secretaryMemberId');
		if (next.id !== workReportId(next.year, next.branchId)) return reject('invalid', 'id');
		if (next.year > shanghaiYear(now)) return reject('invalid', 'year');
		if (prev) {
			const field = changedField(prev, next, FIXED);
			if (field) return reject('immutable-field', field);
			// Submitted, what raters rate does not change under them.
			if (prev.submittedAt) {
				const content = changedField(prev, next, CONTENT);
				return content ? reject('immutable-field', content) : ACCEPT;
			}
			return ACCEPT;
		}
		return checkPlace(next, related, relatedComplete);
	}
};
