import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeQrFrame, type ReadBarcodes } from '../../src/lib/components/scan/qr-frame-decoder';
import { corpusFrames } from '../support/qr-corpus/corpus';
import { VARIANT_LABELS, VARIANTS, type Variant } from '../support/qr-corpus/corpus-variants';
import { nodeReadBarcodes } from '../support/qr-corpus/node-zxing-wasm';
import { decodeLikeOldScanner } from '../support/qr-corpus/old-decoder';

/** As issue 14 has it: enough frames per variant for a rate to move only with the decoder. */
const FRAMES_PER_VARIANT = 300;
/** A variant takes seconds alone; a loaded machine running the whole suite stretches that. */
const VARIANT_TIMEOUT_MS = 300_000;

/** The shipped decoder's floor where it matters most: codes as cameras see them, and small ones. */
const FLOORS: Partial<Record<Variant, number>> = { 'camera-like': 0.95, 'arms-length': 0.75 };

interface Rates {
	shipped: number;
	old: number;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/**
 * Camera frames of every code the app shows (tests/support/qr-corpus), decoded by the shipped
 * scanner (zxing-wasm through decodeQrFrame) and by the one it replaced (@zxing/library through
 * @zxing/browser): a regression guard on rates, never on times.
 */
describe('decoding the QR corpus', () => {
	let readBarcodes: ReadBarcodes;
	const measured = new Map<Variant, Rates>();

	beforeAll(async () => {
		// The reader must come from node_modules: a fetch would mean zxing-wasm's default CDN.
		vi.stubGlobal('fetch', () => {
			throw new Error('The corpus must not touch the network.');
		});
		readBarcodes = await nodeReadBarcodes();
	});

	afterAll(() => {
		vi.unstubAllGlobals();
		const rows = [...measured].map(
			([variant, rates]) =>
				`| ${VARIANT_LABELS[variant]} | ${percent(rates.shipped)} | ${percent(rates.old)} |`
		);
		console.log(
			[
				`Decoded of ${FRAMES_PER_VARIANT} frames per variant:`,
				'| variant | shipped (zxing-wasm) | old (@zxing/library) |',
				'|---|---|---|',
				...rows
			].join('\n')
		);
	});

	it.each(VARIANTS)(
		'reads %s frames at least as well as the old scanner',
		async (variant) => {
			let shipped = 0;
			let old = 0;
			for (const sample of corpusFrames(variant, FRAMES_PER_VARIANT)) {
				if ((await decodeQrFrame(sample.frame, readBarcodes)) === sample.text) shipped++;
				if (decodeLikeOldScanner(sample.frame) === sample.text) old++;
			}
			const rates = { shipped: shipped / FRAMES_PER_VARIANT, old: old / FRAMES_PER_VARIANT };
			measured.set(variant, rates);
			expect(rates.shipped).toBeGreaterThanOrEqual(rates.old);
			expect(rates.shipped).toBeGreaterThanOrEqual(FLOORS[variant] ?? 0);
		},
		VARIANT_TIMEOUT_MS
	);
});
