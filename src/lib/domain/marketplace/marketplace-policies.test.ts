import { describe, expect, it } from 'vitest';
import { checkWrite, relatedKey, type WriteAttempt } from '../access/write-policy';
import type { Actor } from '../access/roles';
import type { AnyDoc, CollectionName } from '../registry';
import { otherStaff, owner, secretary, staff } from '../../../test-data/test-actors';
import {
	aClaim,
	aDecision,
	AFTER_START,
	anItem,
	aStanding,
	aTally,
	aWish,
	done,
	NOW
} from '../../../test-data/marketplace-fixtures';
import { markedDone } from './claim-lifecycle';
import { WAITLIST_MAX } from './item-tallies';
import { claimReceiptId } from './claim-receipts';
import { claims } from './claims';
import { residentId, type Resident } from './residents';
import { itemChannels, serviceItems, type ServiceItem } from './service-items';
import { channel } from '../access/channels';

const branch = {
	id: 'br1',
	kind: 'branch',
	name: '第一支部',
	parentId: 'org-a',
	linkedCommunityId: 'cm2'
};

interface Attempt {
	actor: Actor;
	next: object;
	prev?: object | null;
	deleting?: boolean;
	subject?: object | null;
	related?: object[];
	relatedComplete?: boolean;
	now?: Date;
}

function verdict(collection: CollectionName, attempt: Attempt) {
	const related = new Map<string, Record<string, unknown>>();
	for (const doc of attempt.related ?? []) {
		const id = (doc as { id: string }).id;
		const at = 'tallies' in doc ? 'activities' : 'attendance';
		related.set(relatedKey({ collection: at, id }), doc as Record<string, unknown>);
	}
	const write: WriteAttempt = {
		collection,
		actor: attempt.actor,
		prev: (attempt.prev ?? null) as AnyDoc | null,
		next: attempt.next as AnyDoc,
		deleting: attempt.deleting ?? false,
		subject: (attempt.subject ?? null) as Record<string, unknown> | null,
		related,
		relatedComplete: attempt.relatedComplete ?? true,
		now: attempt.now ?? NOW
	};
	return checkWrite(write);
}

const refused = (reason: string, detail?: string) =>
	detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };

describe('publishing a service item', () => {
	const item = anItem();

	it('is for the staff of its community', () => {
		expect(verdict('activities', { actor: staff, next: item })).toEqual({ ok: true });
		expect(verdict('activities', { actor: otherStaff, next: item })).toEqual(refused('forbidden'));
		expect(verdict('activities', { actor: owner, next: item })).toEqual(refused('forbidden'));
	});

	it("is for a branch secretary only in the branch's linked community", () => {
		const ofBranch = anItem({ branchId: 'br1', createdBy: 'secretary1' });
		expect(verdict('activities', { actor: secretary, next: ofBranch, subject: branch })).toEqual({
			ok: true
		});
		const elsewhere = anItem({ branchId: 'br1', communityId: 'cm1', createdBy: 'secretary1' });
		expect(verdict('activities', { actor: secretary, next: elsewhere, subject: branch })).toEqual(
			refused('subject-mismatch', 'communityId')
		);
		expect(verdict('activities', { actor: secretary, next: ofBranch, subject: null })).toEqual(
			refused('subject-mismatch', 'communityId')
		);
	});

	it('reaches the community’s staff and the members who report to it, in its year', () => {
		expect(itemChannels(item)).toEqual([
			`${channel.communityMembers('cm2')}/2026`,
			`${channel.community('cm2')}/2026`
		]);
		expect(
			verdict('activities', { actor: staff, next: { ...item, channels: ['public'] } })
		).toEqual(refused('channels'));
	});

	it('is edited, closed and cancelled, never deleted, and cancelled stays so', () => {
		const closed = { ...item, state: 'closed' };
		expect(verdict('activities', { actor: staff, prev: item, next: closed })).toEqual({ ok: true });
		expect(verdict('activities', { actor: staff, prev: item, next: item, deleting: true })).toEqual(
			refused('append-only', 'cancel instead')
		);
		const cancelled = { ...item, state: 'cancelled' } as ServiceItem;
		expect(verdict('activities', { actor: staff, prev: cancelled, next: item })).toEqual(
			refused('forbidden', 'item-cancelled')
		);
	});

	it('keeps its kind, community, publisher and creation fixed', () => {
		for (const [field, value] of [
			['kind', 'need'],
			['createdBy', 'someone'],
			['createdAt', '2026-05-21T02:00:00.000Z']
		] as const) {
			const next = { ...item, [field]: value };
			expect(verdict('activities', { actor: staff, prev: item, next }), field).toEqual(
				refused('immutable-field', field)
			);
		}
		const moved = anItem({ branchId: 'br1' });
		expect(verdict('activities', { actor: staff, prev: item, next: moved })).toEqual(
			refused('immutable-field', 'branchId')
		);
	});

	it('refuses fields that do not fit its kind', () => {
		const cases: [Partial<ServiceItem>, string][] = [
			[{ endsAt: '2026-06-04T00:00:00.000Z' }, 'endsAt'],
			[{ shifts: [{ weekday: 6, start: '09:00', end: '11:00' }] }, 'shifts'],
			[{ urgency: 'urgent' }, 'category'],
			[{ budgetYuan: 50 }, 'photo']
		];
		for (const [change, detail] of cases) {
			expect(verdict('activities', { actor: staff, next: anItem(change) }), detail).toEqual(
				refused('invalid', detail)
			);
		}
		const backwards = anItem({
			kind: 'post',
			endsAt: undefined,
			shifts: [{ weekday: 6, start: '11:00', end: '09:00' }]
		});
		expect(verdict('activities', { actor: staff, next: backwards })).toEqual(
			refused('invalid', 'shifts')
		);
		expect(verdict('activities', { actor: staff, next: aWish() })).toEqual({ ok: true });
		expect(verdict('activities', { actor: staff, next: aWish({ endsAt: undefined }) })).toEqual(
			refused('invalid', 'endsAt')
		);
	});

	it('refuses an unbounded text and an id of another shape', () => {
		expect(
			verdict('activities', { actor: staff, next: anItem({ description: '长'.repeat(2001) }) })
		).toMatchObject({ ok: false, reason: 'invalid' });
		expect(verdict('activities', { actor: staff, next: anItem({ id: 'act1' }) })).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
	});

	it('names its micro-wish picture among its files', () => {
		expect(serviceItems.filesOf?.(aWish())).toEqual(['a'.repeat(64)]);
		expect(serviceItems.filesOf?.(item)).toEqual([]);
	});
});

describe('claiming an item', () => {
	const item = anItem();
	const claim = aClaim(item);

	it('is for the member themself, of an item they can see, not started and not full', () => {
		expect(verdict('attendance', { actor: owner, next: claim, subject: item })).toEqual({
			ok: true
		});
		const tally = aTally(item, [{ shift: 0, held: 2, waiting: WAITLIST_MAX }]);
		expect(
			verdict('attendance', { actor: owner, next: claim, subject: item, related: [tally] })
		).toEqual(refused('forbidden', 'full'));
	});

	it('refuses a closed, cancelled or started item, and one the member cannot see', () => {
		for (const [state, detail] of [
			['closed', 'item-closed'],
			['cancelled', 'item-cancelled']
		] as const) {
			expect(
				verdict('attendance', { actor: owner, next: claim, subject: anItem({ state }) })
			).toEqual(refused('forbidden', detail));
		}
		expect(
			verdict('attendance', { actor: owner, next: claim, subject: item, now: AFTER_START })
		).toEqual(refused('forbidden', 'started'));
		expect(verdict('attendance', { actor: owner, next: claim, subject: null })).toEqual(
			refused('subject-mismatch', 'itemId')
		);
	});

	it("is never made for someone else, nor copies another item's kind or community", () => {
		const other = { ...aClaim(item, { memberId: 'm002' }) };
		expect(verdict('attendance', { actor: owner, next: other, subject: item })).toEqual(
			refused('invalid', 'id')
		);
		const asStaff = { actor: staff, next: claim, subject: item };
		expect(verdict('attendance', asStaff)).toEqual(refused('not-owner'));
		expect(
			verdict('attendance', {
				actor: owner,
				next: aClaim(item, { itemKind: 'need' }),
				subject: item
			})
		).toEqual(refused('subject-mismatch', 'itemKind'));
	});

	it('refuses a second claim of the same item by the same member', () => {
		const again = aClaim(item, { claimedAt: '2026-06-01T03:30:00.000Z' });
		expect(
			verdict('attendance', { actor: owner, prev: claim, next: again, subject: item })
		).toEqual(refused('forbidden', 'already-claimed'));
		const cancelled = aClaim(item, { state: 'cancelled', cancelledAt: NOW.toISOString() });
		expect(
			verdict('attendance', { actor: owner, prev: cancelled, next: claim, subject: item })
		).toEqual(refused('forbidden', 'claim-final'));
	});

	it('is cancelled, never deleted', () => {
		const cancelled = { ...claim, state: 'cancelled', cancelledAt: NOW.toISOString() };
		expect(
			verdict('attendance', { actor: owner, prev: claim, next: cancelled, subject: item })
		).toEqual({ ok: true });
		expect(
			verdict('attendance', {
				actor: owner,
				prev: claim,
				next: cancelled,
				subject: item,
				now: AFTER_START
			})
		).toEqual(refused('forbidden', 'started'));
		expect(
			verdict('attendance', {
				actor: owner,
				prev: claim,
				next: claim,
				subject: item,
				deleting: true
			})
		).toEqual(refused('append-only', 'cancel instead'));
	});

	it('keeps whose claim of what it is', () => {
		const renamed = { ...claim, memberName: '李四' };
		expect(
			verdict('attendance', { actor: owner, prev: claim, next: renamed, subject: item })
		).toEqual(refused('immutable-field', 'memberName'));
	});

	it('leaves the server a receipt of when it first accepted it', () => {
		const [receipt] = claims.serverNotesOf?.(claim, null, NOW) ?? [];
		expect(receipt).toMatchObject({
			id: claimReceiptId(claim),
			kind: 'claim-receipt',
			receivedAt: NOW.toISOString(),
			channels: claim.channels
		});
		expect(claims.serverNotesOf?.(claim, claim, NOW)).toEqual([]);
	});
});

describe('marking a claim done', () => {
	const item = anItem();
	const claim = aClaim(item);
	const holding = aStanding(claim, 'holding');
	const marked = markedDone(claim, done(), AFTER_START);
	const attempt = (extra: Partial<Attempt>): Attempt => ({
		actor: owner,
		prev: claim,
		next: marked,
		subject: item,
		related: [holding],
		now: AFTER_START,
		...extra
	});

	it('is accepted after the item started, for a claim holding a place', () => {
		expect(verdict('attendance', attempt({}))).toEqual({ ok: true });
		expect(claims.filesOf?.(marked)).toEqual(done().photos);
	});

	it('is refused before it starts, and for a claim not holding a place', () => {
		const beforeStart = markedDone(claim, done(NOW.toISOString()), NOW);
		expect(verdict('attendance', attempt({ next: beforeStart, now: NOW }))).toEqual(
			refused('forbidden', 'not-started')
		);
		expect(verdict('attendance', attempt({ now: NOW }))).toEqual(refused('invalid', 'clock ahead'));
		const early = markedDone(claim, done('2026-06-04T00:00:00.000Z'), AFTER_START);
		expect(verdict('attendance', attempt({ next: early }))).toEqual(
			refused('forbidden', 'not-started')
		);
		expect(verdict('attendance', attempt({ related: [aStanding(claim, 'waiting', 1)] }))).toEqual(
			refused('forbidden', 'not-holding')
		);
		expect(verdict('attendance', attempt({ related: [] }))).toEqual(
			refused('forbidden', 'not-holding')
		);
		// Nor on the member's device, which holds the standing once the server has placed the claim.
		expect(verdict('attendance', attempt({ related: [], relatedComplete: false }))).toEqual(
			refused('forbidden', 'not-holding')
		);
	});

	it('takes more than three photos or a day of minutes for bad input', () => {
		const many = {
			...marked,
			done: { ...done(), photos: ['b', 'c', 'd', 'e'].map((c) => c.repeat(64)) }
		};
		expect(verdict('attendance', attempt({ next: many }))).toMatchObject({ reason: 'invalid' });
	});

	it('is marked again only after a return, and never after a confirmation', () => {
		const again = markedDone(marked, done('2026-06-06T03:00:00.000Z'), AFTER_START);
		const later = new Date('2026-06-07T00:00:00.000Z');
		const withDecision = (decision: object) =>
			attempt({ prev: marked, next: again, related: [holding, decision], now: later });
		expect(verdict('attendance', withDecision(aDecision(marked, 'returned')))).toEqual({
			ok: true
		});
		expect(verdict('attendance', withDecision(aDecision(marked, 'confirmed')))).toEqual(
			refused('forbidden', 'claim-final')
		);
		expect(verdict('attendance', attempt({ prev: marked, next: again, now: later }))).toEqual(
			refused('forbidden', 'awaiting-decision')
		);
	});
});

describe("the community's decision on a claim", () => {
	const item = anItem();
	const marked = aClaim(item, { state: 'done', done: done() });
	const confirmed = aDecision(marked, 'confirmed');

	it("is the staff's of the claim's community, on the version marked done", () => {
		expect(verdict('attendance', { actor: staff, next: confirmed, subject: marked })).toEqual({
			ok: true
		});
		const other = aDecision(marked, 'confirmed', { decidedBy: 'community1' });
		expect(verdict('attendance', { actor: otherStaff, next: other, subject: marked })).toEqual(
			refused('forbidden')
		);
		const stale = aDecision(marked, 'confirmed', {
			doneAt: '2026-06-05T06:00:00.000Z',
			id: `${marked.id}.decision.${Date.parse('2026-06-05T06:00:00.000Z')}`
		});
		expect(verdict('attendance', { actor: staff, next: stale, subject: marked })).toEqual(
			refused('subject-mismatch', 'doneAt')
		);
	});

	it('never decides your own claim, nor one not marked done', () => {
		const staffMember: Actor = { ...staff, memberId: 'm001' };
		expect(verdict('attendance', { actor: staffMember, next: confirmed, subject: marked })).toEqual(
			refused('forbidden', 'own-claim')
		);
		const claimed = aClaim(item);
		expect(verdict('attendance', { actor: staff, next: confirmed, subject: claimed })).toEqual(
			refused('forbidden', 'not-done')
		);
	});

	it('returns only with a reason, and is never changed or deleted', () => {
		const bare = aDecision(marked, 'returned', { reason: ' ' });
		expect(verdict('attendance', { actor: staff, next: bare, subject: marked })).toEqual(
			refused('invalid', 'reason')
		);
		const changed = { ...confirmed, decision: 'returned', reason: '照片看不清' };
		expect(
			verdict('attendance', { actor: staff, prev: confirmed, next: changed, subject: marked })
		).toEqual(refused('append-only'));
	});
});

describe("a resident's contact", () => {
	const wish = aWish();
	const resident: Resident = {
		id: residentId(wish.id),
		kind: 'resident',
		itemId: wish.id,
		communityId: 'cm2',
		name: '李奶奶',
		phone: '13900000001',
		updatedAt: NOW.toISOString(),
		channels: ['community:cm2']
	};

	it("is written by the community's staff for a need or micro-wish, and read by them only", () => {
		expect(verdict('contacts', { actor: staff, next: resident, subject: wish })).toEqual({
			ok: true
		});
		expect(verdict('contacts', { actor: otherStaff, next: resident, subject: wish })).toEqual(
			refused('forbidden')
		);
		expect(verdict('contacts', { actor: owner, next: resident, subject: wish })).toEqual(
			refused('forbidden')
		);
		expect(verdict('contacts', { actor: staff, next: resident, subject: anItem() })).toEqual(
			refused('subject-mismatch', 'itemKind')
		);
	});

	it('reaches the claimer only as the server’s share', () => {
		const share = { ...resident, id: 'cl.it-w1.m001.resident', kind: 'resident-share' };
		expect(verdict('contacts', { actor: owner, next: share })).toMatchObject({ ok: false });
	});
});

describe('server-owned kinds', () => {
	it('are refused from any device', () => {
		const item = anItem();
		const claim = aClaim(item);
		expect(verdict('activities', { actor: staff, next: aTally(item, []) })).toEqual(
			refused('server-owned')
		);
		expect(verdict('attendance', { actor: owner, next: aStanding(claim, 'holding') })).toEqual(
			refused('server-owned')
		);
		const receipt = claims.serverNotesOf?.(claim, null, NOW)[0] as object;
		expect(verdict('attendance', { actor: owner, next: receipt })).toEqual(refused('server-owned'));
	});
});
