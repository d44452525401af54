import {
	BinaryBitmap,
	ChecksumException,
	FormatException,
	HybridBinarizer,
	NotFoundException,
	QRCodeReader,
	RGBLuminanceSource
} from '@zxing/library';
import type { Frame } from './qr-frame-decoder';

/**
 * The fallback decoder: @zxing/library's QR reader, which the scanner used before zxing-wasm. It
 * reads far fewer blurred, tilted or distant codes, so it is loaded only when the WebAssembly
 * module cannot be (see qr-decoder.ts), and in a chunk of its own.
 */
const reader = new QRCodeReader();

/** Whether an error of @zxing/library means only "no readable code in this frame". */
export function meansNoCode(error: unknown): boolean {
	return (
		error instanceof NotFoundException ||
		error instanceof ChecksumException ||
		error instanceof FormatException
	);
}

/** The luma of each RGBA pixel (ITU-R BT.601 weights), as @zxing/library reads one byte a pixel. */
function luminance({ data, width, height }: Frame): Uint8ClampedArray {
	const luma = new Uint8ClampedArray(width * height);
	for (let i = 0; i < luma.length; i++) {
		const at = i * 4;
		luma[i] = (data[at]! * 299 + data[at + 1]! * 587 + data[at + 2]! * 114) / 1000;
	}
	return luma;
}

/** The text of the QR code in the whole frame, or null when none is read. */
export function decodeWithLegacyReader(frame: Frame): string | null {
	const source = new RGBLuminanceSource(luminance(frame), frame.width, frame.height);
	try {
		return reader.decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
	} catch (error) {
		if (meansNoCode(error)) return null;
		throw error;
	}
}
