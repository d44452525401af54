import type { Activity, Attendance, Member, Report, Review } from '../registry';
import type { Approval } from '../records/approvals';
import type { Correction } from '../records/corrections';
import type { ServiceRecord } from '../records/service-record';

/**
 * Detail on demand: wide roles (the office) replicate summaries, and fetch one member's or one
 * activity's records online when they drill down (`GET /api/records/member/<id>`,
 * `GET /api/records/activity/<id>`). These are the answers' shapes, shared by the server that
 * builds them and the device that shows and keeps them.
 */

/** At most this many documents in one answer; `truncated` says when more were there. */
export const DETAIL_DOC_LIMIT = 500;

/** A check-in record as detail carries it: without the badge token, which is a credential. */
export type DetailAttendance = Omit<Attendance, 'proof'>;

interface DetailAnswer {
	/** When the server read the records (ISO instant). */
	fetchedAt: string;
	/** The years the records are from: the open ones, current first. */
	years: number[];
	/** True when there were more than `limit` documents and some were left out. */
	truncated: boolean;
	limit: number;
}

/**
 * One member's records: profile, reports, service records of the open years with their
 * corrections, the community's reviews of all of them and the secretary's approvals (a record's
 * history is made of these), attendance and the activities cited.
 */
export interface MemberRecords extends DetailAnswer {
	kind: 'member';
	member: Member;
	reports: Report[];
	records: ServiceRecord[];
	corrections: Correction[];
	reviews: Review[];
	approvals: Approval[];
	attendance: DetailAttendance[];
	activities: Activity[];
}

/** One activity and the attendance records of it the caller may read. */
export interface ActivityRecords extends DetailAnswer {
	kind: 'activity';
	activity: Activity;
	attendance: DetailAttendance[];
}

export type RecordDetail = MemberRecords | ActivityRecords;
