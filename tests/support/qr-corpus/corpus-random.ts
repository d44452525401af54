import { seededRandom, type Random } from '../../../src/lib/server/demo/seeded-random';

/** The demo's seeded PRNG, with the continuous draws the corpus needs. */
export interface CorpusRandom extends Random {
	/** Uniform in [min, max). */
	between(min: number, max: number): number;
	/** Normal with mean 0 and standard deviation `sigma` (Box–Muller). */
	gaussian(sigma: number): number;
	/** +1 or -1, evenly. */
	sign(): number;
}

export function corpusRandom(seed: number): CorpusRandom {
	const random = seededRandom(seed);
	const between = (min: number, max: number) => min + random.next() * (max - min);
	// Box–Muller gives two independent draws at a time; the second waits for the next call.
	let spare: number | null = null;
	const gaussian = (sigma: number) => {
		if (spare !== null) {
			const draw = spare;
			spare = null;
			return sigma * draw;
		}
		// 1 - next() lies in (0, 1]: the logarithm stays finite.
		const radius = Math.sqrt(-2 * Math.log(1 - random.next()));
		const angle = 2 * Math.PI * random.next();
		spare = radius * Math.sin(angle);
		return sigma * radius * Math.cos(angle);
	};
	return { ...random, between, gaussian, sign: () => (random.next() < 0.5 ? -1 : 1) };
}
