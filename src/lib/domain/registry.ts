import type { KindDefinition, KindSchema } from './schema/kind-definition';
import { mergeKindSchemas } from './schema/merged-schema';
import { activities } from './events/activities';
import { attendance } from './events/attendance';
import { lateSyncs, type LateSync } from './events/late-sync';
import { walkIns, type WalkIn } from './events/walk-ins';
import { badges } from './codes/badges';
import { credentials } from './codes/credentials';
import { revocations } from './codes/revocations';
import { communities } from './directory/communities';
import { contacts } from './people/contacts';
import { members } from './people/members';
import { notices } from './messages/notices';
import { orgs } from './directory/orgs';
import { reports } from './reporting/reports';
import { reviews } from './reporting/reviews';
import { branchReports, type BranchReport } from './reporting/branch-reports';
import { workReports, type WorkReport } from './work-reports/work-report';
import { ratings, type Rating } from './work-reports/ratings';
import { serviceRecords, type ServiceRecord } from './records/service-record';
import { corrections, type Correction } from './records/corrections';
import { approvals, type Approval } from './records/approvals';
import { attendanceFixes, type AttendanceFix } from './events/attendance-fixes';
import { pointsSchemes, type PointsScheme } from './points/points-scheme';
import { memberYears, type MemberYearSummary } from './evaluation/member-year';
import { branchYears, type BranchYearSummary } from './evaluation/branch-year';
import { bureauYears, type BureauYearSummary } from './evaluation/bureau-year';
import { awards, type Award } from './awards/awards';
import {
	objections,
	objectionOutcomes,
	type Objection,
	type ObjectionOutcome
} from './awards/objections';
import { feedbackKind, type Feedback } from './feedback/community-feedback';
import { breaches, type Breach } from './conduct/breaches';
import { breachResponses, type BreachResponse } from './conduct/breach-responses';
import { breachDecisions, type BreachDecision } from './conduct/breach-decisions';
import { agreements } from './ledger/agreements';
import { committeeSeats } from './ledger/committee-seats';
import { listItems } from './ledger/list-items';
import { minutes } from './ledger/minutes';
import type { LedgerDoc } from './ledger/ledger-docs';
import type { Community } from './directory/communities';
import type { Contact } from './people/contacts';
import type { Member } from './people/members';
import type { Notice } from './messages/notices';
import type { Org } from './directory/orgs';
import type { Report } from './reporting/reports';
import type { Review } from './reporting/reviews';
import type { Activity } from './events/activities';
import type { Attendance } from './events/attendance-record';
import type { BadgeRecord } from './codes/badges';
import type { Credential } from './codes/credentials';
import type { Revocation } from './codes/revocations';
import { serviceItems, type ServiceItem } from './marketplace/service-items';
import { itemTallies, type ItemTally } from './marketplace/item-tallies';
import { claims } from './marketplace/claims';
import type { Claim } from './marketplace/claim-record';
import { claimReceipts, type ClaimReceipt } from './marketplace/claim-receipts';
import { claimStandings, type ClaimStanding } from './marketplace/claim-standings';
import { claimDecisions, type ClaimDecision } from './marketplace/claim-decisions';
import { stories, type Story } from './stories/stories';
import {
	certificates,
	certificateRevocations,
	type Certificate,
	type CertificateRevocation
} from './certificates/certificates';
import { storyReviews, type StoryReview } from './stories/story-reviews';
import {
	residents,
	residentShares,
	type Resident,
	type ResidentShare
} from './marketplace/residents';

export type { Org } from './directory/orgs';
export type { Community } from './directory/communities';
export type { Member } from './people/members';
export type { Contact } from './people/contacts';
export type { Report, ReportKind } from './reporting/reports';
export type { BranchReport } from './reporting/branch-reports';
export type { Review, Decision } from './reporting/reviews';
export type { ServiceRecord } from './records/service-record';
export type { Correction } from './records/corrections';
export type { Approval } from './records/approvals';
export type { AttendanceFix } from './events/attendance-fixes';
export type { PointsScheme } from './points/points-scheme';
export type {
	Notice,
	NoticeKind,
	ReminderTopic,
	ClaimTopic,
	DigestCounts
} from './messages/notices';
export { reportId } from './reporting/reports';
export { reviewId } from './reporting/reviews';
export { digestId, reminderId, signInLockedId } from './messages/notices';
export type { Activity, ActivityType, Expected } from './events/activities';
export type { Attendance, AttendanceKind, CheckMethod } from './events/attendance-record';
export type { LateSync } from './events/late-sync';
export type { WalkIn } from './events/walk-ins';
export type { BadgeRecord } from './codes/badges';
export type { Credential } from './codes/credentials';
export type { Revocation } from './codes/revocations';
export type { MemberYearSummary } from './evaluation/member-year';
export type { BranchYearSummary } from './evaluation/branch-year';
export type { BureauYearSummary } from './evaluation/bureau-year';
export { ACTIVITY_TYPES } from './events/activities';
export { attendanceId } from './events/attendance-record';
export { badgeRecordId, issuerRecordId } from './codes/badges';
export { activityKeyId, badgeCredentialId } from './codes/credentials';
export { revocationId } from './codes/revocations';

/** Every replicated collection's document type, by the name devices use in `/sync/<name>/`. */
export interface DocTypes {
	directory: DirectoryDoc;
	members: Member;
	contacts: ContactsDoc;
	reports: ReportsDoc;
	reviews: ReviewsDoc;
	notices: Notice;
	activities: ActivitiesDoc;
	attendance: AttendanceDoc;
	credentials: CredentialsDoc;
	ledger: LedgerDoc;
	evaluations: EvaluationDoc;
}

/** The reference data every device of a deployment holds: organisations, places, badge keys. */
export type DirectoryDoc = Org | Community | BadgeRecord | PointsScheme;

/**
 * What members submit: reports (kind residence/unit), service records and their corrections; and
 * what secretaries submit for their branch: branch reports.
 */
export type ReportsDoc = Report | ServiceRecord | Correction | BranchReport | WorkReport;

/** Decisions: the community's reviews (no `kind` field) and the secretary's approvals. */
export type ReviewsDoc = Review | Approval | Rating;

/** What the server's worker sums up from the records, for wide roles and for closed years. */
export type EvaluationDoc =
	| MemberYearSummary
	| BranchYearSummary
	| BureauYearSummary
	| Certificate
	| CertificateRevocation
	| Breach
	| BreachResponse
	| BreachDecision
	| Feedback
	| Story
	| StoryReview
	| Award
	| Objection
	| ObjectionOutcome;

/** Records of people at activities, the server's notes about them, and walk-ins named only. */
export type AttendanceDoc =
	| Attendance
	| LateSync
	| WalkIn
	| Claim
	| ClaimReceipt
	| ClaimStanding
	| ClaimDecision
	| AttendanceFix;

/** What happens in communities: activities (no `kind` field), service items and their tallies. */
export type ActivitiesDoc = Activity | ServiceItem | ItemTally;

/** Personal contact data: members' own (no `kind` field), residents', and shares of these. */
export type ContactsDoc = Contact | Resident | ResidentShare;

/** Secrets to their holders, and the badge revocation list to whoever scans. */
export type CredentialsDoc = Credential | Revocation;

export type AnyDoc = { id: string; channels: string[] } & Record<string, unknown>;

interface PlannedCollection {
	/** Followed live (one longpoll each), or synced in rounds: on start, after a write, on a timer. */
	live: boolean;
	/** The schema version of a collection of several kinds (one kind's collection has its kind's). */
	version: number;
	kinds: readonly KindDefinition<never>[];
	/** A collection whose documents this one's policies check against: pushed before it. */
	pushedAfter?: keyof DocTypes;
}

/**
 * The collections as built, and the kinds each holds: one collection per sync boundary (channel
 * shape, live or reference, family of write policies). The whole plan is in docs/data-model.md;
 * a kind the plan puts into a collection not built yet creates it here.
 */
const plan = {
	// 1: badge entries carry `branchId`. 2: the bureaus' points schemes. 3: branches' link history.
	// 4: the city level of the community tree. 5: breach penalties and year-end gates (issue 20).
	directory: { live: false, version: 5, kinds: [orgs, communities, badges, pointsSchemes] },
	// 1: the member's free time (`availability`).
	members: { live: false, version: 1, kinds: [members] },
	// 1: residents of needs and micro-wishes, and their shares with the member holding a place.
	contacts: { live: false, version: 1, kinds: [contacts, residents, residentShares] },
	// A residence report is checked against the profile the member moved house in (reports.ts).
	// 1: service records and their corrections. 2: branch reports (支部报到). 3: 述职 (issue 20).
	reports: {
		live: true,
		version: 3,
		kinds: [reports, serviceRecords, corrections, branchReports, workReports],
		pushedAfter: 'members'
	},
	// 1: the secretaries' approvals; reviews of records carry their year. 2: ratings of 述职.
	reviews: { live: true, version: 2, kinds: [reviews, approvals, ratings] },
	// 1: the sign-in-locked notice kind. 2: the claim notice kind. 3: the digest kind, new topics.
	// 4: the agreement-ending kind.
	notices: { live: true, version: 4, kinds: [notices] },
	// 1: service items and their tallies (a claim checks the item and its tally).
	// 2: the joint meeting (联席会议) activity type.
	activities: { live: false, version: 2, kinds: [activities, serviceItems, itemTallies] },
	// 1: longer proofs (a badge's scan-specific proof), the server's late-sync notes, walk-ins.
	// 2: claims of service items, the server's receipts and standings, the community's decisions.
	// 3: 需核实 fixes.
	attendance: {
		live: true,
		version: 3,
		kinds: [
			attendance,
			lateSyncs,
			walkIns,
			claims,
			claimReceipts,
			claimStandings,
			claimDecisions,
			attendanceFixes
		]
	},
	// 1: the revocation list joined the credentials. 2: badges' short codes grew to 12 characters.
	// An activity key is accepted only once its activity is on the server (credentials.ts).
	credentials: {
		live: false,
		version: 2,
		kinds: [credentials, revocations],
		pushedAfter: 'activities'
	},
	// The branch–community pair's 共建台账 (R3–R7, R19): agreements, the committee seat, the four
	// lists of a year, the joint meetings' minutes.
	ledger: { live: false, version: 0, kinds: [agreements, committeeSeats, listItems, minutes] },
	// 1: member-year counts the confirmed claims of R16. 2: points, grades, the effective rate.
	// 3: the year's end: breaches, feedback, awards and objections, stories, certificates.
	evaluations: {
		live: false,
		version: 3,
		kinds: [
			memberYears,
			branchYears,
			bureauYears,
			certificates,
			certificateRevocations,
			breaches,
			breachResponses,
			breachDecisions,
			feedbackKind,
			stories,
			storyReviews,
			awards,
			objections,
			objectionOutcomes
		]
	}
} as const satisfies Record<keyof DocTypes, PlannedCollection>;

export type CollectionName = keyof typeof plan;

/**
 * Open-source RxDB opens at most 13 collections in one JavaScript realm. The plan keeps to 11,
 * leaving two for the collections of a previous layout that a device would keep open while it
 * drains a future layout change (docs/data-model.md, "Changing the layout").
 */
export const MAX_COLLECTIONS = 11;
export const RXDB_OPEN_COLLECTION_LIMIT = 13;

export function checkCollectionBudget(names: readonly string[]): void {
	if (names.length > MAX_COLLECTIONS) {
		throw new Error(
			`The registry has ${names.length} collections (${names.join(', ')}); the plan allows ` +
				`${MAX_COLLECTIONS}. Put the new kind into a collection of the plan in docs/data-model.md.`
		);
	}
}

export const collectionNames = Object.keys(plan) as CollectionName[];
checkCollectionBudget(collectionNames);

export function isCollectionName(name: string): name is CollectionName {
	return Object.prototype.hasOwnProperty.call(plan, name);
}

export function isLiveCollection(name: CollectionName): boolean {
	return plan[name].live;
}

/** The collection whose waiting changes a device pushes before this one's, if any. */
export function pushedAfter(name: CollectionName): CollectionName | undefined {
	const entry: PlannedCollection = plan[name];
	return entry.pushedAfter;
}

/** The kinds a collection holds. */
export function kindsOf(name: CollectionName): readonly KindDefinition<AnyDoc>[] {
	return plan[name].kinds as unknown as readonly KindDefinition<AnyDoc>[];
}

/**
 * The kind a document of a collection belongs to, by its `kind` field; null when none claims it.
 * Kinds older than their collection's other kinds (activity, contact) have no such field: a
 * document without one is of the collection's kind that declares no `kindValues`.
 */
export function kindOf(name: CollectionName, doc: object): KindDefinition<AnyDoc> | null {
	const kinds = kindsOf(name);
	if (kinds.length === 1) return kinds[0] ?? null;
	const value = (doc as { kind?: unknown }).kind;
	if (value === undefined) return kinds.find((k) => !k.kindValues) ?? null;
	return kinds.find((k) => typeof value === 'string' && k.kindValues?.includes(value)) ?? null;
}

/** Whether devices write to the collection at all (some kind has a policy). */
export function isWritable(name: CollectionName): boolean {
	return kindsOf(name).some((kind) => kind.policy !== null);
}

const schemas = new Map<CollectionName, KindSchema>();

/** The collection's RxDB schema: its kind's own, or the merge of its kinds' (merged-schema.ts). */
export function collectionSchema(name: CollectionName): KindSchema {
	let schema = schemas.get(name);
	if (!schema) {
		schema = mergeKindSchemas(
			name,
			plan[name].version,
			kindsOf(name).map((kind) => kind.schema)
		);
		schemas.set(name, schema);
	}
	return schema;
}
