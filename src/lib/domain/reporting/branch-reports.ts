import { channel, normalizeChannels } from '../access/channels';
import { isSecretaryOf } from '../access/roles';
import { ACCEPT, changedField, reject, type Verdict } from '../access/write-verdict';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import type { SubjectRef } from '../schema/subject-ref';

/**
 * 支部报到: a branch registers with the community it is linked to (R1), as its members report
 * to theirs. The branch's secretary writes it; the community's staff decide it with a review,
 * and its status comes from those (branch-report-status.ts).
 */
export interface BranchReport {
	id: string;
	kind: 'branch-report';
	branchId: string;
	/** The branch's linked community when written: a new link needs a new report. */
	communityId: string;
	orgId: string;
	/** Counts the submissions: a returned report is sent again as the next one. */
	submission: number;
	submittedAt: string;
	secretaryMemberId: string;
	secretaryName: string;
	note?: string;
	updatedAt: string;
	channels: string[];
}

const PREFIX = 'br.';

/** One report per branch and community, so two devices of a secretary never create two. */
export function branchReportId(branchId: string, communityId: string): string {
	return `${PREFIX}${branchId}.${communityId}`;
}

/**
 * Whether an id names a branch report: a review of one travels to the bureau too, and a review
 * knows its subject only by id (members' report ids start with the member's id, `m…`).
 */
export function isBranchReportId(id: string): boolean {
	return id.startsWith(PREFIX);
}

export function isBranchReport(doc: { kind?: unknown }): doc is BranchReport {
	return doc.kind === 'branch-report';
}

/** Its branch, its community and the bureau's office (coverage of branch reporting) read it. */
export function branchReportChannels(fields: {
	branchId: string;
	communityId: string;
	orgId: string;
}): string[] {
	return normalizeChannels([
		channel.branch(fields.branchId),
		channel.community(fields.communityId),
		channel.bureau(fields.orgId)
	]);
}

function branchOf(report: BranchReport): SubjectRef {
	return { collection: 'directory', id: report.branchId };
}

function communityOf(report: BranchReport): SubjectRef {
	return { collection: 'directory', id: report.communityId };
}

const fixedFields = ['branchId', 'communityId', 'orgId', 'kind'] as const;
const contentFields = [
	'submittedAt',
	'secretaryMemberId',
	'secretaryName',
	'note',
	'updatedAt'
] as const;

/**
 * The report goes to the branch's current linked community, which only the office sets
 * (orgs.ts), and the branch belongs to the bureau the report names.
 */
function checkPairing(
	next: BranchReport,
	branch: Record<string, unknown> | null,
	community: Record<string, unknown> | null,
	relatedComplete: boolean
): Verdict {
	if (!branch || branch['_deleted'] === true || branch['kind'] !== 'branch') {
		return reject('subject-mismatch', 'branchId');
	}
	if (branch['parentId'] !== next.orgId) return reject('subject-mismatch', 'orgId');
	if (branch['linkedCommunityId'] !== next.communityId) {
		return reject('subject-mismatch', 'communityId');
	}
	if (community ? community['kind'] !== 'community' : relatedComplete) {
		return reject('subject-mismatch', 'communityId');
	}
	return ACCEPT;
}

export const branchReports: KindDefinition<BranchReport> = {
	name: 'branch-report',
	kindValues: ['branch-report'],
	schema: {
		title: 'branch report',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['branch-report'] },
			branchId: idRef,
			communityId: idRef,
			orgId: idRef,
			// As a member's report defines them: the reports collection stores both kinds.
			submission: { type: 'integer', minimum: 1, maximum: 1000 },
			submittedAt: instant,
			secretaryMemberId: idRef,
			secretaryName: { type: 'string', minLength: 1, maxLength: 40 },
			note: { type: 'string', maxLength: 500 },
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'branchId',
			'communityId',
			'orgId',
			'submission',
			'submittedAt',
			'secretaryMemberId',
			'secretaryName',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: branchReportChannels,
	subjectOf: branchOf,
	relatedOf: (report) => [communityOf(report)],
	policy: ({ actor, prev, next, deleting, subject, related, relatedComplete }) => {
		// The record of having reported stays: a returned report is corrected and sent again.
		if (deleting) return reject('forbidden');
		if (!isSecretaryOf(actor, next.branchId)) return reject('forbidden');
		if (next.secretaryMemberId !== actor.memberId) return reject('not-owner', 'secretaryMemberId');
		if (next.id !== branchReportId(next.branchId, next.communityId)) return reject('invalid', 'id');
		const pairing = checkPairing(next, subject, related(communityOf(next)), relatedComplete);
		if (!pairing.ok) return pairing;
		if (!prev) return next.submission === 1 ? ACCEPT : reject('invalid', 'submission');
		const field = changedField(prev, next, fixedFields);
		if (field) return reject('immutable-field', field);
		// A decision covers one submission: any change is the next one, so no confirmation ever
		// stands for a report its reviewer did not see.
		if (next.submission === prev.submission) {
			return changedField(prev, next, contentFields)
				? reject('immutable-field', 'submission')
				: ACCEPT;
		}
		return next.submission === prev.submission + 1
			? ACCEPT
			: reject('immutable-field', 'submission');
	}
};
