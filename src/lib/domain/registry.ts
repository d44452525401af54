import type { CollectionDefinition } from './schema/collection-definition';
import { activities } from './events/activities';
import { attendance } from './events/attendance';
import { badges } from './codes/badges';
import { credentials } from './codes/credentials';
import { communities } from './directory/communities';
import { contacts } from './people/contacts';
import { members } from './people/members';
import { notices } from './messages/notices';
import { orgs } from './directory/orgs';
import { reports } from './reporting/reports';
import { reviews } from './reporting/reviews';
import type { Community } from './directory/communities';
import type { Contact } from './people/contacts';
import type { Member } from './people/members';
import type { Notice } from './messages/notices';
import type { Org } from './directory/orgs';
import type { Report } from './reporting/reports';
import type { Review } from './reporting/reviews';
import type { Activity } from './events/activities';
import type { Attendance } from './events/attendance';
import type { BadgeRecord } from './codes/badges';
import type { Credential } from './codes/credentials';

export type { Org } from './directory/orgs';
export type { Community } from './directory/communities';
export type { Member } from './people/members';
export type { Contact } from './people/contacts';
export type { Report, ReportKind } from './reporting/reports';
export type { Review, Decision } from './reporting/reviews';
export type { Notice, NoticeKind, ReminderTopic } from './messages/notices';
export { reportId } from './reporting/reports';
export { reviewId } from './reporting/reviews';
export { reminderId } from './messages/notices';
export type { Activity, ActivityType, Expected } from './events/activities';
export type { Attendance, AttendanceKind, CheckMethod } from './events/attendance';
export type { BadgeRecord } from './codes/badges';
export type { Credential } from './codes/credentials';
export { ACTIVITY_TYPES } from './events/activities';
export { attendanceId } from './events/attendance';
export { badgeRecordId, issuerRecordId } from './codes/badges';
export { activityKeyId, badgeCredentialId } from './codes/credentials';

/** The document type of each collection. */
export interface DocTypes {
	orgs: Org;
	communities: Community;
	members: Member;
	contacts: Contact;
	reports: Report;
	reviews: Review;
	notices: Notice;
	activities: Activity;
	attendance: Attendance;
	badges: BadgeRecord;
	credentials: Credential;
}

export type AnyDoc = { id: string; channels: string[] } & Record<string, unknown>;

/** Every replicated collection, by the name devices use in `/sync/<name>/`. */
export const collections = {
	orgs,
	communities,
	members,
	contacts,
	reports,
	reviews,
	notices,
	activities,
	attendance,
	badges,
	credentials
} as const;

export type CollectionName = keyof typeof collections;

export const collectionNames = Object.keys(collections) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
	return Object.prototype.hasOwnProperty.call(collections, name);
}

export function collectionDefinition(name: CollectionName): CollectionDefinition<AnyDoc> {
	return collections[name] as unknown as CollectionDefinition<AnyDoc>;
}
