import type { FileOwner } from '../domain/files/file-rules';
import type { Agreement } from '../domain/ledger/agreements';
import type { LedgerDoc } from '../domain/ledger/ledger-docs';
import {
	agreementDraft,
	itemLinksDraft,
	itemStateDraft,
	listItemDraft,
	newItemSuffix,
	seatDraft,
	signedAgreementDraft,
	tagsOf,
	type AgreementInput,
	type DraftResult,
	type LedgerProblem,
	type Writer
} from '../domain/ledger/ledger-drafts';
import type { LedgerPair, LedgerSide } from '../domain/ledger/ledger-pair';
import type { ItemState, LedgerList, ListItem, ResourceType } from '../domain/ledger/list-items';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { queueEvidence, type PreparedEvidence } from './evidence.svelte';
import { deleteChecked, writeChecked } from './local-write';
import type { WriteOutcome } from './write-outcome';

/** What a change of the ledger came to: problems to fix in the form first, or the write's outcome. */
export type LedgerOutcome = { kind: 'problems'; problems: LedgerProblem[] } | WriteOutcome;

/** Where a new list item goes: the pair's list of a year, written for the writer's side. */
export interface ItemTarget {
	pair: LedgerPair;
	year: number;
	side: LedgerSide;
	list: LedgerList;
}

/** Files a form keeps (hashes already cited) and those just picked, which wait to be uploaded. */
interface Files {
	kept: readonly string[];
	added: readonly PreparedEvidence[];
}

export type SeatForm = { memberName: string; post: string; since: string } & Files;

/** A list item's form: skills picked as vocabulary codes, other tags typed in one field. */
export type ItemForm = {
	title: string;
	detail: string;
	resourceType: ResourceType | '';
	owner: string;
	dueOn: string;
	goodDeed: boolean;
	skills: readonly string[];
	otherTags: string;
} & Files;

/** Where the ledger actions write: the signed-in device, or a test's stand-in. */
export interface LedgerWrites {
	/** The writer's username (`by`, the trail) and member id (the secretary's seat). */
	username(): string;
	memberId(): string | undefined;
	now(): Date;
	/** Writes a document on the device after the gateway's own checks. */
	write(doc: LedgerDoc): Promise<WriteOutcome>;
	/** Deletes a document on the device after the gateway's own checks. */
	remove(id: string): Promise<WriteOutcome>;
	/** Queues a file for upload beside the document citing it. */
	queue(file: PreparedEvidence, owner: FileOwner): Promise<void>;
}

const hashesOf = (files: Files) => [...files.kept, ...files.added.map((file) => file.hash)];

/**
 * What the branch's secretary and the community's staff do with their ledger: the agreement
 * and its signed scan, the committee seat, the four lists' items, their states and links. Each
 * is checked first (the problems say what to fix), then written on the device; new files wait in
 * the outbox until the document citing them is on the server. Call during component init.
 */
export function ledgerActions() {
	const device = signedInDevice();
	return ledgerActionsOn({
		username: () => device.actor.username,
		memberId: () => device.actor.memberId,
		now: currentTime,
		write: (doc) => device.write((db, actor) => writeChecked(db, 'ledger', actor, doc)),
		remove: (id) => device.write((db, actor) => deleteChecked(db, 'ledger', actor, id)),
		queue: queueEvidence
	});
}

export function ledgerActionsOn(writes: LedgerWrites) {
	async function written<T extends LedgerDoc>(
		draft: DraftResult<T>,
		added: readonly PreparedEvidence[] = []
	): Promise<LedgerOutcome> {
		if (!draft.ok) return { kind: 'problems', problems: draft.problems };
		const outcome = await writes.write(draft.doc);
		if (outcome.kind === 'saved') {
			for (const file of added)
				await writes.queue(file, { collection: 'ledger', docId: draft.doc.id });
		}
		return outcome;
	}
	const who = (): Writer => ({ by: writes.username(), now: writes.now() });

	return {
		saveAgreement: (pair: LedgerPair, prev: Agreement | null, form: AgreementInput) =>
			written(agreementDraft(form, pair, prev, who())),
		/** Marks the agreement signed on a day with its scan, which uploads once the agreement is stored. */
		signAgreement: (prev: Agreement, form: { signedOn: string; file: PreparedEvidence | null }) =>
			written(
				signedAgreementDraft(
					prev,
					{ signedOn: form.signedOn, file: form.file?.hash ?? null },
					who()
				),
				form.file ? [form.file] : []
			),
		saveSeat: (pair: LedgerPair, form: SeatForm) =>
			written(
				seatDraft(
					{
						memberId: writes.memberId() ?? '',
						memberName: form.memberName,
						post: form.post,
						since: form.since,
						evidence: hashesOf(form)
					},
					pair,
					who()
				),
				form.added
			),
		saveItem: (target: ItemTarget, prev: ListItem | null, form: ItemForm) =>
			written(
				listItemDraft(
					{
						list: target.list,
						title: form.title,
						detail: form.detail,
						...(form.resourceType ? { resourceType: form.resourceType } : {}),
						tags: [...form.skills, ...tagsOf(form.otherTags)],
						owner: form.owner,
						dueOn: form.dueOn,
						goodDeed: form.goodDeed,
						evidence: hashesOf(form)
					},
					prev,
					{ pair: target.pair, year: target.year, side: target.side, suffix: newItemSuffix() },
					who()
				),
				form.added
			),
		/** Moves the item on (done on a day, or dropped), with a note the trail keeps. */
		setItemState: (item: ListItem, state: ItemState, form: { doneOn: string; note: string }) =>
			written(
				itemStateDraft(
					item,
					state,
					{ ...(state === 'done' ? { doneOn: form.doneOn } : {}), note: form.note },
					who()
				)
			),
		setItemLinks: (item: ListItem, links: { serviceItemIds: string[]; recordIds: string[] }) =>
			written(itemLinksDraft(item, links, who())),
		/** Only a planned item goes (the policy says); anything begun is dropped instead. */
		deleteItem: (item: ListItem): Promise<WriteOutcome> => writes.remove(item.id)
	};
}
