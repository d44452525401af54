import { decodeQrFrame, type Frame, type ReadBarcodes } from './qr-frame-decoder';

/** Reads the QR code in a camera frame, or answers null. */
export interface QrDecoder {
	decode(frame: Frame): Promise<string | null>;
	/** True when the WebAssembly reader could not load and the weaker old reader stands in. */
	fallback: boolean;
}

export interface DecoderLoaders {
	wasm: () => Promise<ReadBarcodes>;
	fallback: () => Promise<(frame: Frame) => string | null>;
}

/**
 * zxing-wasm's reader when its WebAssembly module loads; only when it cannot, the old reader, which
 * reads far fewer codes but beats no scanning at all. The old reader is loaded only then, so it
 * costs nothing while the module works.
 */
export async function chooseQrDecoder(loaders: DecoderLoaders): Promise<QrDecoder> {
	let readBarcodes: ReadBarcodes;
	try {
		readBarcodes = await loaders.wasm();
	} catch {
		const decode = await loaders.fallback();
		return { decode: (frame) => Promise.resolve(decode(frame)), fallback: true };
	}
	return { decode: (frame) => decodeQrFrame(frame, readBarcodes), fallback: false };
}

/** The app's loaders: each reader in a chunk of its own, fetched when a scanner first opens. */
export const APP_DECODER_LOADERS: DecoderLoaders = {
	wasm: async () => (await import('./zxing-wasm-reader')).loadWasmReader(),
	fallback: async () => (await import('./legacy-qr-reader')).decodeWithLegacyReader
};
