import { describe, expect, it } from 'vitest';
import { checkWrite, relatedKey } from '../../domain/access/write-policy';
import type { Actor } from '../../domain/access/roles';
import { shanghaiYear } from '../../domain/calendar/shanghai-calendar';
import { isActivity, type Activity } from '../../domain/events/activities';
import { agreementState } from '../../domain/ledger/agreement-state';
import {
	isAgreement,
	isCommitteeSeat,
	isListItem,
	isMinutes,
	type LedgerDoc
} from '../../domain/ledger/ledger-docs';
import { ITEM_STATES, LEDGER_LISTS } from '../../domain/ledger/list-items';
import { agreementsDueNotice } from '../../domain/messages/agreement-notices';
import { kindOf, type Member, type Org } from '../../domain/registry';
import { sniffFileType } from '../../domain/files/file-rules';
import { sha256Hex } from '../evidence-files';
import { buildDemoData, type DemoAccount } from './demo-data';
import { demoLedger } from './demo-ledger';
import { seededRandom } from './seeded-random';

const now = new Date('2026-11-20T04:00:00.000Z');
const data = buildDemoData(now);
const year = shanghaiYear(now);
const ledger = data.docs.ledger as unknown as LedgerDoc[];
const branches = data.docs.directory.filter((doc) => doc['kind'] === 'branch') as unknown as Org[];

function actorOf(username: string): Actor {
	const a = data.accounts.find((x) => x.username === username) as DemoAccount;
	expect(a, username).toBeDefined();
	return {
		username: a.username,
		...(a.memberId ? { memberId: a.memberId } : {}),
		...(a.branchId ? { branchId: a.branchId } : {}),
		...(a.orgId ? { orgId: a.orgId } : {}),
		roles: a.roles
	};
}

/** What the gateway loads for a ledger document's policy: the branch, a decision's minutes. */
function relatedOf(doc: LedgerDoc) {
	const related = new Map<string, Record<string, unknown>>();
	for (const ref of kindOf('ledger', doc)?.relatedOf?.(doc as never) ?? []) {
		// A branch in the directory, or the minutes of a decision (their last version).
		const pool: { id: string }[] = ref.collection === 'ledger' ? ledger : data.docs.directory;
		const found = pool.find((d) => d.id === ref.id);
		if (found) related.set(relatedKey(ref), found);
	}
	return related;
}

/** The demo's ledger as demo-data.ts builds it, with the writes that made it. */
const members = data.docs.members as unknown as Member[];
const built = demoLedger(
	branches.map((branch) => {
		const secretary = members.find((m) => m.id === branch.secretaryMemberId) as Member;
		const account = data.accounts.find((a) => a.memberId === secretary.id) as DemoAccount;
		const communityId = branch.linkedCommunityId ?? '';
		return {
			branchId: branch.id,
			communityId,
			orgId: branch.parentId ?? '',
			secretary: { username: account.username, memberId: secretary.id, name: secretary.name },
			staff: `community${communityId.slice(2)}`
		};
	}),
	members,
	seededRandom(0x5eed_2018),
	now
);

describe('demo ledger', () => {
	it('is made of writes its writers may make, each from the one before', () => {
		expect(built.ledger).toEqual(data.docs.ledger);
		expect(built.writes.length).toBeGreaterThan(branches.length * 20);
		for (const { username, prev, next } of built.writes) {
			const verdict = checkWrite({
				collection: 'ledger',
				actor: actorOf(username),
				prev: prev as never,
				next: next as never,
				deleting: false,
				subject: null,
				related: relatedOf(next),
				relatedComplete: true,
				now
			});
			expect(verdict, `${next.id} by ${username}`).toEqual({ ok: true });
		}
	});

	it('stores the last version of each written document, with its channels', () => {
		const ids = ledger.map((doc) => doc.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const doc of ledger) {
			expect(doc.channels.length, doc.id).toBeGreaterThan(0);
			expect(kindOf('ledger', doc), doc.id).toBeDefined();
		}
	});

	it('gives every branch a signed agreement, branch 1 one ending within 30 days', () => {
		for (const branch of branches) {
			const [agreement, ...more] = ledger
				.filter(isAgreement)
				.filter((a) => a.branchId === branch.id);
			expect(more).toEqual([]);
			expect(agreement?.communityId).toBe(branch.linkedCommunityId);
			expect(agreementState(agreement!, now), branch.id).toBe(
				branch.id === 'br1' ? 'expiring' : 'signed'
			);
		}
		const linked = (id: string) => branches.find((b) => b.id === id)?.linkedCommunityId ?? null;
		expect(
			agreementsDueNotice(ledger.filter(isAgreement), linked, now).map((a) => a.branchId)
		).toEqual(['br1']);
		expect(ledger.filter(isCommitteeSeat).map((s) => s.branchId)).toEqual(['br1', 'br2', 'br3']);
	});

	it('cites a real PDF scan, kept for the files store', () => {
		const [file] = data.files;
		expect(data.files).toHaveLength(1);
		expect(sniffFileType(file!.bytes)).toBe('application/pdf');
		expect(sha256Hex(file!.bytes)).toBe(file!.hash);
		for (const agreement of ledger.filter(isAgreement)) expect(agreement.file).toBe(file!.hash);
	});

	it('fills every list of every pair with an item in every state, and two good deeds done', () => {
		for (const branch of branches) {
			const items = ledger.filter(isListItem).filter((i) => i.branchId === branch.id);
			for (const list of LEDGER_LISTS) {
				const states = new Set(items.filter((i) => i.list === list).map((i) => i.state));
				expect([...states].sort(), `${branch.id} ${list}`).toEqual([...ITEM_STATES].sort());
			}
			const deeds = items.filter((i) => i.goodDeed);
			expect(
				deeds.filter((i) => i.state === 'done'),
				branch.id
			).toHaveLength(2);
			for (const item of items) {
				expect(item.year).toBe(year);
				expect(item.trail.at(-1)?.state ?? 'planned', item.id).toBe(item.state);
				expect(Date.parse(item.updatedAt)).toBeLessThan(now.getTime());
			}
		}
	});

	// The meetings' activities, keys and check-ins go through their policies in demo-data.test.ts.
	it('holds one minuted joint meeting per pair whose decisions became list items', () => {
		const activities = data.docs.activities.filter((doc) =>
			isActivity(doc)
		) as unknown as Activity[];
		for (const branch of branches) {
			const meetings = activities.filter(
				(a) => a.type === 'joint-meeting' && a.hostBranchId === branch.id
			);
			expect(meetings, branch.id).toHaveLength(1);
			const meeting = meetings[0]!;
			expect(Date.parse(meeting.endsAt)).toBeLessThan(now.getTime());
			const minutes = ledger.filter(isMinutes).find((m) => m.activityId === meeting.id);
			expect(minutes?.text).toBeTruthy();
			expect(minutes?.decisions.length).toBeGreaterThan(0);
			const items = ledger
				.filter(isListItem)
				.filter((i) => i.fromMinutes?.minutesId === minutes?.id);
			expect(items.map((i) => [i.title, i.owner, i.dueOn])).toEqual(
				minutes?.decisions.map((d) => [d.text, d.owner, d.dueOn])
			);
		}
	});
});
