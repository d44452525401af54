import { shanghaiYear } from '../src/lib/domain/calendar/shanghai-calendar';
import type { Community } from '../src/lib/domain/directory/communities';
import type { Org } from '../src/lib/domain/directory/orgs';
import type { Member } from '../src/lib/domain/people/members';
import { defaultScheme, type PointsScheme } from '../src/lib/domain/points/points-scheme';
import type { Approval } from '../src/lib/domain/records/approvals';
import { confirmationPath } from '../src/lib/domain/records/confirmation';
import { correctionId, type Correction } from '../src/lib/domain/records/corrections';
import { yearlyChannels } from '../src/lib/domain/records/record-fragments';
import { approvalOf, recordReviewOf } from '../src/lib/domain/records/record-drafts';
import {
	activityRecordId,
	claimRecordId,
	ownRecordId,
	recordChannels,
	type RecordOrigin,
	type ServiceCategory,
	type ServiceRecord
} from '../src/lib/domain/records/service-record';
import { reportId, reports as reportKind, type Report } from '../src/lib/domain/reporting/reports';
import { reviewId, reviews as reviewKind, type Review } from '../src/lib/domain/reporting/reviews';

/*
 * A bureau after most of a year of issue 17's records, for the points bench: every member with
 * their two reports confirmed and `recordsPerMember` service records under every rule, most
 * approved, some waiting, returned or flagged, and one correction each.
 */

export interface PointsBureauOptions {
	members: number;
	/** Members per branch: one branch is the secretary's tablet of part (b) and the queue of (c). */
	branchSize: number;
	recordsPerMember: number;
	/** Records waiting for the secretary's approval in each branch (≤ 3 per member). */
	waitingPerBranch: number;
	/**
	 * Every record the member's own (confirmed by a review where it needs one): a store for the
	 * summary worker, which would withdraw derived records whose check-ins and claims it lacks.
	 */
	ownOnly?: boolean;
}

export interface PointsBureau {
	orgId: string;
	year: number;
	now: Date;
	members: Member[];
	/** Each branch's linked community (its members' unit reports go there). */
	linkedOf: ReadonlyMap<string, string>;
	/** The `reports` collection: reports, service records, corrections. */
	reports: (Report | ServiceRecord | Correction)[];
	/** The `reviews` collection: the communities' reviews and the secretaries' approvals. */
	reviews: (Review | Approval)[];
	schemes: PointsScheme[];
}

const ORG = 'org1';
const COMMUNITIES = 40;
const DAY_MS = 86_400_000;

/** What the approved records are, in turn: every rule, and service that scores under none. */
const APPROVED_KINDS: readonly { origin: RecordOrigin; category: ServiceCategory; at: Where }[] = [
	{ origin: 'own', category: 'service', at: 'residence' },
	{ origin: 'activity', category: 'community', at: 'residence' },
	{ origin: 'own', category: 'service', at: 'residence' },
	{ origin: 'activity', category: 'lecture-given', at: 'other' },
	{ origin: 'claim', category: 'project', at: 'other' },
	{ origin: 'claim', category: 'micro-wish', at: 'residence' },
	{ origin: 'own', category: 'emergency', at: 'other' },
	{ origin: 'activity', category: 'party-day', at: 'branch' },
	{ origin: 'activity', category: 'ethnic-unity', at: 'branch' },
	{ origin: 'activity', category: 'volunteer', at: 'other' },
	{ origin: 'claim', category: 'post', at: 'residence' },
	{ origin: 'own', category: 'service', at: 'other' }
];
type Where = 'residence' | 'other' | 'branch';

/** Record slots before the approved ones: waiting (0–2), to confirm, returned, flagged. */
const WAITING_SLOTS = 3;
const NEEDS_CONFIRMATION = 3;
const RETURNED = 4;
const FLAGGED = 5;
/** The approved own record whose correction each member asked for. */
const CORRECTED = 6;

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}

function community(n: number): string {
	return `cm${pad(n % COMMUNITIES, 2)}`;
}

export function secretaryOf(branchId: string): string {
	return `sec-${branchId}`;
}

export function planPointsBureau(options: PointsBureauOptions, now = new Date()): PointsBureau {
	const year = shanghaiYear(now);
	const yearStart = Date.parse(`${year}-01-01T00:00:00+08:00`);
	// Service spread over the year so far, all of it before now.
	const span = Math.max(DAY_MS, now.getTime() - yearStart - DAY_MS);
	const members: Member[] = [];
	const linkedOf = new Map<string, string>();
	const reportDocs: PointsBureau['reports'] = [];
	const reviewDocs: PointsBureau['reviews'] = [];

	for (let m = 0; m < options.members; m++) {
		const inBranch = m % options.branchSize;
		const branchIndex = Math.floor(m / options.branchSize);
		const branchId = `br${pad(branchIndex, 3)}`;
		const linked = community(branchIndex + 7);
		linkedOf.set(branchId, linked);
		const secretary = secretaryOf(branchId);
		const member: Member = {
			id: `m${pad(m, 5)}`,
			orgId: ORG,
			branchId,
			name: `党员${m}`,
			residenceCommunityId: community(m),
			skills: [],
			interests: [],
			duties: [],
			updatedAt: new Date(yearStart).toISOString(),
			channels: []
		};
		members.push(member);
		const decidedAt = (at: string) => new Date(Date.parse(at) + DAY_MS / 2);

		// Some members have not reported, some served less: the grades spread over all four.
		const reported = m % 4 !== 3;
		const kept = m % 5 === 2 ? 12 : m % 5 === 1 ? 24 : options.recordsPerMember;
		for (const [kind, communityId] of [
			['residence', member.residenceCommunityId],
			['unit', linked]
		] as const) {
			const submittedAt = new Date(yearStart + DAY_MS * (kind === 'residence' ? 5 : 6));
			const report: Report = {
				id: reportId(member.id, kind, communityId ?? linked),
				memberId: member.id,
				branchId,
				orgId: ORG,
				communityId: communityId ?? linked,
				kind,
				submission: 1,
				submittedAt: submittedAt.toISOString(),
				updatedAt: submittedAt.toISOString(),
				channels: []
			};
			reportDocs.push({ ...report, channels: reportKind.channelsOf(report) });
			if (kind === 'residence' && !reported) continue;
			const review: Review = {
				id: reviewId(report.id, 1),
				subjectCollection: 'reports',
				subjectId: report.id,
				subjectSubmission: 1,
				memberId: member.id,
				branchId,
				orgId: ORG,
				communityId: report.communityId,
				reviewer: `staff-${report.communityId}`,
				decision: 'confirmed',
				decidedAt: decidedAt(report.submittedAt).toISOString(),
				channels: []
			};
			reviewDocs.push({ ...review, channels: reviewKind.channelsOf(review) });
		}

		const waiting = Math.min(
			WAITING_SLOTS,
			Math.floor(options.waitingPerBranch / options.branchSize) +
				(inBranch < options.waitingPerBranch % options.branchSize ? 1 : 0)
		);
		for (let k = 0; k < options.recordsPerMember; k++) {
			const at = new Date(yearStart + (span * (k + 0.5)) / options.recordsPerMember);
			const slot = k < WAITING_SLOTS ? (k < waiting ? 'waiting' : 'approved') : k;
			const kind =
				slot === 'waiting'
					? { origin: 'activity' as const, category: 'community' as const, at: 'residence' }
					: slot === NEEDS_CONFIRMATION || slot === RETURNED
						? { origin: 'own' as const, category: 'service' as const, at: 'residence' }
						: slot === FLAGGED
							? { origin: 'activity' as const, category: 'community' as const, at: 'other' }
							: (APPROVED_KINDS[k % APPROVED_KINDS.length] ?? APPROVED_KINDS[0]!);
			const communityId =
				kind.at === 'residence'
					? (member.residenceCommunityId ?? linked)
					: kind.at === 'branch'
						? linked
						: community(m + k + 1);
			const source = `${member.id}x${pad(k, 2)}`;
			const origin: RecordOrigin = options.ownOnly ? 'own' : kind.origin;
			const id =
				origin === 'own'
					? ownRecordId(member.id, `k${source}`)
					: origin === 'claim'
						? claimRecordId(`cl-${source}`)
						: activityRecordId(`ac-${source}`, member.id);
			const record: ServiceRecord = {
				id,
				kind: 'service-record',
				origin,
				...(origin === 'activity'
					? { activityId: `ac-${source}`, sourceId: `ac-${source}.${member.id}.in` }
					: {}),
				...(origin === 'claim' ? { sourceId: `cl-${source}` } : {}),
				...(kind.at === 'branch' ? { hostBranchId: branchId } : {}),
				memberId: member.id,
				memberName: member.name,
				branchId,
				orgId: ORG,
				communityId,
				category: kind.category,
				at: at.toISOString(),
				minutes: 60 + ((k * 37) % 180),
				description: `服务记录 ${k}`,
				photos: [],
				...(slot === FLAGGED ? { flagged: true } : {}),
				...(k >= kept ? { withdrawn: true } : {}),
				submission: 1,
				submittedAt: at.toISOString(),
				trail: [
					{
						at: at.toISOString(),
						by: origin === 'own' ? member.id : 'system',
						change: 'created'
					}
				],
				updatedAt: at.toISOString(),
				channels: []
			};
			record.channels = recordChannels(record);
			reportDocs.push(record);
			const decided = decidedAt(record.at);
			if (
				confirmationPath(record) === 'review' &&
				slot !== NEEDS_CONFIRMATION &&
				slot !== FLAGGED &&
				!record.withdrawn
			) {
				reviewDocs.push(
					recordReviewOf(record, `staff-${communityId}`, { decision: 'confirmed' }, decided)
				);
			}
			if (slot === RETURNED) {
				reviewDocs.push(
					approvalOf(record, secretary, { decision: 'returned', reason: '请补充照片' }, decided)
				);
			} else if (
				slot !== 'waiting' &&
				slot !== NEEDS_CONFIRMATION &&
				slot !== FLAGGED &&
				!record.withdrawn
			) {
				reviewDocs.push(approvalOf(record, secretary, { decision: 'approved' }, decided));
			}
			if (k === CORRECTED) {
				const correction: Correction = {
					id: correctionId(record.id),
					kind: 'correction',
					recordId: record.id,
					memberId: member.id,
					memberName: member.name,
					branchId,
					orgId: ORG,
					communityId,
					year,
					asked: { minutes: record.minutes + 30 },
					reason: '少记了半小时',
					photos: [],
					submission: 1,
					submittedAt: decided.toISOString(),
					updatedAt: decided.toISOString(),
					channels: []
				};
				correction.channels = yearlyChannels(correction, year);
				reportDocs.push(correction);
				// Half the corrections approved; the others wait for the community.
				if (m % 2 === 0) {
					const later = new Date(decided.getTime() + DAY_MS);
					reviewDocs.push(
						recordReviewOf(correction, `staff-${communityId}`, { decision: 'confirmed' }, later),
						approvalOf(correction, secretary, { decision: 'approved' }, later)
					);
				}
			}
		}
	}

	// The office changed a rule from July: the engine takes the version in force at each record.
	const changed: PointsScheme = {
		...defaultScheme(ORG, year),
		id: `points.${ORG}.${year}.v1`,
		version: 1,
		effectiveFrom: `${year}-07-01`,
		author: 'office',
		note: '社区活动每次 6 分'
	};
	changed.rules = { ...changed.rules, 'community-activity': { points: 6, cap: 6 } };
	return {
		orgId: ORG,
		year,
		now,
		members,
		linkedOf,
		reports: reportDocs,
		reviews: reviewDocs,
		schemes: [changed]
	};
}

/** One branch's share of the bureau, as its secretary's tablet holds it. */
export function branchShare(bureau: PointsBureau, branchId: string) {
	return {
		members: bureau.members.filter((m) => m.branchId === branchId),
		reports: bureau.reports.filter((d) => d.branchId === branchId),
		reviews: bureau.reviews.filter((d) => d.branchId === branchId)
	};
}

/** The bureau's part of the directory: the bureau, its branches and the communities they serve in. */
export function directoryOf(bureau: PointsBureau): (Org | Community)[] {
	const updatedAt = new Date(Date.parse(`${bureau.year}-01-01T00:00:00+08:00`)).toISOString();
	return [
		{ id: bureau.orgId, kind: 'bureau', name: '基准局', updatedAt, channels: [] },
		...[...bureau.linkedOf].map(([branchId, linkedCommunityId]): Org => ({
			id: branchId,
			kind: 'branch',
			name: `支部 ${branchId}`,
			parentId: bureau.orgId,
			linkedCommunityId,
			updatedAt,
			channels: []
		})),
		...Array.from({ length: COMMUNITIES }, (_, n): Community => ({
			id: community(n),
			kind: 'community',
			name: `社区 ${n}`,
			updatedAt,
			channels: []
		}))
	];
}
