import { codeRaster, codeSpan } from './code-raster';
import { corpusRandom } from './corpus-random';
import { gaussianBlur } from './gaussian-blur';
import { addGlare } from './glare';
import { greyImage, toRgbaFrame, type GreyImage, type RgbaFrame } from './grey-image';
import {
	boundingBox,
	mapQuad,
	quadToQuad,
	rectangleQuad,
	type Point,
	type Quad
} from './homography';
import { jpegCompress } from './jpeg-compression';
import { warpInto } from './perspective-warp';
import { addSensorNoise } from './sensor-noise';

/** How a code is held up to a camera, and what the camera makes of it. */
export interface Shot {
	text: string;
	/** Frame size in pixels; 640×480 unless set. */
	width?: number;
	height?: number;
	/** Size of a module at the code's centre, in frame pixels; lowered if the code would not fit. */
	pixelsPerModule: number;
	/** Turn of the code in its own plane, degrees. */
	rotation: number;
	/** Turn of the code's plane away from facing the camera, degrees. */
	tilt: number;
	/** Direction in the frame of the axis the code tilts about, degrees. */
	tiltAxis: number;
	/** Where the code sits: -1 … 1 of the room left on each side, horizontally and vertically. */
	offset: Point;
	/** Grey levels of dark modules and of the light around them, as the camera records them. */
	dark: number;
	light: number;
	/** A reflection: its centre as fractions of the code's extent, its radius as one of its side. */
	glare?: { at: Point; radius: number; strength: number };
	/** Defocus: the Gaussian's sigma, in modules. */
	blur: number;
	/** Sensor noise: sigma, in grey levels. */
	noise: number;
	jpegQuality?: number;
	/** The scene behind: grey level at the left edge and at the right edge. */
	background: readonly [number, number];
	/** Seeds the noise, so the same shot always gives the same frame. */
	seed: number;
}

/** Light margin of the screen around the quiet zone, then the phone's dark frame, in modules. */
const SCREEN_MARGIN = 2;
const BEZEL = 3;
const BEZEL_LEVEL = 25;
/** A phone camera's horizontal field of view: about 70°. */
const HALF_FIELD_OF_VIEW = (35 * Math.PI) / 180;
/** Source pixels per frame pixel at the code's centre: keeps bilinear sampling crisp. */
const OVERSAMPLING = 2;
const SAMPLES_PER_AXIS = 2;
/** Frame pixels kept clear between the code's quiet zone and the frame's edge. */
const EDGE = 2;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** The phone (or badge) as the camera faces it: screen light around the code, a dark frame. */
function card(text: string, sourcePpm: number, dark: number, light: number): GreyImage {
	const code = codeRaster(text, sourcePpm, dark, light);
	const pad = (SCREEN_MARGIN + BEZEL) * sourcePpm;
	const bezel = BEZEL * sourcePpm;
	const side = code.width + 2 * pad;
	const image = greyImage(side, side, BEZEL_LEVEL);
	for (let y = bezel; y < side - bezel; y++) {
		image.data.fill(light, y * side + bezel, (y + 1) * side - bezel);
	}
	for (let y = 0; y < code.height; y++) {
		image.data.set(
			code.data.subarray(y * code.width, (y + 1) * code.width),
			(y + pad) * side + pad
		);
	}
	return image;
}

/**
 * Where the corners of a square of `side` pixels, centred before the camera at the distance where
 * one unit is one frame pixel, land in the frame once turned by `shot`'s angles (a pinhole camera).
 */
function projectSquare(side: number, shot: Shot, width: number, height: number): Quad {
	const focal = width / 2 / Math.tan(HALF_FIELD_OF_VIEW);
	const turn = radians(shot.rotation);
	const tilt = radians(shot.tilt);
	const ax = Math.cos(radians(shot.tiltAxis));
	const ay = Math.sin(radians(shot.tiltAxis));
	const project = (x: number, y: number): Point => {
		const px = x * Math.cos(turn) - y * Math.sin(turn);
		const py = x * Math.sin(turn) + y * Math.cos(turn);
		// Rodrigues' rotation of (px, py, 0) about the in-plane axis (ax, ay, 0).
		const along = (ax * px + ay * py) * (1 - Math.cos(tilt));
		const X = px * Math.cos(tilt) + ax * along;
		const Y = py * Math.cos(tilt) + ay * along;
		const Z = focal + (ax * py - ay * px) * Math.sin(tilt);
		return { x: (focal * X) / Z + width / 2, y: (focal * Y) / Z + height / 2 };
	};
	const half = side / 2;
	return [project(-half, -half), project(half, -half), project(half, half), project(-half, half)];
}

/** The shot's module size, lowered until the code with its quiet zone fits in the frame. */
function fittingPixelsPerModule(shot: Shot, span: number, width: number, height: number): number {
	let pixelsPerModule = shot.pixelsPerModule;
	for (;;) {
		const box = boundingBox(projectSquare(span * pixelsPerModule, shot, width, height));
		const scale = Math.min((width - 2 * EDGE) / box.width, (height - 2 * EDGE) / box.height);
		if (scale >= 1) return pixelsPerModule;
		pixelsPerModule *= scale * 0.99;
	}
}

export interface CameraFrame {
	frame: RgbaFrame;
	/** The module size the code was drawn at, after fitting. */
	pixelsPerModule: number;
}

/** The frame a camera delivers of `shot`: deterministic, the same shot giving the same pixels. */
export function cameraFrame(shot: Shot): CameraFrame {
	const width = shot.width ?? 640;
	const height = shot.height ?? 480;
	const span = codeSpan(shot.text);
	const pixelsPerModule = fittingPixelsPerModule(shot, span, width, height);
	const placed = projectSquare(span * pixelsPerModule, shot, width, height);
	const box = boundingBox(placed);
	const shift = {
		x: (shot.offset.x * (width - 2 * EDGE - box.width)) / 2,
		y: (shot.offset.y * (height - 2 * EDGE - box.height)) / 2
	};
	const moved = (corner: Point): Point => ({ x: corner.x + shift.x, y: corner.y + shift.y });
	const quad: Quad = [moved(placed[0]), moved(placed[1]), moved(placed[2]), moved(placed[3])];
	const sourcePpm = Math.ceil(OVERSAMPLING * pixelsPerModule);
	const source = card(shot.text, sourcePpm, shot.dark, shot.light);
	const from = (SCREEN_MARGIN + BEZEL) * sourcePpm;
	const to = from + span * sourcePpm;
	const codeCorners: Quad = [
		{ x: from, y: from },
		{ x: to, y: from },
		{ x: to, y: to },
		{ x: from, y: to }
	];

	const scene = greyImage(width, height);
	const [leftLevel, rightLevel] = shot.background;
	for (let x = 0; x < width; x++) {
		const level = leftLevel + ((rightLevel - leftLevel) * x) / (width - 1);
		for (let y = 0; y < height; y++) scene.data[y * width + x] = level;
	}
	const toFrame = quadToQuad(codeCorners, quad);
	warpInto(scene, source, toFrame, SAMPLES_PER_AXIS);
	if (shot.glare) {
		const extent = boundingBox(quad);
		addGlare(scene, {
			centre: {
				x: extent.left + shot.glare.at.x * extent.width,
				y: extent.top + shot.glare.at.y * extent.height
			},
			radius: shot.glare.radius * Math.max(extent.width, extent.height),
			strength: shot.glare.strength
		});
	}
	if (shot.noise > 0) addSensorNoise(scene, shot.noise, corpusRandom(shot.seed));
	// The blur stands for the lens and for the camera's own smoothing (denoising, scaling), so it
	// comes after the sensor's noise. Without noise the scene beyond the phone is a smooth
	// gradient, and only the phone and its edge need blurring.
	const sigma = shot.blur * pixelsPerModule;
	const phone = boundingBox(mapQuad(toFrame, rectangleQuad(source.width, source.height)));
	const reach = Math.ceil(3 * sigma) + 1;
	gaussianBlur(
		scene,
		sigma,
		shot.noise > 0
			? undefined
			: {
					left: phone.left - reach,
					top: phone.top - reach,
					width: phone.width + 2 * reach,
					height: phone.height + 2 * reach
				}
	);
	if (shot.jpegQuality !== undefined) jpegCompress(scene, shot.jpegQuality);
	return { frame: toRgbaFrame(scene), pixelsPerModule };
}
