/**
 * Decides whether a decoded text is new. The camera reads a code held in view about twice a second;
 * a text handled less than `windowMs` ago is a repeat of that same showing, while any other text
 * (the next person's badge) is new at once.
 */
export class RepeatGuard {
	readonly #handledAt = new Map<string, number>();

	constructor(
		private readonly windowMs = 3000,
		private readonly now: () => number = Date.now
	) {}

	/** True when `text` should be handled now, and then remembers it as handled. */
	admit(text: string): boolean {
		const at = this.now();
		for (const [seen, handledAt] of this.#handledAt) {
			if (at - handledAt >= this.windowMs) this.#handledAt.delete(seen);
		}
		if (this.#handledAt.has(text)) return false;
		this.#handledAt.set(text, at);
		return true;
	}
}
