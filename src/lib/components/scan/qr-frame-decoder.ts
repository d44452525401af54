import type { ReaderOptions, ReadResult } from 'zxing-wasm/reader';

/** One camera frame (or a part of it): RGBA pixels, row by row, as `ImageData` holds them. */
export interface Frame {
	data: Uint8ClampedArray;
	width: number;
	height: number;
}

/** zxing-wasm's `readBarcodes` (from `zxing-wasm/reader`), however its module was loaded. */
export type ReadBarcodes = (input: ImageData, options: ReaderOptions) => Promise<ReadResult[]>;

/** A rectangle of a frame, in pixels. */
export interface Region {
	left: number;
	top: number;
	width: number;
	height: number;
}

/**
 * What the scanner asks zxing-cpp for. QR only: every code the app makes is one, and other formats
 * would only cost time and risk misreads. `tryHarder` and `tryDownscale` are what read blurred and
 * small codes. Measured on blurred, tilted and arm's-length frames, `tryRotate` read no more QR codes
 * (their detector finds any orientation) and cost time, so it is off; the app draws dark on light,
 * so inverted codes are not looked for; one code per frame is all a scan needs. zxing-cpp's default
 * downscales only images over 500 px, which a camera frame's guide square never is; downscaling from
 * 150 px by half reads more blurred, noisy frames (284 → 287 of the corpus's 300 camera-like ones)
 * and no fewer of any other kind.
 */
export const QR_READER_OPTIONS = {
	formats: ['QRCode'],
	tryHarder: true,
	tryRotate: false,
	tryInvert: false,
	tryDownscale: true,
	downscaleThreshold: 150,
	downscaleFactor: 2,
	maxNumberOfSymbols: 1
} as const satisfies ReaderOptions;

/**
 * The side of the on-screen guide, as a fraction of the square the preview shows (the preview
 * crops the frame to its centred square).
 */
export const GUIDE_FRACTION = 0.8;

/** The part of a `width`×`height` frame inside the on-screen guide: a centred square. */
export function guideRegion(width: number, height: number): Region {
	const side = Math.round(Math.min(width, height) * GUIDE_FRACTION);
	return {
		left: Math.floor((width - side) / 2),
		top: Math.floor((height - side) / 2),
		width: side,
		height: side
	};
}

/** The pixels of `region` of `frame`, as a frame of their own. */
export function cropFrame(frame: Frame, region: Region): Frame {
	const data = new Uint8ClampedArray(region.width * region.height * 4);
	const rowBytes = region.width * 4;
	for (let row = 0; row < region.height; row++) {
		const from = ((region.top + row) * frame.width + region.left) * 4;
		data.set(frame.data.subarray(from, from + rowBytes), row * rowBytes);
	}
	return { data, width: region.width, height: region.height };
}

async function readFirst(frame: Frame, readBarcodes: ReadBarcodes): Promise<string | null> {
	// zxing-wasm reads only `data`, `width` and `height` of an ImageData; Node has no ImageData.
	const results = await readBarcodes(frame as ImageData, QR_READER_OPTIONS);
	return results.find((result) => result.isValid)?.text ?? null;
}

/**
 * The text of the QR code in `frame`, or null when none is read. The guide's square comes first:
 * it is where people hold the code, and with a fraction of the pixels it is read sooner and with
 * less of the background to mislead the detector. The full frame comes second, for a code held
 * beside the guide or one too large to fit in it.
 */
export async function decodeQrFrame(
	frame: Frame,
	readBarcodes: ReadBarcodes
): Promise<string | null> {
	const guide = guideRegion(frame.width, frame.height);
	const inGuide = await readFirst(cropFrame(frame, guide), readBarcodes);
	if (inGuide !== null) return inGuide;
	return readFirst(frame, readBarcodes);
}
