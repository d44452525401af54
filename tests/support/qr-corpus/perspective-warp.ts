import type { GreyImage } from './grey-image';
import {
	boundingBox,
	invertHomography,
	mapQuad,
	rectangleQuad,
	type Homography
} from './homography';

/** `image` at a point, interpolated bilinearly between the centres of its pixels. */
function bilinear(image: GreyImage, x: number, y: number): number {
	const { width, height, data } = image;
	const fx = Math.min(Math.max(x - 0.5, 0), width - 1);
	const fy = Math.min(Math.max(y - 0.5, 0), height - 1);
	const x0 = Math.floor(fx);
	const y0 = Math.floor(fy);
	const x1 = Math.min(x0 + 1, width - 1);
	const y1 = Math.min(y0 + 1, height - 1);
	const tx = fx - x0;
	const ty = fy - y0;
	const top = (data[y0 * width + x0] ?? 0) * (1 - tx) + (data[y0 * width + x1] ?? 0) * tx;
	const bottom = (data[y1 * width + x0] ?? 0) * (1 - tx) + (data[y1 * width + x1] ?? 0) * tx;
	return top * (1 - ty) + bottom * ty;
}

/**
 * Draws `source` into `target` through `toTarget` (source pixel coordinates to target ones), as
 * a camera pixel sees it: each target pixel averages `samples`×`samples` points of its area, each
 * sampled bilinearly from the source, so edges and small modules come out as a sensor records
 * them rather than aliased. Where a pixel is only partly covered, what was behind shows through.
 */
export function warpInto(
	target: GreyImage,
	source: GreyImage,
	toTarget: Homography,
	samples: number
): void {
	const toSource = invertHomography(toTarget);
	const box = boundingBox(mapQuad(toTarget, rectangleQuad(source.width, source.height)));
	const left = Math.max(0, Math.floor(box.left));
	const top = Math.max(0, Math.floor(box.top));
	const right = Math.min(target.width, Math.ceil(box.left + box.width));
	const bottom = Math.min(target.height, Math.ceil(box.top + box.height));
	const perPixel = samples * samples;
	const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = toSource;
	for (let y = top; y < bottom; y++) {
		for (let x = left; x < right; x++) {
			let sum = 0;
			let covered = 0;
			for (let sy = 0; sy < samples; sy++) {
				const ty = y + (sy + 0.5) / samples;
				for (let sx = 0; sx < samples; sx++) {
					const tx = x + (sx + 0.5) / samples;
					// applyHomography, inlined: this runs millions of times per frame.
					const w = h6 * tx + h7 * ty + h8;
					const u = (h0 * tx + h1 * ty + h2) / w;
					const v = (h3 * tx + h4 * ty + h5) / w;
					if (u < 0 || v < 0 || u >= source.width || v >= source.height) continue;
					sum += bilinear(source, u, v);
					covered++;
				}
			}
			if (covered === 0) continue;
			const index = y * target.width + x;
			target.data[index] = (sum + (perPixel - covered) * (target.data[index] ?? 0)) / perPixel;
		}
	}
}
