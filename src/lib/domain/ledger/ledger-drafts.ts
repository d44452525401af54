import { withChannels } from '../access/write-policy';
import { splitFreeTags } from '../people/profile-vocabulary';
import { shanghaiToday } from './agreement-state';
import { agreementId, isSigned, type Agreement } from './agreements';
import { MAX_SEAT_EVIDENCE, seatId, type CommitteeSeat } from './committee-seats';
import {
	isCalendarDay,
	MAX_LEDGER_EVIDENCE,
	type LedgerPair,
	type LedgerSide
} from './ledger-pair';
import {
	listItemId,
	MAX_ITEM_TAGS,
	MAX_RECORDS,
	MAX_SERVICE_ITEMS,
	MAX_TAG_LENGTH,
	MAX_TRAIL,
	type ItemState,
	type LedgerList,
	type ListItem,
	type ResourceType,
	type TrailEntry
} from './list-items';

/*
 * The ledger documents the secretary and the community's staff write (R3–R6), built the one way
 * the gateway accepts (ids, channels, the trail, `by`), and the problems of form input found
 * before anything is written, so the screen can say what to fix. Each problem's message is
 * `ledger.problem.<problem>`; its name starts with the field it is about.
 */

export const MAX_TITLE = 100;
export const MAX_CONTENT = 2000;
export const MAX_DETAIL = 1000;
/** A person's name and post: a signatory, an owner, the seat's holder and post. */
export const MAX_PERSON = 40;
export const MAX_NOTE = 200;

export type LedgerProblem =
	| 'title-missing'
	| 'title-too-long'
	| 'startsOn-missing'
	| 'endsOn-missing'
	| 'endsOn-before-start'
	| 'content-missing'
	| 'content-too-long'
	| 'branchSignatory-missing'
	| 'communitySignatory-missing'
	| 'signatory-too-long'
	| 'signedOn-missing'
	| 'signedOn-future'
	| 'file-missing'
	| 'agreement-signed'
	| 'member-missing'
	| 'memberName-missing'
	| 'post-missing'
	| 'name-too-long'
	| 'since-missing'
	| 'evidence-missing'
	| 'evidence-too-many'
	| 'detail-too-long'
	| 'owner-missing'
	| 'owner-too-long'
	| 'dueOn-missing'
	| 'tags-too-many'
	| 'tags-too-long'
	| 'state-change'
	| 'doneOn-missing'
	| 'doneOn-future'
	| 'note-too-long'
	| 'links-too-many'
	| 'trail-full';

/** A document ready to write, or what to fix first. */
export type DraftResult<T> = { ok: true; doc: T } | { ok: false; problems: LedgerProblem[] };

/** Who writes, and when: `by` and the trail take the writer's username. */
export interface Writer {
	by: string;
	now: Date;
}

function textProblems(
	text: string,
	max: number,
	missing: LedgerProblem,
	tooLong: LedgerProblem
): LedgerProblem[] {
	if (!text) return [missing];
	return text.length > max ? [tooLong] : [];
}

function result<T>(problems: LedgerProblem[], doc: () => T): DraftResult<T> {
	const unique = [...new Set(problems)];
	return unique.length > 0 ? { ok: false, problems: unique } : { ok: true, doc: doc() };
}

/** Appends to an item's trail; a full trail takes no more changes (the schema's limit). */
function withEntry(item: ListItem, entry: TrailEntry): TrailEntry[] | null {
	return item.trail.length >= MAX_TRAIL ? null : [...item.trail, entry];
}

// Agreement (R3) --------------------------------------------------------------------------------

export interface AgreementInput {
	title: string;
	startsOn: string;
	endsOn: string;
	content: string;
	branchSignatory: string;
	communitySignatory: string;
}

/**
 * A new agreement of the pair, or the changed terms of one not signed yet. Its start names it
 * (`agreementId`), so a change keeps the start; a later period is a new agreement.
 */
export function agreementDraft(
	input: AgreementInput,
	pair: LedgerPair,
	prev: Agreement | null,
	writer: Writer
): DraftResult<Agreement> {
	if (prev && isSigned(prev)) return { ok: false, problems: ['agreement-signed'] };
	const title = input.title.trim();
	const content = input.content.trim();
	const branchSignatory = input.branchSignatory.trim();
	const communitySignatory = input.communitySignatory.trim();
	const startsOn = prev?.startsOn ?? input.startsOn;
	const { endsOn } = input;
	const problems: LedgerProblem[] = [
		...textProblems(title, MAX_TITLE, 'title-missing', 'title-too-long'),
		...(isCalendarDay(startsOn) ? [] : (['startsOn-missing'] as const)),
		...(isCalendarDay(endsOn) ? [] : (['endsOn-missing'] as const)),
		...(isCalendarDay(startsOn) && isCalendarDay(endsOn) && endsOn <= startsOn
			? (['endsOn-before-start'] as const)
			: []),
		...textProblems(content, MAX_CONTENT, 'content-missing', 'content-too-long'),
		...textProblems(branchSignatory, MAX_PERSON, 'branchSignatory-missing', 'signatory-too-long'),
		...textProblems(
			communitySignatory,
			MAX_PERSON,
			'communitySignatory-missing',
			'signatory-too-long'
		)
	];
	const { branchId, communityId, orgId } = prev ?? pair;
	return result(problems, () =>
		withChannels('ledger', {
			id: agreementId(branchId, communityId, startsOn),
			kind: 'agreement',
			branchId,
			communityId,
			orgId,
			title,
			startsOn,
			endsOn,
			content,
			branchSignatory,
			communitySignatory,
			by: writer.by,
			updatedAt: writer.now.toISOString(),
			channels: []
		})
	);
}

/** The agreement signed on a day, with the scan of the signed paper; its terms are fixed after. */
export function signedAgreementDraft(
	prev: Agreement,
	input: { signedOn: string; file: string | null },
	writer: Writer
): DraftResult<Agreement> {
	if (isSigned(prev)) return { ok: false, problems: ['agreement-signed'] };
	const { signedOn, file } = input;
	const problems: LedgerProblem[] = [
		...(isCalendarDay(signedOn) ? [] : (['signedOn-missing'] as const)),
		...(isCalendarDay(signedOn) && signedOn > shanghaiToday(writer.now)
			? (['signedOn-future'] as const)
			: []),
		...(file ? [] : (['file-missing'] as const))
	];
	return result(problems, () => ({
		...prev,
		signedOn,
		file: file ?? '',
		by: writer.by,
		updatedAt: writer.now.toISOString()
	}));
}

// Committee seat (R6) ---------------------------------------------------------------------------

export interface SeatInput {
	/** The secretary who holds the post: the writer. */
	memberId: string;
	memberName: string;
	post: string;
	since: string;
	evidence: readonly string[];
}

export function seatDraft(
	input: SeatInput,
	pair: LedgerPair,
	writer: Writer
): DraftResult<CommitteeSeat> {
	const memberName = input.memberName.trim();
	const post = input.post.trim();
	const evidence = [...new Set(input.evidence)];
	const problems: LedgerProblem[] = [
		...(input.memberId ? [] : (['member-missing'] as const)),
		...textProblems(memberName, MAX_PERSON, 'memberName-missing', 'name-too-long'),
		...textProblems(post, MAX_PERSON, 'post-missing', 'name-too-long'),
		...(isCalendarDay(input.since) ? [] : (['since-missing'] as const)),
		...(evidence.length === 0 ? (['evidence-missing'] as const) : []),
		...(evidence.length > MAX_SEAT_EVIDENCE ? (['evidence-too-many'] as const) : [])
	];
	return result(problems, () =>
		withChannels('ledger', {
			id: seatId(pair.branchId, pair.communityId),
			kind: 'committee-seat',
			branchId: pair.branchId,
			communityId: pair.communityId,
			orgId: pair.orgId,
			memberId: input.memberId,
			memberName,
			post,
			since: input.since,
			evidence,
			by: writer.by,
			updatedAt: writer.now.toISOString(),
			channels: []
		})
	);
}

// List items (R4, R5) ---------------------------------------------------------------------------

export interface ItemInput {
	list: LedgerList;
	title: string;
	detail: string;
	/** Resources only; ignored on the other lists. */
	resourceType?: ResourceType;
	tags: readonly string[];
	owner: string;
	dueOn: string;
	goodDeed: boolean;
	evidence: readonly string[];
}

/** Where a new item goes and who keeps it; `suffix` makes its id (`newItemSuffix`). */
export interface ItemPlace {
	pair: LedgerPair;
	year: number;
	side: LedgerSide;
	suffix: string;
}

/** Tags typed into one field, split at commas (Chinese or Latin), 、 or ；. */
export function tagsOf(text: string): string[] {
	return splitFreeTags(text)
		.map((tag) => tag.trim())
		.filter(Boolean);
}

/** A suffix for a new item's id (12 of [a-z0-9]), so two devices never make the same id. */
export function newItemSuffix(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	return Array.from(bytes, (byte) => (byte % 36).toString(36)).join('');
}

/** Trimmed, inner spaces collapsed, without empties or repeats, in the order given. */
function cleanTags(tags: readonly string[]): string[] {
	return [...new Set(tags.map((tag) => tag.trim().replace(/\s+/g, ' ')).filter(Boolean))];
}

/**
 * A new item (planned, its trail begun) or the changed content of one: every item has an owner
 * and a due date. A change keeps the item's place, state, links and trail, and adds to the trail.
 */
export function listItemDraft(
	input: ItemInput,
	prev: ListItem | null,
	place: ItemPlace,
	writer: Writer
): DraftResult<ListItem> {
	const title = input.title.trim();
	const detail = input.detail.trim();
	const owner = input.owner.trim();
	const tags = cleanTags(input.tags);
	const evidence = [...new Set(input.evidence)];
	const at = writer.now.toISOString();
	const trail = prev ? withEntry(prev, { at, by: writer.by, change: 'changed' }) : null;
	const problems: LedgerProblem[] = [
		...textProblems(title, MAX_TITLE, 'title-missing', 'title-too-long'),
		...(detail.length > MAX_DETAIL ? (['detail-too-long'] as const) : []),
		...textProblems(owner, MAX_PERSON, 'owner-missing', 'owner-too-long'),
		...(isCalendarDay(input.dueOn) ? [] : (['dueOn-missing'] as const)),
		...(tags.length > MAX_ITEM_TAGS ? (['tags-too-many'] as const) : []),
		...(tags.some((tag) => tag.length > MAX_TAG_LENGTH) ? (['tags-too-long'] as const) : []),
		...(evidence.length > MAX_LEDGER_EVIDENCE ? (['evidence-too-many'] as const) : []),
		...(prev && !trail ? (['trail-full'] as const) : [])
	];
	const list = prev?.list ?? input.list;
	const content = {
		title,
		...(detail ? { detail } : {}),
		...(list === 'resources' && input.resourceType ? { resourceType: input.resourceType } : {}),
		tags,
		owner,
		dueOn: input.dueOn,
		goodDeed: input.goodDeed,
		evidence
	};
	return result(problems, () => {
		if (prev) {
			// Detail and resource type may be cleared: the previous ones do not stay behind.
			const kept: ListItem = { ...prev };
			delete kept.detail;
			delete kept.resourceType;
			return { ...kept, ...content, trail: trail ?? prev.trail, by: writer.by, updatedAt: at };
		}
		const { pair, year, side } = place;
		return withChannels('ledger', {
			id: listItemId(pair.branchId, year, place.suffix),
			kind: 'list-item',
			branchId: pair.branchId,
			communityId: pair.communityId,
			orgId: pair.orgId,
			year,
			list,
			...content,
			state: 'planned',
			serviceItemIds: [],
			recordIds: [],
			side,
			trail: [{ at, by: writer.by, change: 'created' }],
			by: writer.by,
			updatedAt: at,
			channels: []
		});
	});
}

const NEXT_STATES: Record<ItemState, readonly ItemState[]> = {
	planned: ['in-progress', 'done', 'dropped'],
	'in-progress': ['done', 'dropped'],
	done: [],
	dropped: []
};

/** Where an item may go from its state: done and dropped are where it ends. */
export function nextStates(state: ItemState): readonly ItemState[] {
	return NEXT_STATES[state];
}

/**
 * The item moved on — started, done on a day (not after today), or dropped — with the change
 * and its note in the trail.
 */
export function itemStateDraft(
	prev: ListItem,
	state: ItemState,
	input: { doneOn?: string; note?: string },
	writer: Writer
): DraftResult<ListItem> {
	const note = input.note?.trim() ?? '';
	const doneOn = input.doneOn ?? '';
	const at = writer.now.toISOString();
	const trail = withEntry(prev, {
		at,
		by: writer.by,
		change: 'state',
		state,
		...(note ? { note } : {})
	});
	const done = state === 'done';
	const problems: LedgerProblem[] = [
		...(nextStates(prev.state).includes(state) ? [] : (['state-change'] as const)),
		...(done && !isCalendarDay(doneOn) ? (['doneOn-missing'] as const) : []),
		...(done && isCalendarDay(doneOn) && doneOn > shanghaiToday(writer.now)
			? (['doneOn-future'] as const)
			: []),
		...(note.length > MAX_NOTE ? (['note-too-long'] as const) : []),
		...(trail ? [] : (['trail-full'] as const))
	];
	return result(problems, () => {
		const next: ListItem = { ...prev, state, by: writer.by, updatedAt: at, trail: trail ?? [] };
		if (done) next.doneOn = doneOn;
		else delete next.doneOn;
		return next;
	});
}

/** The marketplace items and service records that delivered the item (R4, R19). */
export function itemLinksDraft(
	prev: ListItem,
	links: { serviceItemIds: readonly string[]; recordIds: readonly string[] },
	writer: Writer
): DraftResult<ListItem> {
	const serviceItemIds = [...new Set(links.serviceItemIds)];
	const recordIds = [...new Set(links.recordIds)];
	const at = writer.now.toISOString();
	const trail = withEntry(prev, { at, by: writer.by, change: 'changed' });
	const problems: LedgerProblem[] = [
		...(serviceItemIds.length > MAX_SERVICE_ITEMS || recordIds.length > MAX_RECORDS
			? (['links-too-many'] as const)
			: []),
		...(trail ? [] : (['trail-full'] as const))
	];
	return result(problems, () => ({
		...prev,
		serviceItemIds,
		recordIds,
		trail: trail ?? prev.trail,
		by: writer.by,
		updatedAt: at
	}));
}
