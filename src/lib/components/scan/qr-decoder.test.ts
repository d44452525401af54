import { describe, expect, it } from 'vitest';
import { chooseQrDecoder, type DecoderLoaders } from './qr-decoder';
import type { Frame, ReadBarcodes } from './qr-frame-decoder';

const frame: Frame = { data: new Uint8ClampedArray(8 * 8 * 4), width: 8, height: 8 };

/** zxing-wasm's reader as a stub that reads `text` from any frame. */
function wasmReading(text: string): ReadBarcodes {
	return () =>
		Promise.resolve([{ isValid: true, text } as Awaited<ReturnType<ReadBarcodes>>[number]]);
}

function loaders(wasm: DecoderLoaders['wasm']) {
	let fallbackLoads = 0;
	const chosen: DecoderLoaders = {
		wasm,
		fallback: () => {
			fallbackLoads += 1;
			return Promise.resolve(() => 'read by the old reader');
		}
	};
	return { chosen, fallbackLoads: () => fallbackLoads };
}

describe('chooseQrDecoder', () => {
	it('decodes with zxing-wasm when its module loads, never loading the old reader', async () => {
		const { chosen, fallbackLoads } = loaders(() => Promise.resolve(wasmReading('A1~wasm')));
		const decoder = await chooseQrDecoder(chosen);
		expect(decoder.fallback).toBe(false);
		expect(await decoder.decode(frame)).toBe('A1~wasm');
		expect(fallbackLoads()).toBe(0);
	});

	it('falls back to the old reader, and says so, when the module cannot load', async () => {
		const { chosen, fallbackLoads } = loaders(() =>
			Promise.reject(new TypeError('Failed to fetch'))
		);
		const decoder = await chooseQrDecoder(chosen);
		expect(decoder.fallback).toBe(true);
		expect(await decoder.decode(frame)).toBe('read by the old reader');
		expect(fallbackLoads()).toBe(1);
	});
});
