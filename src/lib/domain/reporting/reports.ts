import { channel, normalizeChannels } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import { isMember } from '../access/roles';
import { ACCEPT, changedField, reject, type Verdict } from '../access/write-verdict';
import type { SubjectRef } from '../schema/subject-ref';

export type ReportKind = 'residence' | 'unit';

/**
 * 报到: a member registers with a community — their residence community, or the community their
 * branch is linked to. The member writes it; its status comes from reviews (see report-status.ts).
 */
export interface Report {
	id: string;
	memberId: string;
	branchId: string;
	orgId: string;
	communityId: string;
	kind: ReportKind;
	/** Counts the member's submissions: a returned report is corrected and submitted again. */
	submission: number;
	submittedAt: string;
	/**
	 * The member's name as registered with the community (R14): staff of a unit-linked community
	 * see the report without seeing the member's profile.
	 */
	memberName?: string;
	note?: string;
	updatedAt: string;
	channels: string[];
}

/** One report per member, kind and community, so two devices of a member never create two. */
export function reportId(memberId: string, kind: ReportKind, communityId: string): string {
	return `${memberId}.${kind}.${communityId}`;
}

/** Whether a document of the `reports` collection is a report (not a service record or correction). */
export function isReport(doc: { kind?: unknown }): doc is Report {
	return doc.kind === 'residence' || doc.kind === 'unit';
}

const fixedFields = ['memberId', 'branchId', 'orgId', 'communityId', 'kind'] as const;

function communityOf(report: Report): SubjectRef {
	return { collection: 'directory', id: report.communityId };
}

function profileOf(report: Report): SubjectRef {
	return { collection: 'members', id: report.memberId };
}

/**
 * The community must be one of the directory's, and a residence report goes only to where the
 * member's profile says they live — one current residence report each, not one per community.
 * A device missing a document (it holds the whole directory and its own profile, so rarely)
 * leaves the question to the gateway, which reads them whoever writes.
 */
function checkPlaces(
	next: Report,
	related: (ref: SubjectRef) => Record<string, unknown> | null,
	relatedComplete: boolean
): Verdict {
	const community = related(communityOf(next));
	if (community ? community['kind'] !== 'community' : relatedComplete) {
		return reject('subject-mismatch', 'communityId');
	}
	if (next.kind !== 'residence') return ACCEPT;
	const profile = related(profileOf(next));
	if (profile ? profile['residenceCommunityId'] !== next.communityId : relatedComplete) {
		return reject('subject-mismatch', 'residence');
	}
	return ACCEPT;
}
const contentFields = ['submittedAt', 'memberName', 'note', 'updatedAt'] as const;

export const reports: KindDefinition<Report> = {
	name: 'report',
	kindValues: ['residence', 'unit'],
	schema: {
		title: 'report',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			memberId: idRef,
			branchId: idRef,
			orgId: idRef,
			communityId: idRef,
			kind: { type: 'string', enum: ['residence', 'unit'] },
			submission: { type: 'integer', minimum: 1, maximum: 1000 },
			submittedAt: instant,
			memberName: { type: 'string', minLength: 1, maxLength: 50 },
			note: { type: 'string', maxLength: 500 },
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'memberId',
			'branchId',
			'orgId',
			'communityId',
			'kind',
			'submission',
			'submittedAt',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: (r) =>
		normalizeChannels([
			channel.member(r.memberId),
			channel.branch(r.branchId),
			channel.community(r.communityId)
		]),
	// A unit report goes to the community the branch is linked to, which only the office sets.
	subjectOf: (r) => (r.kind === 'unit' ? { collection: 'directory', id: r.branchId } : null),
	relatedOf: (r) => (r.kind === 'residence' ? [communityOf(r), profileOf(r)] : [communityOf(r)]),
	policy: ({ actor, prev, next, deleting, subject, related, relatedComplete }) => {
		if (!isMember(actor, next.memberId)) return reject('not-owner');
		// The record of having reported stays: a member corrects and resubmits, never deletes.
		if (deleting) return reject('forbidden');
		if (next.branchId !== actor.branchId) return reject('immutable-field', 'branchId');
		if (next.orgId !== actor.orgId) return reject('immutable-field', 'orgId');
		if (next.id !== reportId(next.memberId, next.kind, next.communityId)) {
			return reject('invalid', 'id');
		}
		if (next.kind === 'unit' && subject?.['linkedCommunityId'] !== next.communityId) {
			return reject('subject-mismatch', 'communityId');
		}
		const places = checkPlaces(next, related, relatedComplete);
		if (!places.ok) return places;
		if (!prev) return ACCEPT;
		const field = changedField(prev, next, fixedFields);
		if (field) return reject('immutable-field', field);
		// A decision covers one submission: any change is a new submission, so no reviewer's
		// confirmation ever stands for text they did not see.
		if (next.submission === prev.submission && changedField(prev, next, contentFields)) {
			return reject('immutable-field', 'submission');
		}
		if (next.submission < prev.submission) return reject('immutable-field', 'submission');
		return ACCEPT;
	}
};
