import { BRANCH_DUTY_TYPES } from '../events/yearly-duties';

/*
 * Schema fragments the summary kinds share. Kinds of one collection may not define a property
 * differently (merged-schema.ts), so the kinds take these from one place.
 */

/** A count or a number of minutes: whole and never negative. */
export const count = { type: 'integer', minimum: 0, maximum: 1_000_000_000 } as const;

/** The scheme's year a summary covers. */
export const summaryYear = { type: 'integer', minimum: 2000, maximum: 2200 } as const;

/** The states of `ReportingState` (member-reporting.ts): what a summary keeps of a report. */
export const REPORTING_STATES = [
	'no-community',
	'not-reported',
	'waiting',
	'confirmed',
	'returned'
] as const;

/** Where a member stands with a report: `ReportingState['state']`. */
export type ReportingStateName = (typeof REPORTING_STATES)[number];

export const reportingStateField = { type: 'string', enum: [...REPORTING_STATES] } as const;

/**
 * The counts of a `Coverage` (coverage.ts), as a summary stores them. Declared here, not imported:
 * the kinds stay free of the reporting modules, which import the registry that lists the kinds.
 */
export interface CoverageCounts {
	members: number;
	reported: number;
	confirmed: number;
	waiting: number;
	returned: number;
	notReported: number;
}

/** A `Coverage` (coverage.ts). */
export const coverageField = {
	type: 'object',
	properties: {
		members: count,
		reported: count,
		confirmed: count,
		waiting: count,
		returned: count,
		notReported: count
	},
	required: ['members', 'reported', 'confirmed', 'waiting', 'returned', 'notReported'],
	additionalProperties: false
} as const;

export const dutyTypeField = { type: 'string', enum: [...BRANCH_DUTY_TYPES] } as const;

/** Server-written, so the id of a summary names what it sums up and the year. */
export function summaryId(kind: string, subjectId: string, year: number): string {
	return `${kind}.${subjectId}.${year}`;
}

/** R17's grade distribution: the same counts in branch and bureau summaries. */
export const gradeCountsField = {
	type: 'object',
	properties: { good: count, fairlyGood: count, average: count, poor: count },
	required: ['good', 'fairlyGood', 'average', 'poor'],
	additionalProperties: false
} as const;
