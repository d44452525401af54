import { prepareZXingModule, purgeZXingModule, readBarcodes } from 'zxing-wasm/reader';
// The app serves the module itself, under a hashed name that the service worker precaches: the
// package's default address is a public CDN, unusable offline and unreliable in China (the build
// also strips that address: src/vite-plugins/self-hosted-zxing.ts).
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { ReadBarcodes } from './qr-frame-decoder';

// One function for every call: zxing-wasm keeps its instance while the overrides stay the same.
const overrides = {
	locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path)
};

/**
 * zxing-wasm's reader, once its WebAssembly module is compiled and running. Rejects when the
 * browser has no WebAssembly or the module cannot be fetched or compiled; the next call then
 * tries again rather than keep the failure.
 */
export async function loadWasmReader(): Promise<ReadBarcodes> {
	if (typeof WebAssembly !== 'object') throw new Error('This browser has no WebAssembly.');
	try {
		await prepareZXingModule({ overrides, fireImmediately: true });
	} catch (error) {
		purgeZXingModule();
		throw error;
	}
	return readBarcodes;
}
