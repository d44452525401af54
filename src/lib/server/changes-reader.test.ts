import { beforeEach, describe, expect, it } from 'vitest';
import { initialPosition, readChanges, type ChangeRow } from './changes-reader';
import type { FeedPosition } from './seq-token';
import type { Database } from './store';
import { STORE_TIMEOUT_MS, useTempStore } from '../../test-data/test-store';

const store = useTempStore('changes');
let db: Database;

beforeEach(() => {
	db = store().db('reports');
});

const inChannel = () => store().channelIndex.reader('reports');

interface Seed {
	_id: string;
	channels: string[];
	[key: string]: unknown;
}

async function put(docs: Seed[]): Promise<void> {
	const results = await db.bulkDocs(docs);
	for (const r of results) expect(r, JSON.stringify(r)).toHaveProperty('ok', true);
}

async function seqNow(): Promise<string | number> {
	return (await db.info()).update_seq;
}

interface Walk {
	rows: ChangeRow[];
	pages: number[];
	position: FeedPosition;
}

/**
 * Reads pages the way RxDB does: until the first page shorter than `limit`. Every page before
 * the last must be full, or RxDB would stop early and lose what follows.
 */
async function walk(
	granted: readonly string[],
	start: FeedPosition,
	limit: number,
	between?: (page: number, position: FeedPosition) => Promise<void>
): Promise<Walk> {
	const rows: ChangeRow[] = [];
	const pages: number[] = [];
	let position = start;
	for (let page = 0; page < 10_000; page++) {
		const result = await readChanges(db, inChannel(), granted, position, limit);
		expect(result.rows.length).toBeLessThanOrEqual(limit);
		rows.push(...result.rows);
		pages.push(result.rows.length);
		position = result.position;
		if (result.rows.length < limit) return { rows, pages, position };
		await between?.(page, position);
	}
	throw new Error('the feed never ended');
}

async function initialWalk(granted: readonly string[], limit: number) {
	return walk(granted, initialPosition(granted, await seqNow()), limit);
}

function ids(rows: ChangeRow[]): string[] {
	return rows.map((r) => r.id);
}

function expectEachOnce(rows: ChangeRow[], expected: string[]) {
	const got = ids(rows);
	expect(new Set(got).size, 'no document twice').toBe(got.length);
	expect([...got].sort()).toEqual([...expected].sort());
}

const GRANTED = ['branch:b1', 'member:m1', 'public'];

/** A mix of documents: visible in one, two or three granted channels, and invisible ones. */
function mixedDocs(): { docs: Seed[]; visible: string[] } {
	const docs: Seed[] = [
		{ _id: 'a-branch', channels: ['branch:b1'] },
		{ _id: 'b-member', channels: ['member:m1'] },
		{ _id: 'c-public', channels: ['public'] },
		{ _id: 'd-branch-public', channels: ['branch:b1', 'public'] },
		{ _id: 'e-all-three', channels: ['branch:b1', 'member:m1', 'public'] },
		{ _id: 'f-member-public', channels: ['member:m1', 'public'] },
		{ _id: 'g-granted-and-not', channels: ['branch:b2', 'member:m1'] },
		{ _id: 'x-other-branch', channels: ['branch:b2'] },
		{ _id: 'x-other-member', channels: ['member:m2'] },
		{ _id: 'x-no-channels', channels: [] },
		{ _id: 'x-similar-name', channels: ['branch:b10', 'public:b1', 'Public'] }
	];
	// Enough documents in each channel to need several upstream reads at small limits.
	for (let i = 0; i < 12; i++) {
		docs.push({ _id: `p${String(i).padStart(2, '0')}`, channels: ['public'] });
		docs.push({ _id: `q${String(i).padStart(2, '0')}`, channels: ['branch:b1', 'public'] });
		docs.push({ _id: `y${String(i).padStart(2, '0')}`, channels: ['community:c1'] });
	}
	const granted = new Set(GRANTED);
	const visible = docs.filter((d) => d.channels.some((c) => granted.has(c))).map((d) => d._id);
	return { docs, visible };
}

describe('initialPosition', () => {
	it('starts the walk at the first granted channel, remembering the sequence', () => {
		expect(initialPosition(['public', 'branch:b1', 'member:m1'], 17)).toEqual({
			seq: 17,
			index: { channel: 'branch:b1', after: '' }
		});
		expect(initialPosition(['user:x'], '5-abc')).toEqual({
			seq: '5-abc',
			index: { channel: 'user:x', after: '' }
		});
	});

	it('goes straight to the feed when nothing is granted', () => {
		expect(initialPosition([], 9)).toEqual({ seq: 9 });
	});

	it('does not reorder the caller array', () => {
		const granted = ['public', 'branch:b1'];
		initialPosition(granted, 0);
		expect(granted).toEqual(['public', 'branch:b1']);
	});
});

describe('readChanges: initial sync', { timeout: STORE_TIMEOUT_MS }, () => {
	it.each([1, 2, 3, 5, 7, 20, 100])(
		'sends exactly the visible documents once, in full pages, at limit %i',
		async (limit) => {
			const { docs, visible } = mixedDocs();
			await put(docs);
			const result = await initialWalk(GRANTED, limit);
			expectEachOnce(result.rows, visible);
			expect(result.pages.slice(0, -1).every((n) => n === limit)).toBe(true);
			expect(result.pages.at(-1)).toBeLessThan(limit);
			expect(result.position.index).toBeUndefined();
		}
	);

	it('sends the document itself, with its revision', async () => {
		await put([{ _id: 'r1', channels: ['public'], note: '你好' }]);
		const { rows } = await initialWalk(['public'], 10);
		expect(rows).toHaveLength(1);
		const [row] = rows;
		expect(row?.id).toBe('r1');
		expect(row?.doc).toMatchObject({ _id: 'r1', channels: ['public'], note: '你好' });
		expect(row?.changes).toEqual([{ rev: row?.doc._rev }]);
		expect(row?.doc._rev).toMatch(/^1-/);
		expect(row?.deleted).toBeUndefined();
	});

	it('sends nothing to a user without channels, or with channels nobody uses', async () => {
		const { docs } = mixedDocs();
		await put(docs);
		expect((await initialWalk([], 10)).rows).toEqual([]);
		expect((await initialWalk(['user:nobody'], 10)).rows).toEqual([]);
	});

	it('never sends the design document', async () => {
		await put([{ _id: 'a', channels: ['public'] }]);
		const initial = await initialWalk(['public'], 5);
		const fromZero = await walk(['public'], { seq: 0 }, 5);
		expect(ids(initial.rows)).toEqual(['a']);
		expect(ids(fromZero.rows)).toEqual(['a']);
	});

	it('keeps pages full when a later channel starts with many documents already sent', async () => {
		// Thirty documents are in both channels: the walk of `public` must skip all of them
		// (they went under `branch:b1`) and still fill the page with what comes after.
		const docs: Seed[] = [];
		for (let i = 0; i < 30; i++) {
			docs.push({ _id: `a${String(i).padStart(2, '0')}`, channels: ['branch:b1', 'public'] });
		}
		for (let i = 0; i < 9; i++) docs.push({ _id: `z${i}`, channels: ['public'] });
		await put(docs);
		const result = await initialWalk(['branch:b1', 'public'], 4);
		expectEachOnce(
			result.rows,
			docs.map((d) => d._id)
		);
		expect(result.pages).toEqual([4, 4, 4, 4, 4, 4, 4, 4, 4, 3]);
	});

	it('delivers every one of 20 visible documents among 1000 at limit 20', async () => {
		const docs: Seed[] = [];
		const visible: string[] = [];
		for (let i = 0; i < 1000; i++) {
			const id = `doc${String(i).padStart(4, '0')}`;
			const shown = i % 50 === 17;
			docs.push({ _id: id, channels: shown ? ['member:m1'] : [`member:other${i}`] });
			if (shown) visible.push(id);
		}
		await put(docs);
		expect(visible).toHaveLength(20);

		const initial = await initialWalk(['member:m1', 'public'], 20);
		expectEachOnce(initial.rows, visible);
		expect(initial.pages).toEqual([20, 0]);

		// The same through the changes feed from zero (no index).
		const fromZero = await walk(['member:m1', 'public'], { seq: 0 }, 20);
		expectEachOnce(fromZero.rows, visible);
		expect(fromZero.pages).toEqual([20, 0]);

		// And at a batch size that does not divide the count.
		const odd = await walk(['member:m1'], { seq: 0 }, 7);
		expectEachOnce(odd.rows, visible);
		expect(odd.pages).toEqual([7, 7, 6]);
	});

	it('delivers 1-in-50 visible documents among 1000 written one by one, at limit 20', async () => {
		const visible: string[] = [];
		const docs: Seed[] = [];
		for (let i = 0; i < 1000; i++) {
			const id = `w${String((i * 7919) % 1000).padStart(4, '0')}`;
			const shown = i % 50 === 0;
			docs.push({ _id: id, channels: shown ? ['community:c1', 'public'] : ['community:c2'] });
			if (shown) visible.push(id);
		}
		// Separate writes, so the visible ones are spread over many upstream sequences.
		for (let i = 0; i < docs.length; i += 100) await put(docs.slice(i, i + 100));
		const granted = ['community:c1', 'public'];
		for (const start of [initialPosition(granted, await seqNow()), { seq: 0 }]) {
			const result = await walk(granted, start, 20);
			expectEachOnce(result.rows, visible);
			expect(result.pages).toEqual([20, 0]);
		}
	});
});

describe('readChanges: following the feed', { timeout: STORE_TIMEOUT_MS }, () => {
	it('ends the initial walk at the sequence it began with, then reads new writes', async () => {
		const { docs } = mixedDocs();
		await put(docs);
		const initial = await initialWalk(GRANTED, 5);
		expect(initial.position).toEqual({ seq: await seqNow() });

		await put([
			{ _id: 'new-public', channels: ['public'] },
			{ _id: 'new-hidden', channels: ['branch:b2'] },
			{ _id: 'new-member', channels: ['member:m1', 'branch:b2'] }
		]);
		const next = await walk(GRANTED, initial.position, 5);
		expectEachOnce(next.rows, ['new-public', 'new-member']);
		expect(next.position).toEqual({ seq: await seqNow() });

		// Nothing new: an empty final page that keeps the position.
		const idle = await readChanges(db, inChannel(), GRANTED, next.position, 5);
		expect(idle.rows).toEqual([]);
		expect(idle.position).toEqual(next.position);
	});

	it('sends updates and deletions that keep their body, not hidden ones', async () => {
		await put([
			{ _id: 'keep', channels: ['public'], v: 1 },
			{ _id: 'edit', channels: ['public'], v: 1 },
			{ _id: 'drop', channels: ['member:m1'], v: 1 },
			{ _id: 'hidden', channels: ['member:m2'], v: 1 }
		]);
		const initial = await initialWalk(GRANTED, 10);
		expectEachOnce(initial.rows, ['keep', 'edit', 'drop']);

		const current = await db.allDocs({ include_docs: true, keys: ['edit', 'drop', 'hidden'] });
		const byId = new Map(current.rows.map((r) => [r.key, r]));
		const rev = (id: string) => {
			const row = byId.get(id);
			if (!row || !('value' in row)) throw new Error(`no ${id}`);
			return row.value.rev;
		};
		await db.bulkDocs([
			{ _id: 'edit', _rev: rev('edit'), channels: ['public'], v: 2 },
			{ _id: 'drop', _rev: rev('drop'), channels: ['member:m1'], v: 1, _deleted: true },
			{ _id: 'hidden', _rev: rev('hidden'), channels: ['member:m2'], v: 1, _deleted: true }
		]);

		const next = await walk(GRANTED, initial.position, 10);
		expectEachOnce(next.rows, ['edit', 'drop']);
		const edit = next.rows.find((r) => r.id === 'edit');
		const drop = next.rows.find((r) => r.id === 'drop');
		expect(edit?.doc).toMatchObject({ v: 2 });
		expect(edit?.doc._rev).toMatch(/^2-/);
		expect(edit?.deleted).toBeUndefined();
		expect(drop?.deleted).toBe(true);
		expect(drop?.doc).toMatchObject({ _id: 'drop', _deleted: true, channels: ['member:m1'] });
		expect(drop?.changes).toEqual([{ rev: drop?.doc._rev }]);
	});

	it('does not send documents deleted before an initial sync began', async () => {
		await put([
			{ _id: 'alive', channels: ['public'] },
			{ _id: 'gone', channels: ['public'] }
		]);
		const gone = await db.get('gone');
		await db.bulkDocs([{ ...gone, _deleted: true }]);
		const initial = await initialWalk(['public'], 10);
		expect(ids(initial.rows)).toEqual(['alive']);
	});

	it('keeps feed pages full when visible changes are sparse', async () => {
		const initial = await initialWalk(GRANTED, 5);
		expect(initial.rows).toEqual([]);
		const docs: Seed[] = [];
		const visible: string[] = [];
		for (let i = 0; i < 1200; i++) {
			const shown = i % 40 === 3;
			docs.push({ _id: `n${i}`, channels: shown ? ['public'] : ['community:c9'] });
			if (shown) visible.push(`n${i}`);
		}
		await put(docs);
		const next = await walk(GRANTED, initial.position, 6);
		expectEachOnce(next.rows, visible);
		expect(next.pages).toEqual([6, 6, 6, 6, 6, 0]);
	});

	it('loses nothing written while an initial sync is under way', async () => {
		const docs: Seed[] = [];
		for (let i = 0; i < 20; i++)
			docs.push({ _id: `m${String(i).padStart(2, '0')}`, channels: ['public'] });
		await put(docs);
		const granted = ['public'];
		const written: string[] = [];
		const result = await walk(
			granted,
			initialPosition(granted, await seqNow()),
			5,
			async (page, position) => {
				if (page !== 1) return;
				expect(position.index).toBeDefined();
				// One sorts before the walk's cursor, one after it, one is hidden.
				await put([
					{ _id: 'a-early', channels: ['public'] },
					{ _id: 'z-late', channels: ['public'] },
					{ _id: 'b-hidden', channels: ['member:m9'] }
				]);
				written.push('a-early', 'z-late');
			}
		);
		expect(written).toHaveLength(2);
		const got = new Set(ids(result.rows));
		for (const id of [...docs.map((d) => d._id), ...written]) expect(got.has(id), id).toBe(true);
		expect(got.has('b-hidden')).toBe(false);
		expect(result.pages.slice(0, -1).every((n) => n === 5)).toBe(true);
	});
});

describe('readChanges: channels taken away', { timeout: STORE_TIMEOUT_MS }, () => {
	it('sends none of the documents of an index channel that is no longer granted', async () => {
		await put([
			{ _id: 'b1-only', channels: ['branch:b1'] },
			{ _id: 'b2-only-1', channels: ['branch:b2'] },
			{ _id: 'b2-only-2', channels: ['branch:b2'] },
			{ _id: 'b2-and-public', channels: ['branch:b2', 'public'] },
			{ _id: 'public-only', channels: ['public'] }
		]);
		// The token was issued while `branch:b2` was granted; now it is not.
		const granted = ['branch:b1', 'public'];
		const start: FeedPosition = { seq: await seqNow(), index: { channel: 'branch:b2', after: '' } };
		const result = await walk(granted, start, 2);
		const got = ids(result.rows);
		expect(got).not.toContain('b2-only-1');
		expect(got).not.toContain('b2-only-2');
		expect(new Set(got)).toEqual(new Set(['b2-and-public', 'public-only']));
	});

	it('sends nothing from the feed for channels no longer granted', async () => {
		const start = { seq: await seqNow() };
		await put([
			{ _id: 'b2-doc', channels: ['branch:b2'] },
			{ _id: 'public-doc', channels: ['public'] }
		]);
		const result = await walk(['branch:b1', 'public'], start, 10);
		expect(ids(result.rows)).toEqual(['public-doc']);
	});
});
