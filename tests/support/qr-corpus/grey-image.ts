/** A greyscale image: one luminance value (0 black … 255 white) per pixel, row by row. */
export interface GreyImage {
	width: number;
	height: number;
	data: Float32Array;
}

/** RGBA pixels as a canvas's `ImageData` holds them: what a scanner receives from the camera. */
export interface RgbaFrame {
	width: number;
	height: number;
	data: Uint8ClampedArray;
}

export function greyImage(width: number, height: number, fill = 255): GreyImage {
	return { width, height, data: new Float32Array(width * height).fill(fill) };
}

/** The frame a camera would deliver of `image`: grey in all three channels, opaque. */
export function toRgbaFrame(image: GreyImage): RgbaFrame {
	const data = new Uint8ClampedArray(image.width * image.height * 4);
	for (let i = 0; i < image.data.length; i++) {
		const value = image.data[i] ?? 0;
		data[i * 4] = value;
		data[i * 4 + 1] = value;
		data[i * 4 + 2] = value;
		data[i * 4 + 3] = 255;
	}
	return { width: image.width, height: image.height, data };
}
