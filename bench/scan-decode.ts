import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { corpusFrames } from '../tests/support/qr-corpus/corpus';
import type { Variant } from '../tests/support/qr-corpus/corpus-variants';
import type { FrameTiming } from './scan-decode-page';
import { launchChromium } from './chromium';
import { log, median, percentile } from './support';

export interface ScanDecodeOptions {
	/** Corpus frames per 640×480 set, and per 1920×1080 set. */
	frames: number;
	largeFrames: number;
	/** Decodes of each frame by each scanner; the median counts. */
	repeats: number;
}

export interface DecodeSet {
	label: string;
	frames: number;
	/** Median and 90th percentile over the frames of each frame's time, ms. */
	shippedMs: number;
	shippedP90Ms: number;
	oldMs: number;
	oldP90Ms: number;
	shippedRead: number;
	oldRead: number;
}

export interface ScanDecodeResult extends ScanDecodeOptions {
	sets: DecodeSet[];
}

const ORIGIN = 'http://scan-bench.invalid';
const PAGE = fileURLToPath(new URL('./scan-decode-page.ts', import.meta.url));

async function pageScript(): Promise<string> {
	const built = await build({
		entryPoints: [PAGE],
		bundle: true,
		write: false,
		format: 'iife',
		platform: 'browser',
		target: 'chrome120',
		minify: true,
		logLevel: 'warning'
	});
	return built.outputFiles[0]?.text ?? '';
}

interface Sample {
	text: string;
	width: number;
	height: number;
	grey: Buffer;
}

function samples(variant: Variant, count: number, width: number, height: number): Sample[] {
	return [...corpusFrames(variant, count, { seed: 1914, width, height })].map((sample) => {
		const grey = Buffer.alloc(width * height);
		for (let i = 0; i < grey.length; i++) grey[i] = sample.frame.data[i * 4] ?? 0;
		return { text: sample.text, width, height, grey };
	});
}

/**
 * Decode time per frame in headless Chromium: the shipped scanner (zxing-wasm through
 * decodeQrFrame) against the old one (@zxing/browser's BrowserQRCodeReader), on the same corpus
 * frames, camera-like and sharp, at 640×480 and at 1920×1080.
 */
export async function benchScanDecode(options: ScanDecodeOptions): Promise<ScanDecodeResult> {
	const wasm = await readFile(
		createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm')
	);
	const script = await pageScript();
	const sets = [
		{ label: 'camera-like, 640×480', variant: 'camera-like', width: 640, height: 480 },
		{ label: 'sharp, 640×480', variant: 'sharp', width: 640, height: 480 },
		{ label: 'camera-like, 1920×1080', variant: 'camera-like', width: 1920, height: 1080 },
		{ label: 'sharp, 1920×1080', variant: 'sharp', width: 1920, height: 1080 }
	] as const;
	const browser = await launchChromium();
	try {
		const page = await browser.newPage();
		const served = new Map<string, { body: Buffer | string; contentType: string }>([
			['/', { body: '<!doctype html><script src="/page.js"></script>', contentType: 'text/html' }],
			['/page.js', { body: script, contentType: 'text/javascript' }],
			['/reader.wasm', { body: wasm, contentType: 'application/wasm' }]
		]);
		await page.route(`${ORIGIN}/**`, (route) => {
			const found = served.get(new URL(route.request().url()).pathname);
			return found
				? route.fulfill({ status: 200, body: found.body, contentType: found.contentType })
				: route.fulfill({ status: 404 });
		});
		await page.goto(`${ORIGIN}/`);
		await page.waitForFunction(() => 'scanBench' in window);
		await page.evaluate(
			(url) =>
				(window as unknown as { scanBench: { load(url: string): Promise<void> } }).scanBench.load(
					url
				),
			`${ORIGIN}/reader.wasm`
		);
		const results: DecodeSet[] = [];
		for (const set of sets) {
			const count = set.width === 640 ? options.frames : options.largeFrames;
			const timings: (FrameTiming & { text: string })[] = [];
			for (const [index, sample] of samples(set.variant, count, set.width, set.height).entries()) {
				served.set(`/frame/${index}`, {
					body: sample.grey,
					contentType: 'application/octet-stream'
				});
				const timing = await page.evaluate(
					([url, width, height, repeats]) =>
						(
							window as unknown as {
								scanBench: {
									time(u: string, w: number, h: number, r: number): Promise<FrameTiming>;
								};
							}
						).scanBench.time(url, width, height, repeats),
					[`${ORIGIN}/frame/${index}`, set.width, set.height, options.repeats] as const
				);
				timings.push({ ...timing, text: sample.text });
			}
			const shipped = timings.map((timing) => timing.shippedMs);
			const old = timings.map((timing) => timing.oldMs);
			const result: DecodeSet = {
				label: set.label,
				frames: count,
				shippedMs: median(shipped),
				shippedP90Ms: percentile(shipped, 90),
				oldMs: median(old),
				oldP90Ms: percentile(old, 90),
				shippedRead: timings.filter((timing) => timing.shippedText === timing.text).length,
				oldRead: timings.filter((timing) => timing.oldText === timing.text).length
			};
			log(
				`(o) ${set.label}: shipped ${result.shippedMs.toFixed(1)} ms (p90 ${result.shippedP90Ms.toFixed(1)}), read ${result.shippedRead}/${count}; old ${result.oldMs.toFixed(1)} ms (p90 ${result.oldP90Ms.toFixed(1)}), read ${result.oldRead}/${count}`
			);
			results.push(result);
		}
		return { ...options, sets: results };
	} finally {
		await browser.close();
	}
}
