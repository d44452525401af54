import type { Agreement } from './agreements';
import type { CommitteeSeat } from './committee-seats';
import type { ListItem } from './list-items';
import type { Minutes } from './minutes';

/**
 * The documents of the `ledger` collection, and how to tell them apart. The id builders live
 * beside their kinds (whose policies check them) and are gathered here for the screens.
 */
export type LedgerDoc = Agreement | CommitteeSeat | ListItem | Minutes;

export type { Agreement } from './agreements';
export type { CommitteeSeat } from './committee-seats';
export type { ItemState, LedgerList, ListItem, ResourceType, TrailEntry } from './list-items';
export type { MeetingAttendee, MeetingDecision, Minutes } from './minutes';
export type { LedgerPair, LedgerSide } from './ledger-pair';
export { agreementId } from './agreements';
export { seatId } from './committee-seats';
export { decisionItemId, listItemId } from './list-items';
export { minutesId } from './minutes';

export function isAgreement(doc: { kind?: unknown }): doc is Agreement {
	return doc.kind === 'agreement';
}

export function isCommitteeSeat(doc: { kind?: unknown }): doc is CommitteeSeat {
	return doc.kind === 'committee-seat';
}

export function isListItem(doc: { kind?: unknown }): doc is ListItem {
	return doc.kind === 'list-item';
}

export function isMinutes(doc: { kind?: unknown }): doc is Minutes {
	return doc.kind === 'minutes';
}

/** Whether a document belongs to the pair: the same branch, community and bureau. */
export function ofPair(
	doc: { branchId: string; communityId: string; orgId: string },
	pair: { branchId: string; communityId: string; orgId: string }
): boolean {
	return (
		doc.branchId === pair.branchId &&
		doc.communityId === pair.communityId &&
		doc.orgId === pair.orgId
	);
}
