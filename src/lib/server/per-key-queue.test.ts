import { describe, expect, it } from 'vitest';
import { PerKeyQueue } from './per-key-queue';

/** A promise settled from outside, so a test decides when each task ends. */
function gate() {
	let open!: () => void;
	let fail!: (error: Error) => void;
	const done = new Promise<void>((resolve, reject) => {
		open = resolve;
		fail = reject;
	});
	return { done, open, fail };
}

describe('PerKeyQueue', () => {
	it('runs the tasks of one key one after another, in order', async () => {
		const queue = new PerKeyQueue();
		const events: string[] = [];
		const first = gate();
		const a = queue.run('m001', async () => {
			events.push('a starts');
			await first.done;
			events.push('a ends');
		});
		const b = queue.run('m001', () => {
			events.push('b starts');
			return Promise.resolve();
		});
		await Promise.resolve();
		expect(events).toEqual(['a starts']);
		first.open();
		await Promise.all([a, b]);
		expect(events).toEqual(['a starts', 'a ends', 'b starts']);
	});

	it('runs tasks of different keys side by side', async () => {
		const queue = new PerKeyQueue();
		const held = gate();
		const started: string[] = [];
		const a = queue.run('m001', async () => {
			started.push('m001');
			await held.done;
		});
		const b = queue.run('m002', () => {
			started.push('m002');
			return Promise.resolve();
		});
		await b;
		expect(started).toEqual(['m001', 'm002']);
		held.open();
		await a;
	});

	it('passes on each result and failure, and a failed task does not stop the next', async () => {
		const queue = new PerKeyQueue();
		const failing = gate();
		const a = queue.run('m001', () => failing.done);
		const b = queue.run('m001', () => Promise.resolve('b'));
		failing.fail(new Error('conflict'));
		await expect(a).rejects.toThrow('conflict');
		await expect(b).resolves.toBe('b');
	});

	it('forgets a key once its tasks have ended', async () => {
		const queue = new PerKeyQueue();
		await Promise.all([
			queue.run('m001', () => Promise.resolve(1)),
			queue.run('m002', () => Promise.resolve(2))
		]);
		await expect.poll(() => queue.busyKeys).toBe(0);
	});
});
