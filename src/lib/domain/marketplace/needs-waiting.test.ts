import { describe, expect, it } from 'vitest';
import { daysWaiting, isClaimed, waitsTooLong } from './needs-waiting';

const now = new Date('2026-05-20T00:00:00Z');
const need = {
	id: 'it-1',
	kind: 'need' as const,
	state: 'open' as const,
	createdAt: '2026-05-12T23:00:00Z'
};

describe('waitsTooLong', () => {
	it('flags an open need nobody took for more than seven days', () => {
		expect(waitsTooLong(need, [], undefined, now)).toBe(true);
		expect(daysWaiting(need, now)).toBe(7);
	});

	it('does not flag a need seven days old or younger', () => {
		expect(waitsTooLong({ ...need, createdAt: '2026-05-13T00:00:00Z' }, [], undefined, now)).toBe(
			false
		);
	});

	it('does not flag a need someone claimed, seen by a claim or by the server tally', () => {
		expect(waitsTooLong(need, [{ itemId: 'it-1', state: 'claimed' }], undefined, now)).toBe(false);
		const tally = { tallies: [{ shift: 0, held: 0, waiting: 1 }] };
		expect(waitsTooLong(need, [], tally, now)).toBe(false);
	});

	it('still flags a need whose only claim was cancelled, or that was claimed for another item', () => {
		expect(
			waitsTooLong(
				need,
				[
					{ itemId: 'it-1', state: 'cancelled' },
					{ itemId: 'it-2', state: 'claimed' }
				],
				{ tallies: [{ shift: 0, held: 0, waiting: 0 }] },
				now
			)
		).toBe(true);
	});

	it('flags neither closed needs nor other kinds', () => {
		expect(waitsTooLong({ ...need, state: 'closed' }, [], undefined, now)).toBe(false);
		expect(waitsTooLong({ ...need, kind: 'micro-wish' }, [], undefined, now)).toBe(false);
	});

	it('counts a done claim as claimed', () => {
		expect(isClaimed(need, [{ itemId: 'it-1', state: 'done' }], undefined)).toBe(true);
	});
});
