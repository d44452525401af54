import { describe, expect, it } from 'vitest';
import { allocate, movesOf, type Placement } from './allocation';
import { WAITLIST_MAX } from './item-tallies';
import { claimReceiptId, type ClaimReceipt } from './claim-receipts';
import { claimId, type Claim } from './claim-record';
import type { ServiceItem } from './service-items';

const ITEM = 'it-a1';
const T0 = Date.parse('2026-06-01T01:00:00.000Z');

type Item = Pick<ServiceItem, 'state' | 'places' | 'shifts'>;
const item = (overrides: Partial<Item> = {}): Item => ({ state: 'open', places: 2, ...overrides });

function claim(memberId: string, overrides: Partial<Claim> = {}): Claim {
	return {
		id: claimId(ITEM, memberId),
		kind: 'claim',
		itemId: ITEM,
		itemKind: 'project',
		communityId: 'cm1',
		memberId,
		memberName: memberId,
		branchId: 'br1',
		orgId: 'org-a',
		claimedAt: new Date(T0).toISOString(),
		state: 'claimed',
		updatedAt: new Date(T0).toISOString(),
		channels: [],
		...overrides
	};
}

/** The server received `c` `seconds` after T0. */
function receipt(c: Claim, seconds: number): ClaimReceipt {
	return {
		id: claimReceiptId(c),
		kind: 'claim-receipt',
		claimId: c.id,
		itemId: ITEM,
		memberId: c.memberId,
		communityId: c.communityId,
		branchId: c.branchId,
		year: 2026,
		receivedAt: new Date(T0 + seconds * 1000).toISOString(),
		channels: []
	};
}

/** Claims of members m1…mN, received one second apart in that order. */
function line(n: number, overrides: Partial<Claim> = {}) {
	const claims = Array.from({ length: n }, (_, i) => claim(`m${i + 1}`, overrides));
	return { claims, receipts: claims.map((c, i) => receipt(c, i)) };
}

const of = (memberId: string) => claimId(ITEM, memberId);
const standings = (placements: Map<string, Placement>) =>
	Object.fromEntries([...placements].map(([id, p]) => [id.slice(`cl.${ITEM}.`.length), p]));

describe('allocate', () => {
	it('gives the places to the claims received first and puts the rest on the waiting list', () => {
		const { claims, receipts } = line(4);
		const result = allocate(item(), claims, receipts);
		expect(standings(result.placements)).toEqual({
			m1: { standing: 'holding' },
			m2: { standing: 'holding' },
			m3: { standing: 'waiting', position: 1 },
			m4: { standing: 'waiting', position: 2 }
		});
		expect(result.tallies).toEqual([{ shift: 0, held: 2, waiting: 2 }]);
	});

	it('orders by the time the server received a claim, not the time it was made', () => {
		const late = claim('m1', { claimedAt: new Date(T0 - 3_600_000).toISOString() });
		const early = claim('m2');
		const result = allocate(
			item({ places: 1 }),
			[late, early],
			[receipt(late, 10), receipt(early, 5)]
		);
		expect(result.placements.get(early.id)).toEqual({ standing: 'holding' });
		expect(result.placements.get(late.id)).toEqual({ standing: 'waiting', position: 1 });
	});

	it('breaks a tie of receipt times by claim id', () => {
		const b = claim('mb');
		const a = claim('ma');
		const result = allocate(item({ places: 1 }), [b, a], [receipt(b, 0), receipt(a, 0)]);
		expect(result.placements.get(a.id)).toEqual({ standing: 'holding' });
		expect(result.placements.get(b.id)).toEqual({ standing: 'waiting', position: 1 });
	});

	it('leaves a claim the server has no receipt of unplaced, taking no one’s place', () => {
		const { claims, receipts } = line(3);
		const result = allocate(item(), claims, receipts.slice(1));
		expect(result.placements.has(of('m1'))).toBe(false);
		expect(result.placements.get(of('m2'))).toEqual({ standing: 'holding' });
		expect(result.placements.get(of('m3'))).toEqual({ standing: 'holding' });
		expect(result.tallies).toEqual([{ shift: 0, held: 2, waiting: 0 }]);
	});

	it('gives a cancelled claim’s place to the first waiting', () => {
		const { claims, receipts } = line(4);
		claims[0] = { ...claims[0]!, state: 'cancelled' };
		const result = allocate(item(), claims, receipts);
		expect(standings(result.placements)).toEqual({
			m1: { standing: 'released' },
			m2: { standing: 'holding' },
			m3: { standing: 'holding' },
			m4: { standing: 'waiting', position: 1 }
		});
		expect(result.tallies).toEqual([{ shift: 0, held: 2, waiting: 1 }]);
	});

	it('keeps the place of a claim marked done', () => {
		const { claims, receipts } = line(3);
		claims[0] = { ...claims[0]!, state: 'done' };
		const result = allocate(item(), claims, receipts);
		expect(result.placements.get(of('m1'))).toEqual({ standing: 'holding' });
		expect(result.placements.get(of('m3'))).toEqual({ standing: 'waiting', position: 1 });
	});

	it('releases every claim of a cancelled item and keeps those of a closed one', () => {
		const { claims, receipts } = line(3);
		const cancelled = allocate(item({ state: 'cancelled' }), claims, receipts);
		expect([...cancelled.placements.values()]).toEqual([
			{ standing: 'released' },
			{ standing: 'released' },
			{ standing: 'released' }
		]);
		expect(cancelled.tallies).toEqual([{ shift: 0, held: 0, waiting: 0 }]);
		const closed = allocate(item({ state: 'closed' }), claims, receipts);
		expect(closed.tallies).toEqual([{ shift: 0, held: 2, waiting: 1 }]);
	});

	it('counts the places of a post per shift', () => {
		const shifts = [
			{ weekday: 6, start: '09:00', end: '11:00' },
			{ weekday: 7, start: '09:00', end: '11:00' }
		];
		const claims = [
			claim('m1', { itemKind: 'post', shift: 0 }),
			claim('m2', { itemKind: 'post', shift: 0 }),
			claim('m3', { itemKind: 'post', shift: 1 }),
			claim('m4', { itemKind: 'post', shift: 5 })
		];
		const result = allocate(
			item({ places: 1, shifts }),
			claims,
			claims.map((c, i) => receipt(c, i))
		);
		expect(standings(result.placements)).toEqual({
			m1: { standing: 'holding' },
			m2: { standing: 'waiting', position: 1 },
			m3: { standing: 'holding' },
			m4: { standing: 'released' }
		});
		expect(result.tallies).toEqual([
			{ shift: 0, held: 1, waiting: 1 },
			{ shift: 1, held: 1, waiting: 0 }
		]);
	});

	it(`keeps at most ${WAITLIST_MAX} waiting; any beyond are out of line until it shortens`, () => {
		const { claims, receipts } = line(2 + WAITLIST_MAX + 1);
		const full = allocate(item(), claims, receipts);
		const last = claims.at(-1)!;
		expect(full.placements.get(claims.at(-2)!.id)).toEqual({
			standing: 'waiting',
			position: WAITLIST_MAX
		});
		expect(full.placements.get(last.id)).toEqual({ standing: 'released' });
		expect(full.tallies).toEqual([{ shift: 0, held: 2, waiting: WAITLIST_MAX }]);

		claims[0] = { ...claims[0]!, state: 'cancelled' };
		const shorter = allocate(item(), claims, receipts);
		expect(shorter.placements.get(last.id)).toEqual({
			standing: 'waiting',
			position: WAITLIST_MAX
		});
	});
});

describe('movesOf', () => {
	it('tells the newly waiting their position, and the waiting who got a place', () => {
		const { claims, receipts } = line(3);
		const first = allocate(item(), claims, receipts).placements;
		expect(movesOf(new Map(), first)).toEqual([
			{ claimId: of('m3'), topic: 'waiting', position: 1 }
		]);

		claims[1] = { ...claims[1]!, state: 'cancelled' };
		const after = allocate(item(), claims, receipts).placements;
		expect(movesOf(first, after)).toEqual([{ claimId: of('m3'), topic: 'promoted' }]);
		expect(movesOf(after, after)).toEqual([]);
	});

	it('does not tell those moving up the waiting list', () => {
		const { claims, receipts } = line(4);
		const first = allocate(item(), claims, receipts).placements;
		claims[2] = { ...claims[2]!, state: 'cancelled' };
		const after = allocate(item(), claims, receipts).placements;
		expect(after.get(of('m4'))).toEqual({ standing: 'waiting', position: 1 });
		expect(movesOf(first, after)).toEqual([]);
	});

	it('tells a holder who lost the place to fewer places that they now wait', () => {
		const { claims, receipts } = line(2);
		const first = allocate(item(), claims, receipts).placements;
		const after = allocate(item({ places: 1 }), claims, receipts).placements;
		expect(movesOf(first, after)).toEqual([{ claimId: of('m2'), topic: 'waiting', position: 1 }]);
	});
});
