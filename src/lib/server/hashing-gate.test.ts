import { describe, expect, it } from 'vitest';
import { HashingBusy, HashingGate } from './hashing-gate';

/** A task that runs until released, noting how many run at once. */
function controlled() {
	let running = 0;
	let most = 0;
	const releases: (() => void)[] = [];
	const task = () =>
		new Promise<string>((resolve) => {
			running++;
			most = Math.max(most, running);
			releases.push(() => {
				running--;
				resolve('done');
			});
		});
	return {
		task,
		releaseAll: async () => {
			while (releases.length > 0) {
				releases.shift()?.();
				await Promise.resolve();
				await new Promise((resolve) => setImmediate(resolve));
			}
		},
		get started() {
			return releases.length;
		},
		get most() {
			return most;
		}
	};
}

describe('HashingGate', () => {
	it('runs at most `concurrent` tasks at once and the queued ones after', async () => {
		const gate = new HashingGate({ concurrent: 2, queued: 10 });
		const work = controlled();
		const all = Promise.all(Array.from({ length: 8 }, () => gate.run(work.task)));
		await new Promise((resolve) => setImmediate(resolve));
		expect(work.started).toBe(2);
		await work.releaseAll();
		expect(await all).toEqual(Array(8).fill('done'));
		expect(work.most).toBe(2);
	});

	it('refuses at once, without running it, a task beyond the queue', async () => {
		const gate = new HashingGate({ concurrent: 1, queued: 2 });
		const work = controlled();
		const admitted = [gate.run(work.task), gate.run(work.task)];
		expect(gate.full).toBe(false);
		admitted.push(gate.run(work.task));
		expect(gate.full).toBe(true);
		let ran = false;
		await expect(
			gate.run(() => {
				ran = true;
				return Promise.resolve('never');
			})
		).rejects.toBeInstanceOf(HashingBusy);
		expect(ran).toBe(false);
		await work.releaseAll();
		expect(await Promise.all(admitted)).toEqual(['done', 'done', 'done']);
		// Once drained, it admits again.
		expect(gate.full).toBe(false);
		expect(await gate.run(() => Promise.resolve('again'))).toBe('again');
	});

	it('frees the slot of a task that fails', async () => {
		const gate = new HashingGate({ concurrent: 1, queued: 0 });
		await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		expect(await gate.run(() => Promise.resolve('next'))).toBe('next');
	});
});
