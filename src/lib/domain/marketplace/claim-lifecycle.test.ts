import { describe, expect, it } from 'vitest';
import { owner, staff } from '../../../test-data/test-actors';
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
import {
	cancelProblem,
	claimProblem,
	claimStatus,
	markDoneProblem,
	markedDone,
	mayCancel,
	mayMarkDone
} from './claim-lifecycle';
import { decideProblem } from './claim-decisions';
import { WAITLIST_MAX } from './item-tallies';

const project = anItem();

describe('may a member claim an item', () => {
	it('takes an open item that has not started, with places or room on the waiting list', () => {
		expect(claimProblem(project, null, null, owner, NOW)).toBeNull();
		const placesTaken = aTally(project, [{ shift: 0, held: 2, waiting: WAITLIST_MAX - 1 }]);
		expect(claimProblem(project, null, placesTaken, owner, NOW)).toBeNull();
	});

	it('refuses a closed, cancelled, started or past item', () => {
		expect(claimProblem(anItem({ state: 'closed' }), null, null, owner, NOW)).toBe('item-closed');
		expect(claimProblem(anItem({ state: 'cancelled' }), null, null, owner, NOW)).toBe(
			'item-cancelled'
		);
		expect(claimProblem(project, null, null, owner, AFTER_START)).toBe('started');
		expect(claimProblem(aWish(), null, null, owner, new Date('2026-07-01T00:00:00Z'))).toBe(
			'past-deadline'
		);
		// A micro-wish is open from when it is published until its deadline.
		expect(claimProblem(aWish(), null, null, owner, AFTER_START)).toBeNull();
	});

	it('refuses when the places and the waiting list are all taken, by the server’s count', () => {
		const full = aTally(project, [{ shift: 0, held: 2, waiting: WAITLIST_MAX }]);
		expect(claimProblem(project, null, full, owner, NOW)).toBe('full');
	});

	it('counts the places of each shift of a post apart', () => {
		const post = anItem({
			kind: 'post',
			endsAt: undefined,
			places: 1,
			shifts: [
				{ weekday: 6, start: '09:00', end: '11:00' },
				{ weekday: 7, start: '09:00', end: '11:00' }
			]
		});
		const tally = aTally(post, [{ shift: 0, held: 1, waiting: WAITLIST_MAX }]);
		expect(claimProblem(post, null, tally, owner, NOW, 0)).toBe('full');
		expect(claimProblem(post, null, tally, owner, NOW, 1)).toBeNull();
		expect(claimProblem(post, null, tally, owner, NOW, 2)).toBe('no-shift');
		expect(claimProblem(post, null, tally, owner, NOW)).toBe('no-shift');
		expect(claimProblem(project, null, null, owner, NOW, 0)).toBe('no-shift');
	});

	it('refuses a second claim of the same item by the same member, a cancelled one too', () => {
		const cancelled = aClaim(project, { state: 'cancelled' });
		expect(claimProblem(project, aClaim(project), null, owner, NOW)).toBe('already-claimed');
		expect(claimProblem(project, cancelled, null, owner, NOW)).toBe('already-claimed');
	});

	it('is for members only', () => {
		expect(claimProblem(project, null, null, staff, NOW)).toBe('not-member');
	});
});

describe('cancelling a claim', () => {
	it('is possible for a project or post before it starts, and for a need or wish until done', () => {
		expect(mayCancel(project, aClaim(project), NOW)).toBe(true);
		expect(cancelProblem(project, aClaim(project), AFTER_START)).toBe('started');
		const wish = aWish();
		expect(mayCancel(wish, aClaim(wish), AFTER_START)).toBe(true);
		expect(cancelProblem(wish, aClaim(wish, { state: 'done', done: done() }), NOW)).toBe(
			'claim-final'
		);
		expect(cancelProblem(wish, aClaim(wish, { state: 'cancelled' }), NOW)).toBe('claim-final');
	});
});

describe('marking a claim done', () => {
	const claim = aClaim(project);
	const holding = aStanding(claim, 'holding');

	it('is possible once the item has started, for a claim holding a place', () => {
		expect(mayMarkDone(project, claim, holding, null, AFTER_START)).toBe(true);
		// No standing yet: the claim may not even be on the server, which takes a new claim only
		// as claimed; the member's device holds the standing once there is one.
		expect(markDoneProblem(project, claim, null, null, AFTER_START)).toBe('not-holding');
	});

	it('is refused before it starts, while waiting, and once cancelled', () => {
		expect(markDoneProblem(project, claim, holding, null, NOW)).toBe('not-started');
		expect(markDoneProblem(project, claim, aStanding(claim, 'waiting', 1), null, AFTER_START)).toBe(
			'not-holding'
		);
		const cancelled = aClaim(project, { state: 'cancelled' });
		expect(markDoneProblem(project, cancelled, holding, null, AFTER_START)).toBe('claim-final');
	});

	it('is possible again only after the community returned it; confirmed is final', () => {
		const marked = aClaim(project, { state: 'done', done: done() });
		expect(markDoneProblem(project, marked, holding, null, AFTER_START)).toBe('awaiting-decision');
		const returned = aDecision(marked, 'returned');
		expect(markDoneProblem(project, marked, holding, returned, AFTER_START)).toBeNull();
		const confirmed = aDecision(marked, 'confirmed');
		expect(markDoneProblem(project, marked, holding, confirmed, AFTER_START)).toBe('claim-final');
	});

	it('names the returned version a new one answers', () => {
		const marked = aClaim(project, { state: 'done', done: done() });
		const again = markedDone(marked, done('2026-06-06T03:00:00.000Z'), AFTER_START);
		expect(again.done).toMatchObject({ at: '2026-06-06T03:00:00.000Z', replaces: done().at });
		expect(markedDone(claim, done(), AFTER_START).done?.replaces).toBeUndefined();
	});
});

describe('deciding a claim', () => {
	it('is for a claim marked done, never by its own member', () => {
		const marked = aClaim(project, { state: 'done', done: done() });
		expect(decideProblem(marked, staff)).toBeNull();
		expect(decideProblem(marked, owner)).toBe('own-claim');
		expect(decideProblem(aClaim(project), staff)).toBe('not-done');
	});
});

describe('what a claim shows', () => {
	const claim = aClaim(project);

	it("is pending until the server's standing arrives, then holding or waiting", () => {
		expect(claimStatus(claim, null, [])).toBe('pending');
		expect(claimStatus(claim, aStanding(claim, 'holding'), [])).toBe('holding');
		expect(claimStatus(claim, aStanding(claim, 'waiting', 3), [])).toBe('waiting');
		// Out of line without cancelling (the waiting list was full): not shown as cancelled.
		expect(claimStatus(claim, aStanding(claim, 'released'), [])).toBe('released');
		expect(claimStatus(aClaim(project, { state: 'cancelled' }), null, [])).toBe('cancelled');
	});

	it("follows the community's decision on the current version of done", () => {
		const marked = aClaim(project, { state: 'done', done: done() });
		const returned = aDecision(marked, 'returned');
		expect(claimStatus(marked, null, [])).toBe('done');
		expect(claimStatus(marked, null, [returned])).toBe('returned');
		expect(claimStatus(marked, null, [aDecision(marked, 'confirmed')])).toBe('confirmed');
		// Marked done again: the decision on the earlier version no longer answers it.
		const again = markedDone(marked, done('2026-06-06T03:00:00.000Z'), AFTER_START);
		expect(claimStatus(again, null, [returned])).toBe('done');
	});
});
