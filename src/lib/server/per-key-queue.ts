/**
 * Runs tasks one after another per key, in the order they arrive; tasks of different keys run side
 * by side. For a read-then-write sequence over several documents that the store cannot make
 * atomic — a member's badge re-issue writes three that must agree — so that requests of one
 * process never interleave and turn each other's revisions into conflicts.
 */
export class PerKeyQueue {
	readonly #tails = new Map<string, Promise<void>>();

	run<T>(key: string, task: () => Promise<T>): Promise<T> {
		const result = (this.#tails.get(key) ?? Promise.resolve()).then(task);
		// A failed task must not stop the ones queued behind it.
		const tail = result.then(
			() => undefined,
			() => undefined
		);
		this.#tails.set(key, tail);
		void tail.then(() => {
			if (this.#tails.get(key) === tail) this.#tails.delete(key);
		});
		return result;
	}

	/** How many keys have tasks queued or running. */
	get busyKeys(): number {
		return this.#tails.size;
	}
}
