import { cameraFrame } from './camera-frame';
import { corpusRandom } from './corpus-random';
import { corpusToken, TOKEN_KINDS, type TokenKind } from './corpus-tokens';
import { shotFor, VARIANTS, type Variant } from './corpus-variants';
import type { RgbaFrame } from './grey-image';

export interface CorpusFrame {
	variant: Variant;
	kind: TokenKind;
	text: string;
	pixelsPerModule: number;
	frame: RgbaFrame;
}

/** Signing is slow next to drawing: frames share a pool of tokens, this many of each kind. */
const TOKENS_PER_KIND = 10;

/**
 * `count` frames of `variant` (640×480 unless sized), the token kinds taking turns: the same
 * seed gives the same frames. Made one at a time, so a run holds one frame rather than the corpus.
 */
export function* corpusFrames(
	variant: Variant,
	count: number,
	{ seed = 14, width = 640, height = 480 }: { seed?: number; width?: number; height?: number } = {}
): Generator<CorpusFrame> {
	const random = corpusRandom(seed * 1_000 + VARIANTS.indexOf(variant));
	// Kind after kind, so that consecutive frames take turns.
	const tokens = Array.from({ length: TOKENS_PER_KIND }, () =>
		TOKEN_KINDS.map((kind) => ({ kind, text: corpusToken(kind, random) }))
	).flat();
	for (let i = 0; i < count; i++) {
		const token = tokens[i % tokens.length];
		if (!token) throw new Error('The corpus has no tokens.');
		const shot = shotFor(variant, token.text, random);
		// A larger frame is a finer camera on the same scene: modules grow with the frame.
		shot.pixelsPerModule *= height / 480;
		yield { variant, ...token, ...cameraFrame({ ...shot, width, height }) };
	}
}
