import type { CollectionDefinition } from '../collection-definition';
import { activities } from './activities';
import { attendance } from './attendance';
import { badges } from './badges';
import { credentials } from './credentials';
import { communities } from './communities';
import { contacts } from './contacts';
import { members } from './members';
import { notices } from './notices';
import { orgs } from './orgs';
import { reports } from './reports';
import { reviews } from './reviews';
import type { Community } from './communities';
import type { Contact } from './contacts';
import type { Member } from './members';
import type { Notice } from './notices';
import type { Org } from './orgs';
import type { Report } from './reports';
import type { Review } from './reviews';
import type { Activity } from './activities';
import type { Attendance } from './attendance';
import type { BadgeRecord } from './badges';
import type { Credential } from './credentials';

export type { Org } from './orgs';
export type { Community } from './communities';
export type { Member } from './members';
export type { Contact } from './contacts';
export type { Report, ReportKind } from './reports';
export type { Review, Decision } from './reviews';
export type { Notice, NoticeKind, ReminderTopic } from './notices';
export { reportId } from './reports';
export { reviewId } from './reviews';
export { reminderId } from './notices';
export type { Activity, ActivityType, Expected } from './activities';
export type { Attendance, AttendanceKind, CheckMethod } from './attendance';
export type { BadgeRecord } from './badges';
export type { Credential } from './credentials';
export { ACTIVITY_TYPES } from './activities';
export { attendanceId } from './attendance';
export { badgeRecordId, issuerRecordId } from './badges';
export { activityKeyId, badgeCredentialId } from './credentials';

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
