import { describe, expect, it } from 'vitest';
import type { ClaimDecision } from './claim-decisions';
import type { Claim } from './claim-record';
import { awaitsDecision, deskCounts, deskEntries } from './desk-overview';
import type { ServiceItem } from './service-items';

const now = new Date('2026-05-20T00:00:00Z');

function item(id: string, overrides: Partial<ServiceItem> = {}): ServiceItem {
	return {
		id,
		kind: 'project',
		communityId: 'c-1',
		title: id,
		description: '',
		skills: [],
		fields: [],
		startsAt: '2026-05-01T00:00:00Z',
		places: 2,
		state: 'open',
		createdBy: 'community1',
		createdAt: '2026-05-18T00:00:00Z',
		updatedAt: '2026-05-18T00:00:00Z',
		channels: [],
		...overrides
	};
}

function claim(itemId: string, memberId: string, overrides: Partial<Claim> = {}): Claim {
	return {
		id: `cl.${itemId}.${memberId}`,
		kind: 'claim',
		itemId,
		itemKind: 'project',
		communityId: 'c-1',
		memberId,
		memberName: memberId,
		branchId: 'b-1',
		orgId: 'o-1',
		claimedAt: '2026-05-02T00:00:00Z',
		state: 'claimed',
		updatedAt: '2026-05-02T00:00:00Z',
		channels: [],
		...overrides
	};
}

const done = { at: '2026-05-03T00:00:00.000Z', minutes: 60, note: '', photos: [] };

function decision(c: Claim, doneAt: string): ClaimDecision {
	return {
		id: `${c.id}.decision.${Date.parse(doneAt)}`,
		kind: 'claim-decision',
		claimId: c.id,
		itemId: c.itemId,
		memberId: c.memberId,
		communityId: 'c-1',
		branchId: 'b-1',
		year: 2026,
		doneAt,
		decision: 'returned',
		reason: '缺照片',
		decidedBy: 'community1',
		decidedAt: doneAt,
		channels: []
	};
}

describe('awaitsDecision', () => {
	it('waits for a decision on the latest done, not on an earlier one', () => {
		const marked = claim('it-1', 'm-1', { state: 'done', done });
		expect(awaitsDecision(marked, [])).toBe(true);
		const decided = decision(marked, done.at);
		expect(awaitsDecision(marked, [decided])).toBe(false);
		const again = { ...marked, done: { ...done, at: '2026-05-04T00:00:00.000Z' } };
		expect(awaitsDecision(again, [decided])).toBe(true);
	});

	it('never waits on a claim not marked done', () => {
		expect(awaitsDecision(claim('it-1', 'm-1'), [])).toBe(false);
	});
});

describe('deskEntries', () => {
	it('puts items with claims to decide first, then needs waiting long, open, closed, cancelled', () => {
		const entries = deskEntries(
			[
				item('cancelled', { state: 'cancelled', createdAt: '2026-05-19T00:00:00Z' }),
				item('closed', { state: 'closed' }),
				item('open-old', { createdAt: '2026-05-01T00:00:00Z' }),
				item('open-new', { createdAt: '2026-05-19T00:00:00Z' }),
				item('need', { kind: 'need', createdAt: '2026-05-01T00:00:00Z' }),
				item('decide', { state: 'closed' })
			],
			[
				claim('decide', 'm-1', { state: 'done', done }),
				claim('decide', 'm-2', { state: 'cancelled' }),
				claim('open-old', 'm-3')
			],
			[],
			[],
			now
		);
		expect(entries.map((e) => e.item.id)).toEqual([
			'decide',
			'need',
			'open-new',
			'open-old',
			'closed',
			'cancelled'
		]);
		expect(entries[0]).toMatchObject({ awaiting: 1, active: 1, waitingLong: false });
		expect(entries[1]?.waitingLong).toBe(true);
	});
});

describe('deskCounts', () => {
	it('counts items per kind and state', () => {
		const counts = deskCounts([
			{ kind: 'need', state: 'open' },
			{ kind: 'need', state: 'open' },
			{ kind: 'post', state: 'cancelled' }
		]);
		expect(counts.need).toEqual({ open: 2, closed: 0, cancelled: 0 });
		expect(counts.post.cancelled).toBe(1);
		expect(counts['micro-wish']).toEqual({ open: 0, closed: 0, cancelled: 0 });
	});
});
