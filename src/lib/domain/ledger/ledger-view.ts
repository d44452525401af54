import { agreementState, currentAgreement, daysLeft } from './agreement-state';
import type { Agreement, AgreementState } from './agreements';
import type { CommitteeSeat } from './committee-seats';
import { GOOD_DEEDS_TARGET } from './good-deeds';
import {
	isAgreement,
	isCommitteeSeat,
	isListItem,
	isMinutes,
	ofPair,
	type LedgerDoc
} from './ledger-docs';
import type { LedgerPair } from './ledger-pair';
import { LEDGER_LISTS, type LedgerList, type ListItem } from './list-items';
import type { Minutes } from './minutes';

/** A pair's ledger of a year, as its screen, its workbook and its print show it. */
export interface LedgerView {
	pair: LedgerPair;
	year: number;
	/** The current agreement: the one of the latest start (a renewal replaces the one before). */
	agreement: { doc: Agreement; state: AgreementState; daysLeft: number } | null;
	seat: CommitteeSeat | null;
	/** Each list's items of the year, by due date then title. */
	lists: Record<LedgerList, ListItem[]>;
	/** The good deeds of the year (of the pair's items); delivered = done. */
	goodDeeds: { delivered: number; target: typeof GOOD_DEEDS_TARGET; items: ListItem[] };
	/** The year's joint meetings, by the day held. */
	meetings: Minutes[];
}

const byDueThenTitle = (a: ListItem, b: ListItem) =>
	a.dueOn.localeCompare(b.dueOn) ||
	a.title.localeCompare(b.title, 'zh-CN') ||
	a.id.localeCompare(b.id);

/** The ledger of one pair and year from whatever ledger documents the device holds. */
export function ledgerView(
	docs: readonly LedgerDoc[],
	pair: LedgerPair,
	year: number,
	now: Date
): LedgerView {
	const own = docs.filter((doc) => ofPair(doc, pair));
	const current = currentAgreement(own.filter(isAgreement), pair.branchId, pair.communityId);
	const items = own.filter(isListItem).filter((item) => item.year === year);
	const lists = Object.fromEntries(
		LEDGER_LISTS.map((list) => [
			list,
			items.filter((item) => item.list === list).sort(byDueThenTitle)
		])
	) as Record<LedgerList, ListItem[]>;
	const deeds = items.filter((item) => item.goodDeed).sort(byDueThenTitle);
	return {
		pair,
		year,
		agreement: current
			? { doc: current, state: agreementState(current, now), daysLeft: daysLeft(current, now) }
			: null,
		seat: own.find(isCommitteeSeat) ?? null,
		lists,
		goodDeeds: {
			delivered: deeds.filter((item) => item.state === 'done').length,
			target: GOOD_DEEDS_TARGET,
			items: deeds
		},
		meetings: own
			.filter(isMinutes)
			.filter((m) => m.year === year)
			.sort((a, b) => a.heldOn.localeCompare(b.heldOn) || a.id.localeCompare(b.id))
	};
}
