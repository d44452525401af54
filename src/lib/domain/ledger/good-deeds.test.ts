import { describe, expect, it } from 'vitest';
import { item } from '../../../test-data/ledger-fixtures';
import { goodDeedTally } from './good-deeds';

const deed = (suffix: string, overrides: Parameters<typeof item>[0] = {}) =>
	item({ id: `li.br1.2026.${suffix}`, goodDeed: true, ...overrides });

describe('good deeds', () => {
	it('count the done good deeds of the branch and year against three', () => {
		const items = [
			deed('a', { state: 'done', doneOn: '2026-03-01' }),
			deed('b', { state: 'done', doneOn: '2026-04-01' }),
			deed('c', { state: 'in-progress' }),
			item({ id: 'li.br1.2026.d', state: 'done', doneOn: '2026-04-02' }),
			deed('e', { state: 'done', doneOn: '2025-05-01', year: 2025 }),
			deed('f', { state: 'done', doneOn: '2026-05-01', branchId: 'br2' })
		];
		const tally = goodDeedTally(items, 'br1', 2026);
		expect(tally.items.map((i) => i.id)).toEqual([
			'li.br1.2026.a',
			'li.br1.2026.b',
			'li.br1.2026.c'
		]);
		expect(tally).toMatchObject({ delivered: 2, target: 3, behind: true });
	});

	it('are behind until the third is done, whatever the month', () => {
		const three = ['a', 'b', 'c'].map((s) => deed(s, { state: 'done', doneOn: '2026-03-01' }));
		expect(goodDeedTally(three, 'br1', 2026)).toMatchObject({ delivered: 3, behind: false });
		expect(goodDeedTally([], 'br1', 2026)).toMatchObject({ delivered: 0, behind: true });
	});

	it('count what a branch delivered for its earlier community too', () => {
		const items = [
			deed('a', { state: 'done', doneOn: '2026-03-01', communityId: 'cm1' }),
			deed('b', { state: 'done', doneOn: '2026-04-01' })
		];
		expect(goodDeedTally(items, 'br1', 2026).delivered).toBe(2);
	});
});
