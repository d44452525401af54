/**
 * Runs in headless Chromium for bench/scan-decode.ts: both scanners' decoding of one frame at a
 * time, from a canvas as the scanner holds the camera's picture.
 */
import { BrowserQRCodeReader } from '@zxing/browser';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { decodeQrFrame } from '../src/lib/components/scan/qr-frame-decoder';

export interface FrameTiming {
	/** Milliseconds per decode, the median of the repeats. */
	shippedMs: number;
	oldMs: number;
	shippedText: string | null;
	oldText: string | null;
}

const old = new BrowserQRCodeReader();

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function load(wasmUrl: string): Promise<void> {
	await prepareZXingModule({ overrides: { locateFile: () => wasmUrl }, fireImmediately: true });
}

/** Decodes the frame at `url` (grey bytes, one per pixel) `repeats` times with each scanner. */
async function time(
	url: string,
	width: number,
	height: number,
	repeats: number
): Promise<FrameTiming> {
	const grey = new Uint8Array(await (await fetch(url)).arrayBuffer());
	const rgba = new Uint8ClampedArray(width * height * 4);
	for (let i = 0; i < grey.length; i++) {
		rgba.fill(grey[i] ?? 0, i * 4, i * 4 + 3);
		rgba[i * 4 + 3] = 255;
	}
	const canvas = Object.assign(document.createElement('canvas'), { width, height });
	const context = canvas.getContext('2d', { willReadFrequently: true });
	if (!context) throw new Error('No 2D canvas.');
	context.putImageData(new ImageData(rgba, width, height), 0, 0);
	const shipped: number[] = [];
	const before: number[] = [];
	let shippedText: string | null = null;
	let oldText: string | null = null;
	for (let round = 0; round < repeats; round++) {
		// As the scanners read a frame: the new one takes the canvas's pixels, the old one the canvas.
		let start = performance.now();
		const pixels = context.getImageData(0, 0, width, height);
		shippedText = await decodeQrFrame(pixels, readBarcodes);
		shipped.push(performance.now() - start);
		start = performance.now();
		try {
			oldText = old.decodeFromCanvas(canvas).getText();
		} catch {
			oldText = null;
		}
		before.push(performance.now() - start);
	}
	return { shippedMs: median(shipped), oldMs: median(before), shippedText, oldText };
}

(window as Window & { scanBench?: unknown }).scanBench = { load, time };
