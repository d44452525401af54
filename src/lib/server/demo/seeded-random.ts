/** mulberry32: a tiny seeded PRNG, good enough for demo content. */
function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface Random {
	next(): number;
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	sample<T>(items: readonly T[], count: number): T[];
}

/** Deterministic random choices from a seed, so the same seed always gives the same data. */
export function seededRandom(seed: number): Random {
	const next = mulberry32(seed);
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => {
		const item = items[Math.floor(next() * items.length)];
		if (item === undefined) throw new Error('pick from an empty list');
		return item;
	};
	const sample = <T>(items: readonly T[], count: number): T[] => {
		const pool = [...items];
		const chosen: T[] = [];
		while (chosen.length < count && pool.length > 0) {
			chosen.push(...pool.splice(Math.floor(next() * pool.length), 1));
		}
		return chosen;
	};
	return { next, int, pick, sample };
}
