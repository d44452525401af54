import { describe, expect, it, vi } from 'vitest';
import { STORE_TIMEOUT_MS, useTempStore } from '../../test-data/test-store';
import { GroupCommit } from './group-commit';

const docs = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, i) => ({ _id: `${prefix}${i}`, n: i }));

describe('GroupCommit', { timeout: STORE_TIMEOUT_MS }, () => {
	const store = useTempStore('group-commit');

	it('writes the pushes that arrive during a write together, each answered with its own rows', async () => {
		const db = store().db('attendance');
		const write = vi.spyOn(db, 'bulkDocs');
		const writes = new GroupCommit(store());
		const answers = await Promise.all(
			Array.from({ length: 20 }, (_, phone) => writes.bulkDocs('attendance', docs(`p${phone}-`, 5)))
		);
		// The first starts at once; the other nineteen waited for it and went as one.
		expect(write).toHaveBeenCalledTimes(2);
		answers.forEach((rows, phone) => {
			expect(rows.map((row) => row.id)).toEqual(docs(`p${phone}-`, 5).map((doc) => doc._id));
			expect(rows.every((row) => 'ok' in row && row.ok)).toBe(true);
		});
		expect((await db.allDocs({ startkey: 'p', endkey: 'p\uffff' })).rows).toHaveLength(100);
	});

	it('ends two creations of one id as one after the other would: one written, one a conflict', async () => {
		const writes = new GroupCommit(store());
		const [first, second, third] = await Promise.all([
			writes.bulkDocs('attendance', [{ _id: 'warm-up' }]),
			writes.bulkDocs('attendance', [{ _id: 'same', by: 'phone' }]),
			writes.bulkDocs('attendance', [{ _id: 'same', by: 'tablet' }])
		]);
		expect(first?.[0]).toMatchObject({ ok: true, id: 'warm-up' });
		expect(second?.[0]).toMatchObject({ ok: true, id: 'same' });
		expect(third?.[0]).toMatchObject({ id: 'same', status: 409 });
		await expect(store().db('attendance').get('same')).resolves.toMatchObject({ by: 'phone' });
	});

	it('fails every push of a failed store write, and writes the next ones', async () => {
		const db = store().db('attendance');
		const writes = new GroupCommit(store());
		vi.spyOn(db, 'bulkDocs').mockRejectedValueOnce(new Error('disk full'));
		const failed = writes.bulkDocs('attendance', docs('a', 2));
		await expect(failed).rejects.toThrow('disk full');
		await expect(writes.bulkDocs('attendance', docs('b', 2))).resolves.toHaveLength(2);
	});

	it('splits a long queue into store writes of at most its limit, never splitting a push', async () => {
		const db = store().db('attendance');
		const write = vi.spyOn(db, 'bulkDocs');
		const writes = new GroupCommit(store(), 10);
		const answers = await Promise.all([
			writes.bulkDocs('attendance', docs('a', 3)),
			writes.bulkDocs('attendance', docs('b', 6)),
			writes.bulkDocs('attendance', docs('c', 6)),
			writes.bulkDocs('attendance', docs('d', 12))
		]);
		expect(write.mock.calls.map(([batch]) => (batch as unknown[]).length)).toEqual([3, 6, 6, 12]);
		expect(answers.map((rows) => rows.length)).toEqual([3, 6, 6, 12]);
	});

	it('makes no store write for an empty push', async () => {
		const db = store().db('attendance');
		const write = vi.spyOn(db, 'bulkDocs');
		await expect(new GroupCommit(store()).bulkDocs('attendance', [])).resolves.toEqual([]);
		expect(write).not.toHaveBeenCalled();
	});
});
