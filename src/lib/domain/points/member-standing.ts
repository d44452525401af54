import { shanghaiYear } from '../calendar/shanghai-calendar';
import { confirmedBreaches } from '../conduct/breach-status';
import { isFeedback, type Feedback } from '../feedback/community-feedback';
import { isApproval, type Approval } from '../records/approvals';
import { isCorrection, type Correction } from '../records/corrections';
import { recordViews } from '../records/record-status';
import { isServiceRecord, type ServiceRecord } from '../records/service-record';
import type { Report } from '../reporting/reports';
import type { Review } from '../reporting/reviews';
import type { GradeCounts, RiskReason } from './grade-terms';
import { gradeOf, isBelow, type GradeResult } from './grades';
import { computePoints, type PointsInputs, type PointsResult } from './points-engine';
import { isPointsScheme, schemeInForce, schemeVersions, type Grade } from './points-scheme';

/*
 * What every screen and the worker show of a member's year, from the same functions.
 */

export interface MemberStanding {
	points: PointsResult;
	grade: GradeResult;
	/** R12: approved services in the residence community this year, against 4. */
	residenceServices: number;
	/** R13: reported (residence confirmed) and ≥ 4 approved services in the residence community. */
	effective: boolean;
}

/** R12 and R13: four services a year in the residence community (fixed by the notice, not the scheme). */
export const RESIDENCE_SERVICES_TARGET = 4;

/** `now` decides whether the grade is projected (the year not over in Asia/Shanghai). */
export function memberStanding(inputs: PointsInputs, now: Date): MemberStanding {
	const points = computePoints(inputs);
	const projected = shanghaiYear(now) <= inputs.year;
	const versions = schemeVersions(inputs.schemes, inputs.member.orgId, inputs.year);
	// Projected: the rules as they stand today; final: as they stood at the year's end.
	const scheme = schemeInForce(versions, projected ? now.toISOString() : `${inputs.year}-12-31`);
	const residenceServices = points.counts.residenceServices;
	return {
		points,
		grade: gradeOf(points, scheme, projected),
		residenceServices,
		effective: points.reported && residenceServices >= RESIDENCE_SERVICES_TARGET
	};
}

export function risksOf(standing: MemberStanding): RiskReason[] {
	const c = standing.points.counts;
	const risks: RiskReason[] = [];
	if (standing.residenceServices < RESIDENCE_SERVICES_TARGET) risks.push('r12');
	if ([c.projectsOrPosts, c.lectures, c.microWishes, c.communityActivities].some((n) => n < 1)) {
		risks.push('r16');
	}
	if (c.ethnicUnity < 1 || c.partyDay < 1) risks.push('r8');
	if (isBelow(standing.grade.grade, 'fairly-good')) risks.push('grade');
	return risks;
}

/** R13 and R17 over many members: the effective rate's parts and the grade distribution. */
export interface Targets {
	members: number;
	effective: number;
	grades: GradeCounts;
}

const GRADE_FIELD: Record<Grade, keyof GradeCounts> = {
	good: 'good',
	'fairly-good': 'fairlyGood',
	average: 'average',
	poor: 'poor'
};

export function targetsOf(standings: readonly { effective: boolean; grade: Grade }[]): Targets {
	const grades: GradeCounts = { good: 0, fairlyGood: 0, average: 0, poor: 0 };
	for (const s of standings) grades[GRADE_FIELD[s.grade]]++;
	return {
		members: standings.length,
		effective: standings.filter((s) => s.effective).length,
		grades
	};
}

/** The target lines: 80% effective (R13); everyone 较好 or better (R17). */
export const EFFECTIVE_RATE_TARGET = 0.8;

/**
 * Everything a device or the worker holds that bears on members' standings (any superset: each
 * member's own documents are picked out). Kinds mixed in one collection are told apart inside.
 */
export interface StandingDocs {
	reports: readonly { kind?: unknown }[];
	/** The community's reviews have no `kind`; approvals do. */
	reviews: readonly (Review | { kind?: unknown })[];
	schemes: readonly import('./points-scheme').PointsScheme[];
	/**
	 * The `evaluations` documents about members: breaches with their decisions, and the
	 * communities' feedback (summaries and others are ignored). Absent: none bear on the grade.
	 */
	evaluations?: readonly { id: string; kind?: unknown; memberId?: unknown }[];
}

interface ByMember {
	reports: Report[];
	records: ServiceRecord[];
	corrections: Correction[];
	reviews: Review[];
	approvals: Approval[];
	evaluations: { id: string; kind?: unknown }[];
}

// The worker asks for every member of a bureau over the same arrays: sort them by member once.
const indexes = new WeakMap<StandingDocs, Map<string, ByMember>>();

function isReportDoc(doc: { kind?: unknown }): doc is Report {
	return doc.kind === 'residence' || doc.kind === 'unit';
}

function byMember(docs: StandingDocs): Map<string, ByMember> {
	const cached = indexes.get(docs);
	if (cached) return cached;
	const index = new Map<string, ByMember>();
	const of = (memberId: string) => {
		let entry = index.get(memberId);
		if (!entry) {
			entry = {
				reports: [],
				records: [],
				corrections: [],
				reviews: [],
				approvals: [],
				evaluations: []
			};
			index.set(memberId, entry);
		}
		return entry;
	};
	for (const doc of docs.reports) {
		if (isReportDoc(doc)) of(doc.memberId).reports.push(doc);
		else if (isServiceRecord(doc)) of(doc.memberId).records.push(doc);
		else if (isCorrection(doc)) of(doc.memberId).corrections.push(doc);
	}
	for (const doc of docs.reviews) {
		const typed = doc as { kind?: unknown };
		if (isApproval(typed)) of(typed.memberId).approvals.push(typed);
		// The community's reviews are the reviews collection's documents without a kind.
		else if (typed.kind === undefined) of((doc as Review).memberId).reviews.push(doc as Review);
	}
	for (const doc of docs.evaluations ?? []) {
		// Summaries carry a member too, but only what members are judged on is kept.
		if (typeof doc.memberId === 'string' && doc.kind !== 'member-year') {
			of(doc.memberId).evaluations.push(doc);
		}
	}
	indexes.set(docs, index);
	return index;
}

const NOTHING: ByMember = {
	reports: [],
	records: [],
	corrections: [],
	reviews: [],
	approvals: [],
	evaluations: []
};

/**
 * One member's standing for a year from raw documents: picks the member's reports, records,
 * corrections, reviews and approvals, confirmed breaches and the communities' feedback, builds
 * the record views and calls `memberStanding`. The
 * worker, the member's phone, the secretary's tablet and the tests all use this one function.
 */
export function standingOf(
	member: { id: string; orgId: string; branchId: string; residenceCommunityId?: string },
	linkedCommunityId: string | undefined,
	docs: StandingDocs,
	year: number,
	now: Date
): MemberStanding {
	const own = byMember(docs).get(member.id) ?? NOTHING;
	const views = recordViews(own);
	return memberStanding(
		{
			member,
			linkedCommunityId,
			reports: own.reports,
			reviews: own.reviews,
			views,
			schemes: docs.schemes.filter((s) => isPointsScheme(s) && s.orgId === member.orgId),
			year,
			breaches: confirmedBreaches(own.evaluations),
			feedback: own.evaluations.filter((doc): doc is Feedback => isFeedback(doc))
		},
		now
	);
}
