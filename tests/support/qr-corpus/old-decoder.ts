import { createRequire } from 'node:module';
import type * as ZxingBrowser from '@zxing/browser';
import type * as ZxingLibrary from '@zxing/library';
import type { RgbaFrame } from './grey-image';

// Both packages are CommonJS to Node, whose ES imports see only some of their names.
const require = createRequire(import.meta.url);
const { HTMLCanvasElementLuminanceSource } = require('@zxing/browser') as typeof ZxingBrowser;
const { BinaryBitmap, HybridBinarizer, QRCodeReader } =
	require('@zxing/library') as typeof ZxingLibrary;

const reader = new QRCodeReader();
/** The hints BrowserQRCodeReader had when the scanner made it with none: an empty map. */
const hints = new Map();

/**
 * Decodes `frame` as the scanner did before zxing-wasm: @zxing/browser's BrowserQRCodeReader
 * drew each whole video frame on a canvas and decoded it with @zxing/library's QR reader. Its
 * own luminance source, binarizer and reader run here on a stand-in for that canvas.
 */
export function decodeLikeOldScanner(frame: RgbaFrame): string | null {
	const canvas = {
		width: frame.width,
		height: frame.height,
		getContext: () => ({ getImageData: () => ({ data: frame.data }) })
	} as unknown as HTMLCanvasElement;
	const bitmap = new BinaryBitmap(
		new HybridBinarizer(new HTMLCanvasElementLuminanceSource(canvas))
	);
	try {
		return reader.decode(bitmap, hints).getText();
	} catch {
		// NotFound, Checksum and Format exceptions alike: nothing read from this frame.
		return null;
	}
}
