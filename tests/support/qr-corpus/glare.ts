import type { GreyImage } from './grey-image';
import type { Point } from './homography';

export interface Glare {
	centre: Point;
	/** The spot's standard deviation, in pixels. */
	radius: number;
	/** How far the spot's centre is pushed towards white: 0 none, 1 white. */
	strength: number;
}

/**
 * A light's reflection on a glossy screen or laminated badge: a soft spot where everything is
 * pushed towards white, dark modules most, so contrast drops there.
 */
export function addGlare(image: GreyImage, { centre, radius, strength }: Glare): void {
	const reach = 3 * radius;
	const top = Math.max(0, Math.floor(centre.y - reach));
	const bottom = Math.min(image.height, Math.ceil(centre.y + reach));
	const left = Math.max(0, Math.floor(centre.x - reach));
	const right = Math.min(image.width, Math.ceil(centre.x + reach));
	for (let y = top; y < bottom; y++) {
		for (let x = left; x < right; x++) {
			const distance2 = (x + 0.5 - centre.x) ** 2 + (y + 0.5 - centre.y) ** 2;
			const amount = strength * Math.exp(-distance2 / (2 * radius * radius));
			const index = y * image.width + x;
			const value = image.data[index] ?? 0;
			image.data[index] = value + (255 - value) * amount;
		}
	}
}
