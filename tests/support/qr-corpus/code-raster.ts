import { correction, generate } from 'lean-qr';
import { greyImage, type GreyImage } from './grey-image';

/** Light modules around the code, as QrCode.svelte draws them. */
export const QUIET_ZONE = 4;

/** How many modules the code of `text` spans, quiet zone included. */
export function codeSpan(text: string): number {
	return qrCode(text).size + 2 * QUIET_ZONE;
}

function qrCode(text: string) {
	// As QrCode.svelte: at least level M, lean-qr raising it when the size has room.
	return generate(text, { minCorrectionLevel: correction.M });
}

/**
 * The code of `text` as a screen shows it: each module a square of `pixelsPerModule` pixels,
 * `dark` on `light`, inside the quiet zone (QrCode.svelte's crisp-edged SVG on a phone).
 */
export function codeRaster(
	text: string,
	pixelsPerModule: number,
	dark = 0,
	light = 255
): GreyImage {
	const code = qrCode(text);
	const span = code.size + 2 * QUIET_ZONE;
	const side = span * pixelsPerModule;
	const image = greyImage(side, side, light);
	for (let moduleY = 0; moduleY < span; moduleY++) {
		const row = moduleY * pixelsPerModule * side;
		for (let moduleX = 0; moduleX < span; moduleX++) {
			if (!code.get(moduleX - QUIET_ZONE, moduleY - QUIET_ZONE)) continue;
			const from = row + moduleX * pixelsPerModule;
			image.data.fill(dark, from, from + pixelsPerModule);
		}
		// The module row's other pixel rows repeat its first.
		const first = image.data.subarray(row, row + side);
		for (let y = 1; y < pixelsPerModule; y++) image.data.set(first, row + y * side);
	}
	return image;
}
