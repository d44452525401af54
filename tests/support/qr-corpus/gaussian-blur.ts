import type { GreyImage } from './grey-image';
import type { Box } from './homography';

function kernel(sigma: number): Float32Array {
	const radius = Math.ceil(3 * sigma);
	const weights = new Float32Array(2 * radius + 1);
	let total = 0;
	for (let i = -radius; i <= radius; i++) {
		const weight = Math.exp(-(i * i) / (2 * sigma * sigma));
		weights[i + radius] = weight;
		total += weight;
	}
	return weights.map((weight) => weight / total);
}

/**
 * Defocus, in place: a Gaussian of `sigma` pixels, along rows then along columns, with the
 * image's edge pixels repeated beyond it. Only `region` changes (all of it unless given), read
 * from its surroundings as far as the kernel reaches: where the rest is smooth, blurring it
 * would change nothing worth the time.
 */
export function gaussianBlur(image: GreyImage, sigma: number, region?: Box): void {
	if (sigma <= 0) return;
	const { width, height } = image;
	const weights = kernel(sigma);
	const radius = (weights.length - 1) / 2;
	const left = Math.max(0, Math.floor(region?.left ?? 0));
	const top = Math.max(0, Math.floor(region?.top ?? 0));
	const right = Math.min(width, Math.ceil(region ? region.left + region.width : width));
	const bottom = Math.min(height, Math.ceil(region ? region.top + region.height : height));
	// Rows first, over the rows the column pass will read.
	const rowsFrom = Math.max(0, top - radius);
	const rowsTo = Math.min(height, bottom + radius);
	const rowPassed = new Float32Array(width * height);
	for (let y = rowsFrom; y < rowsTo; y++) {
		for (let x = left; x < right; x++) {
			let sum = 0;
			for (let k = -radius; k <= radius; k++) {
				const from = Math.min(Math.max(x + k, 0), width - 1);
				sum += (weights[k + radius] ?? 0) * (image.data[y * width + from] ?? 0);
			}
			rowPassed[y * width + x] = sum;
		}
	}
	for (let y = top; y < bottom; y++) {
		for (let x = left; x < right; x++) {
			let sum = 0;
			for (let k = -radius; k <= radius; k++) {
				const from = Math.min(Math.max(y + k, 0), height - 1);
				sum += (weights[k + radius] ?? 0) * (rowPassed[from * width + x] ?? 0);
			}
			image.data[y * width + x] = sum;
		}
	}
}
