import { describe, expect, it } from 'vitest';
import { gaussianBlur } from './gaussian-blur';
import { greyImage } from './grey-image';
import { quadToQuad, rectangleQuad } from './homography';
import { warpInto } from './perspective-warp';

function checkerboard(width: number, height: number, cell: number) {
	const image = greyImage(width, height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			image.data[y * width + x] = (Math.floor(x / cell) + Math.floor(y / cell)) % 2 ? 255 : 0;
		}
	}
	return image;
}

describe('warpInto', () => {
	it('copies an image drawn at twice its size back at its own size, edges averaged', () => {
		const source = checkerboard(40, 40, 7);
		const target = greyImage(20, 20, 128);
		warpInto(target, source, quadToQuad(rectangleQuad(40, 40), rectangleQuad(20, 20)), 2);
		expect(target.data[0]).toBeCloseTo(0, 0);
		expect(target.data[5]).toBeCloseTo(255, 0);
		// The pixel straddling a cell edge (source x 6–8, the edge at 7) sees both cells.
		expect(target.data[3]).toBeGreaterThan(40);
		expect(target.data[3]).toBeLessThan(215);
	});

	it('leaves what lies outside the source, and blends pixels it covers in part', () => {
		const source = greyImage(10, 10, 0);
		const target = greyImage(20, 20, 200);
		const placed = rectangleQuad(10, 10).map(({ x, y }) => ({ x: x + 4.5, y: y + 4 }));
		warpInto(target, source, quadToQuad(rectangleQuad(10, 10), placed as never), 2);
		expect(target.data[4 * 20 + 2]).toBe(200);
		expect(target.data[4 * 20 + 7]).toBe(0);
		expect(target.data[4 * 20 + 4]).toBeCloseTo(100, 0);
	});
});

describe('gaussianBlur', () => {
	it('keeps a flat image flat and an edge’s total, and softens the edge', () => {
		const image = greyImage(30, 30);
		for (let i = 0; i < image.data.length; i++) image.data[i] = i % 30 < 15 ? 0 : 200;
		const before = image.data.reduce((sum, value) => sum + value, 0);
		gaussianBlur(image, 1.5);
		const after = image.data.reduce((sum, value) => sum + value, 0);
		expect(after).toBeCloseTo(before, -1);
		expect(image.data[10 * 30 + 14]).toBeGreaterThan(50);
		expect(image.data[10 * 30 + 15]).toBeLessThan(150);
		expect(image.data[10 * 30 + 2]).toBeCloseTo(0, 3);
	});

	it('blurs a region exactly as blurring the whole image would, and nothing beyond it', () => {
		const whole = checkerboard(60, 50, 5);
		const part = checkerboard(60, 50, 5);
		gaussianBlur(whole, 1.2);
		const region = { left: 10, top: 12, width: 30, height: 20 };
		gaussianBlur(part, 1.2, region);
		for (let y = 0; y < 50; y++) {
			for (let x = 0; x < 60; x++) {
				const inside = x >= 10 && x < 40 && y >= 12 && y < 32;
				const expected = inside ? whole.data[y * 60 + x] : checkerboard(60, 50, 5).data[y * 60 + x];
				expect(part.data[y * 60 + x]).toBeCloseTo(expected ?? NaN, 3);
			}
		}
	});
});
