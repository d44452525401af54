/**
 * Service records, corrections and the decisions on them as the domain tests use them (test
 * fixtures; only `*.test.ts` files import this). m001 of br1 (org-a) serves in cm2; now is
 * 2026-06-01 (plainContext's clock), the service a week and a half before.
 */
import { checkWrite, relatedKey } from '../lib/domain/access/write-policy';
import type { Actor } from '../lib/domain/access/roles';
import type { Verdict } from '../lib/domain/access/write-verdict';
import type { AnyDoc, CollectionName } from '../lib/domain/registry';
import type { SubjectRef } from '../lib/domain/schema/subject-ref';
import { reviewId, reviews, type Review } from '../lib/domain/reporting/reviews';
import { approvalId, approvals, type Approval } from '../lib/domain/records/approvals';
import { correctionId, corrections, type Correction } from '../lib/domain/records/corrections';
import {
	activityRecordId,
	ownRecordId,
	serviceRecords,
	type ServiceRecord
} from '../lib/domain/records/service-record';

export const NOW = new Date('2026-06-01T04:00:00Z');
export const SERVED_AT = '2026-05-20T02:00:00.000Z';
const WRITTEN_AT = '2026-05-21T02:00:00.000Z';
export const OWN_ID = ownRecordId('m001', 'k1a2b3c4');

export function ownRecord(overrides: Partial<ServiceRecord> = {}): ServiceRecord {
	const doc: ServiceRecord = {
		id: OWN_ID,
		kind: 'service-record',
		origin: 'own',
		memberId: 'm001',
		memberName: '张三',
		branchId: 'br1',
		orgId: 'org-a',
		communityId: 'cm2',
		category: 'service',
		at: SERVED_AT,
		minutes: 90,
		description: '帮助独居老人打扫卫生',
		photos: [],
		submission: 1,
		submittedAt: WRITTEN_AT,
		trail: [{ at: WRITTEN_AT, by: 'member1', change: 'created' }],
		updatedAt: WRITTEN_AT,
		channels: [],
		...overrides
	};
	return { ...doc, channels: overrides.channels ?? serviceRecords.channelsOf(doc) };
}

/** A record the worker derived from a check-in at an activity of cm2 (hosted by `hostBranchId`). */
export function activityRecord(overrides: Partial<ServiceRecord> = {}): ServiceRecord {
	return ownRecord({
		id: activityRecordId('act1', 'm001'),
		origin: 'activity',
		activityId: 'act1',
		sourceId: 'act1.m001.in',
		category: 'volunteer',
		description: '社区义诊',
		trail: [{ at: WRITTEN_AT, by: 'system', change: 'created' }],
		...overrides
	});
}

export function correctionOfRecord(
	record: ServiceRecord,
	overrides: Partial<Correction> = {}
): Correction {
	const doc: Correction = {
		id: correctionId(record.id),
		kind: 'correction',
		recordId: record.id,
		memberId: record.memberId,
		memberName: record.memberName,
		branchId: record.branchId,
		orgId: record.orgId,
		communityId: record.communityId,
		...(record.hostBranchId ? { hostBranchId: record.hostBranchId } : {}),
		year: 2026,
		asked: { minutes: 120 },
		reason: '签退时手机没电，实际服务两小时',
		photos: [],
		submission: 1,
		submittedAt: '2026-05-25T02:00:00.000Z',
		updatedAt: '2026-05-25T02:00:00.000Z',
		channels: [],
		...overrides
	};
	return { ...doc, channels: overrides.channels ?? corrections.channelsOf(doc) };
}

type Decided = ServiceRecord | Correction;

function copied(subject: Decided) {
	return {
		subjectCollection: 'reports' as const,
		subjectId: subject.id,
		subjectSubmission: subject.submission,
		memberId: subject.memberId,
		branchId: subject.branchId,
		orgId: subject.orgId,
		communityId: subject.communityId,
		year: 2026
	};
}

export function approvalOfSubject(subject: Decided, overrides: Partial<Approval> = {}): Approval {
	const doc: Approval = {
		id: approvalId(subject.id, overrides.subjectSubmission ?? subject.submission),
		kind: 'approval',
		...copied(subject),
		approver: 'secretary1',
		decision: 'approved',
		decidedAt: '2026-05-28T02:00:00.000Z',
		channels: [],
		...overrides
	};
	return { ...doc, channels: overrides.channels ?? approvals.channelsOf(doc) };
}

export function reviewOfSubject(subject: Decided, overrides: Partial<Review> = {}): Review {
	const doc: Review = {
		id: reviewId(subject.id, overrides.subjectSubmission ?? subject.submission),
		...copied(subject),
		reviewer: 'community2',
		decision: 'confirmed',
		decidedAt: '2026-05-27T02:00:00.000Z',
		channels: [],
		...overrides
	};
	return { ...doc, channels: overrides.channels ?? reviews.channelsOf(doc) };
}

/** The community cm2 and an activity act1 in it, as the directory and activities hold them. */
export const CM2 = { id: 'cm2', kind: 'community', name: '二社区', channels: ['public'] };
export const ACT1 = { id: 'act1', communityId: 'cm2', title: '社区义诊', channels: [] };

/** Documents a policy reads, keyed as `relatedKey` does. */
export function relatedOf(entries: [SubjectRef, object][]): Map<string, Record<string, unknown>> {
	return new Map(entries.map(([ref, doc]) => [relatedKey(ref), doc as Record<string, unknown>]));
}

export const withCommunity = relatedOf([[{ collection: 'directory', id: 'cm2' }, CM2]]);

/** `checkWrite` of one document, as the gateway decides it (complete related documents). */
export function push(
	collection: CollectionName,
	actor: Actor,
	next: object,
	options: {
		prev?: object | null;
		subject?: object | null;
		related?: Map<string, Record<string, unknown>>;
		relatedComplete?: boolean;
		deleting?: boolean;
		now?: Date;
	} = {}
): Verdict {
	return checkWrite({
		collection,
		actor,
		prev: (options.prev ?? null) as AnyDoc | null,
		next: next as AnyDoc,
		deleting: options.deleting ?? false,
		subject: (options.subject ?? null) as Record<string, unknown> | null,
		related: options.related ?? withCommunity,
		relatedComplete: options.relatedComplete ?? true,
		now: options.now ?? NOW
	});
}
