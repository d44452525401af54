import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { correction, generate } from 'lean-qr';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import {
	cropFrame,
	decodeQrFrame,
	guideRegion,
	QR_READER_OPTIONS,
	type Frame,
	type ReadBarcodes
} from './qr-frame-decoder';

const QUIET = 4;

/** A white frame with the QR code of `text` drawn at `left`, `top` (its quiet zone included). */
function frameWithCode(
	text: string,
	size: { width: number; height: number },
	at: { left: number; top: number },
	moduleSize = 4
): Frame {
	const { width, height } = size;
	const data = new Uint8ClampedArray(width * height * 4).fill(255);
	const code = generate(text, { minCorrectionLevel: correction.M });
	for (let y = 0; y < code.size; y++) {
		for (let x = 0; x < code.size; x++) {
			if (!code.get(x, y)) continue;
			for (let row = 0; row < moduleSize; row++) {
				for (let column = 0; column < moduleSize; column++) {
					const px = at.left + (QUIET + x) * moduleSize + column;
					const py = at.top + (QUIET + y) * moduleSize + row;
					data.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
				}
			}
		}
	}
	return { data, width, height };
}

beforeAll(async () => {
	// From node_modules, never from the CDN the package names by default.
	const wasm = new Uint8Array(
		readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'))
	);
	await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer }, fireImmediately: true });
});

describe('decodeQrFrame', () => {
	const size = { width: 640, height: 480 };

	it('reads a code held in the guide', async () => {
		const frame = frameWithCode('badge:one', size, { left: 240, top: 160 });
		expect(await decodeQrFrame(frame, readBarcodes)).toBe('badge:one');
	});

	it('reads a code held beside the guide, from the full frame', async () => {
		// The guide of a 640×480 frame spans x 128–511; this code lies left of it.
		const frame = frameWithCode('badge:two', size, { left: 0, top: 160 });
		expect(await decodeQrFrame(frame, readBarcodes)).toBe('badge:two');
	});

	it('answers null for a frame without a code', async () => {
		const blank = { data: new Uint8ClampedArray(640 * 480 * 4).fill(200), ...size };
		expect(await decodeQrFrame(blank, readBarcodes)).toBeNull();
	});

	it('tries the guide first and stops there when it holds the code', async () => {
		const seen: Array<{ width: number; height: number }> = [];
		const recording: ReadBarcodes = async (input, options) => {
			seen.push({ width: input.width, height: input.height });
			return readBarcodes(input, options);
		};
		const frame = frameWithCode('badge:three', size, { left: 240, top: 160 });
		expect(await decodeQrFrame(frame, recording)).toBe('badge:three');
		expect(seen).toEqual([{ width: 384, height: 384 }]);
	});

	it('asks zxing-cpp for QR codes only', async () => {
		const asked: unknown[] = [];
		const recording: ReadBarcodes = (_input, options) => {
			asked.push(options.formats);
			return Promise.resolve([]);
		};
		await decodeQrFrame(frameWithCode('x', size, { left: 0, top: 0 }), recording);
		expect(asked).toEqual([['QRCode'], ['QRCode']]);
		expect(QR_READER_OPTIONS.formats).toEqual(['QRCode']);
	});
});

describe('guideRegion', () => {
	it('is a centred square within the square the preview shows', () => {
		expect(guideRegion(640, 480)).toEqual({ left: 128, top: 48, width: 384, height: 384 });
		expect(guideRegion(1080, 1920)).toEqual({ left: 108, top: 528, width: 864, height: 864 });
	});
});

describe('cropFrame', () => {
	it('copies the region row by row', () => {
		// A 3×2 frame whose pixels are numbered 0–5 in every channel.
		const data = new Uint8ClampedArray(3 * 2 * 4).map((_, i) => Math.floor(i / 4));
		const part = cropFrame({ data, width: 3, height: 2 }, { left: 1, top: 0, width: 2, height: 2 });
		expect(part.width).toBe(2);
		expect(part.height).toBe(2);
		expect([...part.data].filter((_, i) => i % 4 === 0)).toEqual([1, 2, 4, 5]);
	});
});
