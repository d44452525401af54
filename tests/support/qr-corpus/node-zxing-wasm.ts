import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { ReadBarcodes } from '../../../src/lib/components/scan/qr-frame-decoder';

/**
 * zxing-wasm's reader in Node, compiled from the `.wasm` in node_modules rather than fetched
 * from its default, a public CDN.
 */
export async function nodeReadBarcodes(): Promise<ReadBarcodes> {
	const path = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
	const bytes = new Uint8Array(await readFile(path));
	await prepareZXingModule({
		overrides: {
			wasmBinary: bytes.buffer,
			// Given the bytes, the module only compares this name with its own, never loads it.
			locateFile: () => path
		},
		fireImmediately: true
	});
	return readBarcodes;
}
