import type { CollectionDefinition } from '../collection-definition';
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

/** The document type of each collection. */
export interface DocTypes {
	orgs: Org;
	communities: Community;
	members: Member;
	contacts: Contact;
	reports: Report;
	reviews: Review;
	notices: Notice;
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
	notices
} as const;

export type CollectionName = keyof typeof collections;

export const collectionNames = Object.keys(collections) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
	return Object.prototype.hasOwnProperty.call(collections, name);
}

export function collectionDefinition(name: CollectionName): CollectionDefinition<AnyDoc> {
	return collections[name] as unknown as CollectionDefinition<AnyDoc>;
}
