/**
 * Ledger documents of the pair br1 (org-a) – cm2, the pair of the test actors: secretary1 leads br1,
 * community2 is staff of cm2, office1 is org-a's office (test fixtures; only `*.test.ts` files
 * import this). Now is 1 June 2026 in Shanghai.
 */
import { checkWrite, relatedKey, withChannels } from '../lib/domain/access/write-policy';
import type { Actor } from '../lib/domain/access/roles';
import type { Verdict } from '../lib/domain/access/write-verdict';
import type { Org } from '../lib/domain/directory/orgs';
import { agreementId, type Agreement } from '../lib/domain/ledger/agreements';
import { seatId, type CommitteeSeat } from '../lib/domain/ledger/committee-seats';
import type { LedgerDoc } from '../lib/domain/ledger/ledger-docs';
import type { LedgerPair } from '../lib/domain/ledger/ledger-pair';
import { listItemId, type ListItem } from '../lib/domain/ledger/list-items';
import { minutesId, type Minutes } from '../lib/domain/ledger/minutes';
import type { AnyDoc } from '../lib/domain/registry';

export const LEDGER_NOW = new Date('2026-06-01T04:00:00Z');
const at = LEDGER_NOW.toISOString();

export const PAIR: LedgerPair = { branchId: 'br1', communityId: 'cm2', orgId: 'org-a' };

export const BR1: Org = {
	id: 'br1',
	kind: 'branch',
	name: '第一党支部',
	parentId: 'org-a',
	linkedCommunityId: 'cm2',
	updatedAt: at,
	channels: ['public']
};

export const FILE = 'a'.repeat(64);

export function agreement(overrides: Partial<Agreement> = {}): Agreement {
	const startsOn = overrides.startsOn ?? '2026-01-01';
	return withChannels('ledger', {
		id: agreementId(overrides.branchId ?? PAIR.branchId, PAIR.communityId, startsOn),
		kind: 'agreement',
		...PAIR,
		title: '共驻共治共建协议书',
		startsOn,
		endsOn: '2027-12-31',
		content: '围绕四张清单开展共驻共建。',
		branchSignatory: '王芳（支部书记）',
		communitySignatory: '马丽（社区书记）',
		by: 'secretary1',
		updatedAt: at,
		channels: [],
		...overrides
	});
}

export function seat(overrides: Partial<CommitteeSeat> = {}): CommitteeSeat {
	return withChannels('ledger', {
		id: seatId(PAIR.branchId, PAIR.communityId),
		kind: 'committee-seat',
		...PAIR,
		memberId: 'm121',
		memberName: '王芳',
		post: '社区党组织兼职委员',
		since: '2026-02-01',
		evidence: [FILE],
		by: 'secretary1',
		updatedAt: at,
		channels: [],
		...overrides
	});
}

export function item(overrides: Partial<ListItem> = {}): ListItem {
	const by = overrides.by ?? 'secretary1';
	return withChannels('ledger', {
		id: listItemId(PAIR.branchId, 2026, 'k1'),
		kind: 'list-item',
		...PAIR,
		year: 2026,
		list: 'needs',
		title: '楼道照明维修',
		tags: ['repair'],
		owner: '王芳',
		dueOn: '2026-09-30',
		state: 'planned',
		goodDeed: false,
		evidence: [],
		serviceItemIds: [],
		recordIds: [],
		side: 'branch',
		trail: [{ at, by, change: 'created' }],
		by,
		updatedAt: at,
		channels: [],
		...overrides
	});
}

export function meetingMinutes(overrides: Partial<Minutes> = {}): Minutes {
	return withChannels('ledger', {
		id: minutesId('act-j1'),
		kind: 'minutes',
		...PAIR,
		activityId: 'act-j1',
		year: 2026,
		heldOn: '2026-05-20',
		agenda: '研究夏季服务安排',
		invitedUnits: ['社区物业服务中心'],
		attendees: [{ name: '马丽', unit: '社区党组织' }],
		decisions: [{ text: '完成楼道照明排查', owner: '王芳', dueOn: '2026-07-31', list: 'needs' }],
		side: 'branch',
		by: 'secretary1',
		updatedAt: at,
		channels: [],
		...overrides
	});
}

/** The documents a policy reads, as the gateway holds them: br1 and whatever else is given. */
export function relatedDocs(...docs: (LedgerDoc | Org)[]) {
	const all: (LedgerDoc | Org)[] = [BR1, ...docs];
	return new Map(
		all.map((doc) => [
			relatedKey({ collection: doc.kind === 'branch' ? 'directory' : 'ledger', id: doc.id }),
			doc as unknown as Record<string, unknown>
		])
	);
}

/** `checkWrite` of a ledger document, as the gateway runs it (complete store) unless told. */
export function pushLedger(
	actor: Actor,
	next: LedgerDoc,
	options: {
		prev?: LedgerDoc | null;
		deleting?: boolean;
		related?: Map<string, Record<string, unknown>>;
		relatedComplete?: boolean;
	} = {}
): Verdict {
	return checkWrite({
		collection: 'ledger',
		actor,
		prev: (options.prev ?? null) as AnyDoc | null,
		next: next as unknown as AnyDoc,
		deleting: options.deleting ?? false,
		subject: null,
		related: options.related ?? relatedDocs(),
		relatedComplete: options.relatedComplete ?? true,
		now: LEDGER_NOW
	});
}
