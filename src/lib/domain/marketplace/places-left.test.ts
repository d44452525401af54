import { describe, expect, it } from 'vitest';
import { WAITLIST_MAX } from './item-tallies';
import type { ItemTally, ShiftTally } from './item-tallies';
import { itemPlacesLeft, placesLeft } from './places-left';

const tally = (tallies: ShiftTally[]) => ({ tallies }) as ItemTally;

describe('placesLeft', () => {
	it('counts the places the server has not given yet; none counted is all free', () => {
		expect(placesLeft({ places: 3 }, null)).toEqual({ kind: 'free', left: 3 });
		expect(placesLeft({ places: 3 }, tally([{ shift: 0, held: 2, waiting: 0 }]))).toEqual({
			kind: 'free',
			left: 1
		});
	});

	it('offers the waiting list once the places are taken, and nothing once it is full too', () => {
		expect(placesLeft({ places: 2 }, tally([{ shift: 0, held: 2, waiting: 3 }]))).toEqual({
			kind: 'waitlist',
			waiting: 3
		});
		expect(
			placesLeft({ places: 2 }, tally([{ shift: 0, held: 2, waiting: WAITLIST_MAX }]))
		).toEqual({ kind: 'full' });
	});

	it('reads the shift asked for', () => {
		const counted = tally([
			{ shift: 0, held: 1, waiting: 0 },
			{ shift: 1, held: 0, waiting: 0 }
		]);
		expect(placesLeft({ places: 1 }, counted, 0)).toEqual({ kind: 'waitlist', waiting: 0 });
		expect(placesLeft({ places: 1 }, counted, 1)).toEqual({ kind: 'free', left: 1 });
	});
});

describe('itemPlacesLeft', () => {
	const shifts = [
		{ weekday: 1, start: '09:00', end: '11:00' },
		{ weekday: 2, start: '09:00', end: '11:00' }
	];

	it('sums the free places of a post’s shifts', () => {
		const counted = tally([
			{ shift: 0, held: 1, waiting: 0 },
			{ shift: 1, held: 0, waiting: 0 }
		]);
		expect(itemPlacesLeft({ places: 2, shifts }, counted)).toEqual({ kind: 'free', left: 3 });
	});

	it('is on the waiting list when every shift is taken and one has room to wait', () => {
		const counted = tally([
			{ shift: 0, held: 1, waiting: WAITLIST_MAX },
			{ shift: 1, held: 1, waiting: 4 }
		]);
		expect(itemPlacesLeft({ places: 1, shifts }, counted)).toEqual({
			kind: 'waitlist',
			waiting: 4
		});
		expect(
			itemPlacesLeft(
				{ places: 1, shifts },
				tally([
					{ shift: 0, held: 1, waiting: WAITLIST_MAX },
					{ shift: 1, held: 1, waiting: WAITLIST_MAX }
				])
			)
		).toEqual({ kind: 'full' });
	});
});
