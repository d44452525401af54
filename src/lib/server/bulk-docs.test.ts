import { describe, expect, it } from 'vitest';
import { citedFirst, seeInBatch, shapeProblem } from './bulk-docs';

const doc = (fields: Record<string, unknown> = {}) => ({ _id: 'm001.residence.cm1', ...fields });

describe('shapeProblem', () => {
	it('accepts the underscore fields a device sends, in their shapes', () => {
		expect(shapeProblem(doc())).toBeNull();
		expect(shapeProblem(doc({ _rev: '1-abc', _deleted: true, _attachments: {} }))).toBeNull();
		expect(shapeProblem(doc({ _deleted: false, memberId: 'm001' }))).toBeNull();
	});

	it('refuses any other underscore field', () => {
		for (const field of ['_conflicts', '_revisions', '_local_seq', '_x', '_']) {
			expect(shapeProblem(doc({ [field]: [] }))).toBe(`field ${field}`);
		}
	});

	it('refuses an id that is not a URL-safe string, and an id in the body', () => {
		for (const _id of ['', 'a b', '../x', '_design/x', 'a'.repeat(200), 7, null]) {
			expect(shapeProblem({ _id } as unknown as { _id: string }), String(_id)).toBe('id');
		}
		expect(shapeProblem(doc({ id: 'm001.residence.cm1' }))).toBe('field id');
	});

	it('refuses text that is not Unicode (a lone surrogate), in any value or key', () => {
		expect(shapeProblem(doc({ note: 'x\ud800' }))).toBe('text');
		expect(shapeProblem(doc({ a: [{ ['k\udc00']: 1 }] }))).toBe('text');
		expect(shapeProblem({ _id: 'm001\ud800' })).toBe('text');
		expect(shapeProblem(doc({ note: '表情 😀' }))).toBeNull();
	});

	it('refuses a _rev that is not a string', () => {
		for (const _rev of [1, null, true, ['1-a'], { rev: '1-a' }]) {
			expect(shapeProblem(doc({ _rev })), JSON.stringify(_rev)).toBe('_rev');
		}
	});

	it('refuses a _deleted that is not a boolean', () => {
		for (const _deleted of ['true', 1, 0, null, {}]) {
			expect(shapeProblem(doc({ _deleted })), JSON.stringify(_deleted)).toBe('_deleted');
		}
	});

	it('refuses attachments: any, or anything but an empty object', () => {
		for (const _attachments of [
			{ 'a.txt': { content_type: 'text/plain', data: 'aGk=' } },
			null,
			'x',
			7,
			[]
		]) {
			expect(shapeProblem(doc({ _attachments })), JSON.stringify(_attachments)).toBe(
				'_attachments'
			);
		}
	});
});

describe('seeInBatch', () => {
	const minutes = { id: 'mi.act-j1', kind: 'minutes', channels: [] };
	const key = 'ledger/mi.act-j1';

	it('shows an accepted creation to the later documents of its batch', () => {
		const related = new Map<string, Record<string, unknown>>();
		seeInBatch(related, 'ledger', { _id: 'mi.act-j1', kind: 'minutes' }, minutes);
		expect(related.get(key)).toBe(minutes);
	});

	it('never shows a creation in place of what the store holds: the store refuses that one', () => {
		const stored = { ...minutes, agenda: 'stored' };
		const related = new Map<string, Record<string, unknown>>([[key, stored]]);
		seeInBatch(related, 'ledger', { _id: 'mi.act-j1', kind: 'minutes' }, minutes);
		expect(related.get(key)).toBe(stored);
	});

	it('shows an update over the stored version, and a deletion as nothing', () => {
		const related = new Map<string, Record<string, unknown>>([
			[key, { ...minutes, agenda: 'old' }]
		]);
		seeInBatch(related, 'ledger', { _id: 'mi.act-j1', _rev: '1-a' }, minutes);
		expect(related.get(key)).toBe(minutes);
		seeInBatch(related, 'ledger', { _id: 'mi.act-j1', _rev: '2-b', _deleted: true }, minutes);
		expect(related.has(key)).toBe(false);
	});
});

describe('citedFirst', () => {
	const pair = { branchId: 'br1', communityId: 'cm2', orgId: 'org-a' };
	const minutes = { id: 'mi.act-j1', kind: 'minutes', ...pair, channels: [] };
	const decided = {
		id: 'li.mi.act-j1.d1',
		kind: 'list-item',
		...pair,
		fromMinutes: { minutesId: 'mi.act-j1', decision: 1 },
		channels: []
	};
	const other = { id: 'li.br1.2026.k1', kind: 'list-item', ...pair, channels: [] };

	it('judges the minutes a decision item cites before the item, whatever the push order', () => {
		expect(citedFirst('ledger', [decided, other, minutes])).toEqual([2, 0, 1]);
		expect(citedFirst('ledger', [minutes, decided])).toEqual([0, 1]);
	});

	it('keeps the pushed order when nothing in the batch is cited, or a document is broken', () => {
		expect(citedFirst('ledger', [other, decided])).toEqual([0, 1]);
		expect(
			citedFirst('reports', [
				{ id: 'x', channels: [] },
				{ id: 'y', channels: [] }
			])
		).toEqual([0, 1]);
	});
});
