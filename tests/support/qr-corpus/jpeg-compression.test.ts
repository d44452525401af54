import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { corpusRandom } from './corpus-random';
import { gaussianBlur } from './gaussian-blur';
import { greyImage, toRgbaFrame, type RgbaFrame } from './grey-image';
import { jpegCompress } from './jpeg-compression';
import { addSensorNoise } from './sensor-noise';

/** The reference: a whole JPEG encoding and decoding by jpeg-js. */
function jpegRoundTrip(frame: RgbaFrame, quality: number): Uint8Array {
	const encoded = jpeg.encode(frame, quality);
	return jpeg.decode(encoded.data, { useTArray: true, formatAsRGBA: true }).data;
}

/** Hard edges, a gradient and noise: all that JPEG treats differently. */
function testImage() {
	const image = greyImage(64, 48);
	for (let y = 0; y < 48; y++) {
		for (let x = 0; x < 64; x++) {
			image.data[y * 64 + x] = (x >> 2) % 2 === (y >> 3) % 2 ? 30 : 40 + 3 * x;
		}
	}
	gaussianBlur(image, 0.7);
	addSensorNoise(image, 20, corpusRandom(3));
	return image;
}

describe('jpegCompress', () => {
	it.each([25, 45])('loses what jpeg-js loses at quality %i, give or take rounding', (quality) => {
		const original = testImage();
		const reference = jpegRoundTrip(toRgbaFrame(original), quality);
		const ours = structuredClone(original);
		jpegCompress(ours, quality);
		let differences = 0;
		let widest = 0;
		let lost = 0;
		for (let i = 0; i < ours.data.length; i++) {
			const expected = reference[i * 4] ?? 0;
			const difference = Math.abs((ours.data[i] ?? 0) - expected);
			differences += difference;
			widest = Math.max(widest, difference);
			lost += Math.abs(Math.round(original.data[i] ?? 0) - expected);
		}
		// A coefficient on a rounding boundary may go the other way: a level or two, rarely three.
		expect(widest).toBeLessThanOrEqual(3);
		expect(differences / ours.data.length).toBeLessThan(0.3);
		// JPEG's loss itself is far larger, so the likeness means something.
		expect(lost / ours.data.length).toBeGreaterThan(5);
	});
});
