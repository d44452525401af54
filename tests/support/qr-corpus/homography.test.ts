import { describe, expect, it } from 'vitest';
import { applyHomography, invertHomography, quadToQuad, type Quad } from './homography';

const square: Quad = [
	{ x: 0, y: 0 },
	{ x: 100, y: 0 },
	{ x: 100, y: 100 },
	{ x: 0, y: 100 }
];
/** A keystone: the far edge shorter, as a tilted code looks. */
const keystone: Quad = [
	{ x: 230, y: 110 },
	{ x: 390, y: 125 },
	{ x: 420, y: 380 },
	{ x: 200, y: 350 }
];

describe('quadToQuad', () => {
	it('takes each corner to its counterpart, and its inverse takes them back', () => {
		const map = quadToQuad(square, keystone);
		const back = invertHomography(map);
		square.forEach((corner, i) => {
			const mapped = applyHomography(map, corner);
			expect(mapped.x).toBeCloseTo(keystone[i]?.x ?? NaN, 6);
			expect(mapped.y).toBeCloseTo(keystone[i]?.y ?? NaN, 6);
			const returned = applyHomography(back, mapped);
			expect(returned.x).toBeCloseTo(corner.x, 6);
			expect(returned.y).toBeCloseTo(corner.y, 6);
		});
	});

	it('keeps straight lines straight: the midpoint of an edge lands on the mapped edge', () => {
		const map = quadToQuad(square, keystone);
		const middle = applyHomography(map, { x: 50, y: 0 });
		const [from, to] = [keystone[0], keystone[1]];
		const cross = (to.x - from.x) * (middle.y - from.y) - (to.y - from.y) * (middle.x - from.x);
		expect(cross).toBeCloseTo(0, 6);
		// Perspective, not an affine map: the midpoint is not the edge's midpoint.
		expect(Math.abs(middle.x - (from.x + to.x) / 2)).toBeGreaterThan(0.5);
	});
});
