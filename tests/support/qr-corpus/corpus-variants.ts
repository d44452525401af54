import type { Shot } from './camera-frame';
import type { CorpusRandom } from './corpus-random';

/** The ways a code reaches the camera that the corpus draws, each on its own and all at once. */
export const VARIANTS = [
	'sharp',
	'blur',
	'noise-jpeg',
	'rotation',
	'tilt',
	'low-contrast-glare',
	'arms-length',
	'camera-like'
] as const;
export type Variant = (typeof VARIANTS)[number];

export const VARIANT_LABELS: Record<Variant, string> = {
	sharp: 'sharp, 2–8 px per module',
	blur: 'blur σ 0.3–0.5 module',
	'noise-jpeg': 'noise σ 20, JPEG quality 25–45',
	rotation: 'rotation 5–30°',
	tilt: 'perspective tilt 15–40°',
	'low-contrast-glare': 'low contrast and glare',
	'arms-length': "arm's length, 1.5–2.5 px per module",
	'camera-like': 'camera-like (all combined, milder)'
};

/** Module size of a code held up to the camera, when the variant is not about size. */
const HELD: readonly [number, number] = [3, 6];

type Changes = Partial<Omit<Shot, 'text' | 'seed'>>;

function blur(random: CorpusRandom): Changes {
	return { blur: random.between(0.3, 0.5) };
}

function noiseAndJpeg(random: CorpusRandom): Changes {
	return { noise: 20, jpegQuality: random.int(25, 45) };
}

function rotation(random: CorpusRandom): Changes {
	return { rotation: random.sign() * random.between(5, 30) };
}

function tilt(random: CorpusRandom): Changes {
	return { tilt: random.between(15, 40), tiltAxis: random.between(0, 180) };
}

/** A dim or washed-out exposure: dark modules grey, light ones not white, and a reflection. */
function lowContrastAndGlare(random: CorpusRandom): Changes {
	const dark = random.between(70, 110);
	return {
		dark,
		light: dark + random.between(60, 90),
		glare: {
			at: { x: random.between(0.2, 0.8), y: random.between(0.2, 0.8) },
			radius: random.between(0.15, 0.3),
			strength: random.between(0.4, 0.75)
		}
	};
}

const CHANGES: Record<Variant, (random: CorpusRandom) => Changes> = {
	sharp: (random) => ({ pixelsPerModule: random.between(2, 8) }),
	blur,
	'noise-jpeg': noiseAndJpeg,
	rotation,
	tilt,
	'low-contrast-glare': lowContrastAndGlare,
	'arms-length': (random) => ({ pixelsPerModule: random.between(1.5, 2.5) }),
	'camera-like': (random) => ({
		...noiseAndJpeg(random),
		...rotation(random),
		// The rest as a camera sees them on an ordinary scan: the milder half of the blur and the
		// tilt, contrast dimmed rather than washed out, a fainter reflection. All at their worst
		// together (zxing-wasm read about a third of such frames, the old reader none) they are
		// no ordinary scan.
		blur: random.between(0.3, 0.4),
		tilt: random.between(15, 25),
		tiltAxis: random.between(0, 180),
		dark: random.between(30, 60),
		light: random.between(180, 220),
		glare: {
			at: { x: random.between(0.2, 0.8), y: random.between(0.2, 0.8) },
			radius: random.between(0.15, 0.3),
			strength: random.between(0.3, 0.6)
		}
	})
};

/** How the code of `text` is shown to the camera in `variant`, drawn from `random`. */
export function shotFor(variant: Variant, text: string, random: CorpusRandom): Shot {
	const dark = random.between(10, 40);
	const left = random.between(40, 200);
	return {
		text,
		pixelsPerModule: random.between(...HELD),
		rotation: 0,
		tilt: 0,
		tiltAxis: 0,
		// Near the on-screen guide, rarely right in its middle.
		offset: { x: random.between(-0.5, 0.5), y: random.between(-0.5, 0.5) },
		dark,
		light: random.between(200, 245),
		blur: 0,
		noise: 0,
		background: [left, left + random.between(-40, 40)],
		seed: random.int(1, 2 ** 31),
		...CHANGES[variant](random)
	};
}
