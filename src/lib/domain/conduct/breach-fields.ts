import { channel, inYear, normalizeChannels } from '../access/channels';
import { instant } from '../schema/ids';
import type { SubjectRef } from '../schema/subject-ref';
import { summaryYear } from '../evaluation/summary-schema';

/*
 * What the three breach kinds (R20) share: the case they belong to — whose breach, where, and
 * which year — and the schema fragments of the `evaluations` collection. A merged collection
 * schema refuses a property two kinds define differently (merged-schema.ts), so the kinds take
 * these from one place, and names shared with other kinds take those kinds' definitions.
 */

/** The member, their branch and bureau, and the community that reported: every breach document's. */
export interface BreachCase {
	memberId: string;
	branchId: string;
	orgId: string;
	communityId: string;
	/** The Shanghai year the breach happened in: it counts in that year's points. */
	year: number;
}

/** The case's fields, which a response and a decision copy from their breach and never change. */
export const CASE_FIELDS = ['memberId', 'branchId', 'orgId', 'communityId', 'year'] as const;

/**
 * The member, the branch's secretary, the community's staff and the bureau's office, each for the
 * breach's year, so a closed year's breaches leave devices with the year.
 */
export function caseChannels(doc: BreachCase): string[] {
	return normalizeChannels(
		[
			channel.member(doc.memberId),
			channel.branch(doc.branchId),
			channel.community(doc.communityId),
			channel.bureau(doc.orgId)
		].map((base) => inYear(base, doc.year))
	);
}

/** The breach a response or a decision is about, read by the gateway as the policy's subject. */
export function breachOf(doc: { breachId: string }): SubjectRef {
	return { collection: 'evaluations', id: doc.breachId };
}

export function responseIdOf(breachId: string): string {
	return `${breachId}.response`;
}

export function decisionIdOf(breachId: string): string {
	return `${breachId}.decision`;
}

/** The office's decision on a breach, as a response and a withdrawal look it up. */
export function decisionOf(doc: { breachId: string }): SubjectRef {
	return { collection: 'evaluations', id: decisionIdOf(doc.breachId) };
}

export const MAX_DESCRIPTION = 1000;
export const MAX_STATEMENT = 1000;
export const MAX_GROUNDS = 500;
/** Photos or scans a community cites for a breach, and a member for their response. */
export const MAX_BREACH_EVIDENCE = 6;
export const MAX_RESPONSE_EVIDENCE = 3;

export const yearField = summaryYear;
export const atField = instant;
/** As the member-year summary's `memberName`: one definition in the collection. */
export const memberNameField = { type: 'string', minLength: 1, maxLength: 50 } as const;
export const textField = (maxLength: number) =>
	({ type: 'string', minLength: 1, maxLength }) as const;
