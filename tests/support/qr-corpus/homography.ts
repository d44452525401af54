/** A plane-to-plane projective map: a 3×3 matrix, row by row. */
export type Homography = readonly [
	number,
	number,
	number,
	number,
	number,
	number,
	number,
	number,
	number
];

export interface Point {
	x: number;
	y: number;
}

/** Four corners, in order around the quadrilateral. */
export type Quad = readonly [Point, Point, Point, Point];

/** An axis-aligned rectangle, in pixels. */
export interface Box {
	left: number;
	top: number;
	width: number;
	height: number;
}

/** The corners of a `width`×`height` rectangle at the origin, clockwise from the top left. */
export function rectangleQuad(width: number, height: number): Quad {
	return [
		{ x: 0, y: 0 },
		{ x: width, y: 0 },
		{ x: width, y: height },
		{ x: 0, y: height }
	];
}

export function boundingBox(points: readonly Point[]): Box {
	const xs = points.map((point) => point.x);
	const ys = points.map((point) => point.y);
	const left = Math.min(...xs);
	const top = Math.min(...ys);
	return { left, top, width: Math.max(...xs) - left, height: Math.max(...ys) - top };
}

export function mapQuad(h: Homography, [p0, p1, p2, p3]: Quad): Quad {
	return [
		applyHomography(h, p0),
		applyHomography(h, p1),
		applyHomography(h, p2),
		applyHomography(h, p3)
	];
}

export function applyHomography(h: Homography, point: Point): Point {
	const w = h[6] * point.x + h[7] * point.y + h[8];
	return {
		x: (h[0] * point.x + h[1] * point.y + h[2]) / w,
		y: (h[3] * point.x + h[4] * point.y + h[5]) / w
	};
}

export function multiplyHomographies(a: Homography, b: Homography): Homography {
	const [a0, a1, a2, a3, a4, a5, a6, a7, a8] = a;
	const [b0, b1, b2, b3, b4, b5, b6, b7, b8] = b;
	return [
		a0 * b0 + a1 * b3 + a2 * b6,
		a0 * b1 + a1 * b4 + a2 * b7,
		a0 * b2 + a1 * b5 + a2 * b8,
		a3 * b0 + a4 * b3 + a5 * b6,
		a3 * b1 + a4 * b4 + a5 * b7,
		a3 * b2 + a4 * b5 + a5 * b8,
		a6 * b0 + a7 * b3 + a8 * b6,
		a6 * b1 + a7 * b4 + a8 * b7,
		a6 * b2 + a7 * b5 + a8 * b8
	];
}

/** The inverse map, by the adjugate (its scale does not matter to a homography). */
export function invertHomography(h: Homography): Homography {
	const [a, b, c, d, e, f, g, i, j] = h;
	return [
		e * j - f * i,
		c * i - b * j,
		b * f - c * e,
		f * g - d * j,
		a * j - c * g,
		c * d - a * f,
		d * i - e * g,
		b * g - a * i,
		a * e - b * d
	];
}

/**
 * The map of the unit square's corners (0,0), (1,0), (1,1), (0,1) onto `quad`, in that order
 * (Heckbert's closed form, "Fundamentals of Texture Mapping", 1989).
 */
function squareToQuad([p0, p1, p2, p3]: Quad): Homography {
	const sx = p0.x - p1.x + p2.x - p3.x;
	const sy = p0.y - p1.y + p2.y - p3.y;
	if (sx === 0 && sy === 0) {
		return [p1.x - p0.x, p2.x - p1.x, p0.x, p1.y - p0.y, p2.y - p1.y, p0.y, 0, 0, 1];
	}
	const dx1 = p1.x - p2.x;
	const dx2 = p3.x - p2.x;
	const dy1 = p1.y - p2.y;
	const dy2 = p3.y - p2.y;
	const det = dx1 * dy2 - dx2 * dy1;
	const g = (sx * dy2 - dx2 * sy) / det;
	const h = (dx1 * sy - sx * dy1) / det;
	return [
		p1.x - p0.x + g * p1.x,
		p3.x - p0.x + h * p3.x,
		p0.x,
		p1.y - p0.y + g * p1.y,
		p3.y - p0.y + h * p3.y,
		p0.y,
		g,
		h,
		1
	];
}

/** The homography taking each corner of `from` to the same corner of `to`. */
export function quadToQuad(from: Quad, to: Quad): Homography {
	return multiplyHomographies(squareToQuad(to), invertHomography(squareToQuad(from)));
}
