import { channel, inYear, normalizeChannels } from '../access/channels';
import { isSecretaryOf, isStaffOf, type Actor } from '../access/roles';
import { ACCEPT, reject, type Verdict } from '../access/write-verdict';
import { idRef, instant } from '../schema/ids';
import type { SubjectRef } from '../schema/subject-ref';

/**
 * The 共驻共建 ledger (R3–R7) belongs to a branch–community pair: a branch and the community the
 * office linked it to. Both sides and the branch's bureau read it; the branch's secretary and the
 * community's staff write it.
 */

/** Fields every ledger document carries: the branch–community pair it belongs to and its bureau. */
export interface LedgerPair {
	branchId: string;
	communityId: string;
	/** The branch's bureau (org id): the office of that bureau reads the ledger. */
	orgId: string;
}

/** Who wrote a document both sides of the pair write (a list item, minutes): fixed at creation. */
export type LedgerSide = 'branch' | 'community';
export const LEDGER_SIDES = ['branch', 'community'] as const;

/** The pair's channels: branch:<b>, community:<c>, bureau:<o>. */
export function pairChannels(pair: LedgerPair): string[] {
	return normalizeChannels([
		channel.branch(pair.branchId),
		channel.community(pair.communityId),
		channel.bureau(pair.orgId)
	]);
}

/** The pair's channels of one year (list items, minutes), so closed years leave devices. */
export function yearlyPairChannels(pair: LedgerPair, year: number): string[] {
	return normalizeChannels(pairChannels(pair).map((base) => inYear(base, year)));
}

/** The branch's directory entry, which says whether the pair is real. */
export function branchOf(pair: LedgerPair): SubjectRef {
	return { collection: 'directory', id: pair.branchId };
}

/**
 * Whether the branch is of the bureau and linked to the community, as the directory says. Checked
 * when a ledger document is created: one branch's secretary cannot open a ledger with a community
 * the office never linked it to. A device missing the branch (rare: the directory is public)
 * leaves the question to the gateway, which reads the whole store.
 */
export function checkPairIsReal(
	pair: LedgerPair,
	related: (ref: SubjectRef) => Record<string, unknown> | null,
	relatedComplete: boolean
): Verdict {
	const branch = related(branchOf(pair));
	if (!branch) return relatedComplete ? reject('subject-mismatch', 'branchId') : ACCEPT;
	if (branch['kind'] !== 'branch') return reject('subject-mismatch', 'branchId');
	if (branch['parentId'] !== pair.orgId) return reject('subject-mismatch', 'orgId');
	if (branch['linkedCommunityId'] !== pair.communityId) {
		return reject('subject-mismatch', 'communityId');
	}
	return ACCEPT;
}

/** Whether the actor writes for that side of the pair: the branch's secretary, the community's staff. */
export function writesForSide(actor: Actor, pair: LedgerPair, side: LedgerSide): boolean {
	return side === 'branch'
		? isSecretaryOf(actor, pair.branchId)
		: isStaffOf(actor, pair.communityId);
}

/** The side the actor writes for, branch first; null when neither. */
export function sideOf(actor: Actor, pair: LedgerPair): LedgerSide | null {
	return LEDGER_SIDES.find((side) => writesForSide(actor, pair, side)) ?? null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar day `YYYY-MM-DD` (the schema's pattern lets 31 February by). */
export function isCalendarDay(text: string): boolean {
	const match = DAY.exec(text);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
	const back = new Date(Date.UTC(year, month - 1, day));
	return (
		back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day
	);
}

/** The first of the named days that is given and no calendar day, as a refusal detail. */
export function badDay(days: Record<string, string | undefined>): string | null {
	const bad = Object.entries(days).find(([, day]) => day !== undefined && !isCalendarDay(day));
	return bad ? bad[0] : null;
}

/** The ledger's fields no writer ever changes: the pair, and what a document is. */
export const PAIR_FIELDS = ['branchId', 'communityId', 'orgId', 'kind'] as const;

/*
 * Schema fragments the ledger kinds share: a merged collection schema refuses a property two
 * kinds define differently (merged-schema.ts), so every kind takes these, not its own copies.
 */

/** A Shanghai calendar day, `YYYY-MM-DD`. */
export const dayField = {
	type: 'string',
	pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
	maxLength: 10
} as const;

export const pairProperties = { branchId: idRef, communityId: idRef, orgId: idRef } as const;

/** The username of the last writer. */
export const writerField = { type: 'string', minLength: 1, maxLength: 64 } as const;

export const updatedAtField = instant;

/** A title of an agreement or a list item: as a decision's text, which becomes an item's title. */
export const titleField = { type: 'string', minLength: 1, maxLength: 100 } as const;

export const sha256Field = { type: 'string', pattern: '^[0-9a-f]{64}$', maxLength: 64 } as const;

/** The most evidence files a list item cites; a committee seat cites fewer (its policy says). */
export const MAX_LEDGER_EVIDENCE = 6;
export const evidenceField = {
	type: 'array',
	items: sha256Field,
	maxItems: MAX_LEDGER_EVIDENCE
} as const;

export const sideField = { type: 'string', enum: [...LEDGER_SIDES] } as const;

/** A person named in the ledger (owner, signatory, seat holder): a name, perhaps with a post. */
export const personField = { type: 'string', minLength: 1, maxLength: 40 } as const;
