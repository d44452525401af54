import { describe, expect, it } from 'vitest';
import { itemConcerned } from './claim-worker';

describe('itemConcerned', () => {
	it('names the item of a claim, a receipt, an item and a resident', () => {
		expect(itemConcerned('attendance', 'cl.it-mk2a9x.m001')).toBe('it-mk2a9x');
		expect(itemConcerned('attendance', 'cl.it-mk2a9x.m001.receipt')).toBe('it-mk2a9x');
		expect(itemConcerned('activities', 'it-mk2a9x')).toBe('it-mk2a9x');
		expect(itemConcerned('contacts', 'it-mk2a9x.resident')).toBe('it-mk2a9x');
	});

	it('ignores the worker’s own writes, decisions, and everything not of an item', () => {
		expect(itemConcerned('attendance', 'cl.it-mk2a9x.m001.standing')).toBeNull();
		expect(itemConcerned('attendance', 'cl.it-mk2a9x.m001.decision.1780000000000')).toBeNull();
		expect(itemConcerned('attendance', 'act-1.m001.in')).toBeNull();
		expect(itemConcerned('activities', 'it-mk2a9x.tally')).toBeNull();
		expect(itemConcerned('activities', 'act-1')).toBeNull();
		expect(itemConcerned('contacts', 'cl.it-mk2a9x.m001.resident')).toBeNull();
		expect(itemConcerned('contacts', 'm001')).toBeNull();
	});
});
