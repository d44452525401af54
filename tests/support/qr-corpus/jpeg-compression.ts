import type { GreyImage } from './grey-image';

/** JPEG's example luminance table (ITU T.81, Annex K), row by row. */
const LUMINANCE_TABLE = [
	16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
	14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
	92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99
];

/** The table scaled to `quality` (1–100) as libjpeg and jpeg-js scale it. */
function quantisers(quality: number): Float64Array {
	const scale = quality < 50 ? Math.floor(5000 / quality) : Math.floor(200 - quality * 2);
	return Float64Array.from(LUMINANCE_TABLE, (step) =>
		Math.min(255, Math.max(1, Math.floor((step * scale + 50) / 100)))
	);
}

/** The orthonormal 8-point DCT-II basis, FORWARD[u * 8 + x]; INVERSE is its transpose. */
const FORWARD = Float64Array.from({ length: 64 }, (_, i) => {
	const u = Math.floor(i / 8);
	const x = i % 8;
	return (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
});
const INVERSE = Float64Array.from(
	{ length: 64 },
	(_, i) => FORWARD[(i % 8) * 8 + Math.floor(i / 8)] ?? 0
);
const rows = new Float64Array(64);

/** `out = M · block · Mᵀ` for an 8×8 block: M = FORWARD transforms, INVERSE undoes it. */
function transform(block: Float64Array, out: Float64Array, matrix: Float64Array): void {
	for (let y = 0; y < 8; y++) {
		for (let u = 0; u < 8; u++) {
			let sum = 0;
			for (let x = 0; x < 8; x++) sum += (block[y * 8 + x] ?? 0) * (matrix[u * 8 + x] ?? 0);
			rows[y * 8 + u] = sum;
		}
	}
	for (let v = 0; v < 8; v++) {
		for (let u = 0; u < 8; u++) {
			let sum = 0;
			for (let y = 0; y < 8; y++) sum += (rows[y * 8 + u] ?? 0) * (matrix[v * 8 + y] ?? 0);
			out[v * 8 + u] = sum;
		}
	}
}

/**
 * What JPEG of `quality` does to a grey image, in place: 8-bit pixels, and each 8×8 block's
 * cosine coefficients rounded to multiples of the luminance table's steps. For grey pixels the
 * colour channels carry nothing, and the entropy coding loses nothing, so this is the whole of
 * JPEG's loss (the unit test holds it to jpeg-js's round trip) at a tenth of its time.
 */
export function jpegCompress(image: GreyImage, quality: number): void {
	const steps = quantisers(quality);
	const { width, height, data } = image;
	const block = new Float64Array(64);
	const coefficients = new Float64Array(64);
	for (let top = 0; top < height; top += 8) {
		for (let left = 0; left < width; left += 8) {
			// Blocks past an edge repeat its last pixels, as encoders pad them.
			for (let y = 0; y < 8; y++) {
				const row = Math.min(top + y, height - 1) * width;
				for (let x = 0; x < 8; x++) {
					const value = data[row + Math.min(left + x, width - 1)] ?? 0;
					block[y * 8 + x] = Math.min(255, Math.max(0, Math.round(value))) - 128;
				}
			}
			transform(block, coefficients, FORWARD);
			for (let i = 0; i < 64; i++) {
				const step = steps[i] ?? 1;
				coefficients[i] = Math.round((coefficients[i] ?? 0) / step) * step;
			}
			transform(coefficients, block, INVERSE);
			for (let y = 0; y < 8 && top + y < height; y++) {
				for (let x = 0; x < 8 && left + x < width; x++) {
					const value = Math.round((block[y * 8 + x] ?? 0) + 128);
					data[(top + y) * width + left + x] = Math.min(255, Math.max(0, value));
				}
			}
		}
	}
}
