import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import zxing from '@zxing/library';
import { correction, generate } from 'lean-qr';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from '../../support/chromium-launch';
import type { RgbaFrame } from '../../support/qr-corpus/grey-image';

// The CommonJS build, as Node loads it for the test runner.
const { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } = zxing;

const WIDTH = 640;
const HEIGHT = 480;
const QUIET = 4;
// Luma and chroma in the video range Chromium's Y4M reader assumes; chroma 128 is colourless.
const BLACK = 16;
const WHITE = 235;
const NEUTRAL = 128;

export interface QrVideoOptions {
	/** Pixels per module (default 8). */
	moduleSize?: number;
	/** Identical frames in the file; Chromium loops it (default 5). */
	frames?: number;
}

/** Lean-qr's own choice first (`null`, as the app draws it), then each mask a QR code may use. */
const MASKS = [null, 0, 1, 2, 3, 4, 5, 6, 7] as const;

/** The luma plane of one frame: the code, black on white, centred, with its quiet zone. */
function picture(text: string, moduleSize: number, mask: (typeof MASKS)[number]): Uint8Array {
	const code = generate(text, { minCorrectionLevel: correction.M, mask: mask });
	const side = (code.size + 2 * QUIET) * moduleSize;
	if (side > Math.min(WIDTH, HEIGHT)) {
		throw new Error(
			`A ${code.size}-module code at ${moduleSize} px does not fit ${WIDTH}×${HEIGHT}`
		);
	}
	const luma = new Uint8Array(WIDTH * HEIGHT).fill(WHITE);
	const left = Math.floor((WIDTH - side) / 2) + QUIET * moduleSize;
	const top = Math.floor((HEIGHT - side) / 2) + QUIET * moduleSize;
	for (let y = 0; y < code.size; y++) {
		for (let x = 0; x < code.size; x++) {
			if (!code.get(x, y)) continue;
			for (let row = 0; row < moduleSize; row++) {
				const start = (top + y * moduleSize + row) * WIDTH + left + x * moduleSize;
				luma.fill(BLACK, start, start + moduleSize);
			}
		}
	}
	return luma;
}

function zxingReads(luma: Uint8Array): boolean {
	const source = new RGBLuminanceSource(new Uint8ClampedArray(luma), WIDTH, HEIGHT);
	try {
		new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
		return true;
	} catch {
		return false;
	}
}

/**
 * Writes a still QR code of `text` as an uncompressed Y4M video, for Chromium's fake camera:
 * `--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<path>`. Chromium picks the
 * reader by the file's extension, hence `.y4m`.
 */
export function writeQrVideo(text: string, path: string, options: QrVideoOptions = {}): void {
	const { moduleSize = 8, frames = 5 } = options;
	// zxing's detector misses about one in ten perfectly sharp synthetic codes (it reports no
	// finder patterns; docs/events-and-check-in.md, known limits). The video must test the app,
	// not that weakness: of the masks a QR code may use, take the first whose picture zxing reads.
	const pictures = MASKS.map((mask) => picture(text, moduleSize, mask));
	const luma = pictures.find(zxingReads) ?? pictures[0];
	if (!luma) throw new Error('No picture of the code.');
	writeY4m(luma, WIDTH, HEIGHT, path, frames);
}

/** `luma` (video range) as the frames of an uncompressed, colourless Y4M video. */
function writeY4m(luma: Uint8Array, width: number, height: number, path: string, frames: number) {
	if (!path.endsWith('.y4m')) throw new Error(`Chromium reads Y4M only from a .y4m file: ${path}`);
	const header = new TextEncoder().encode(
		`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`
	);
	const marker = new TextEncoder().encode('FRAME\n');
	// 4:2:0: one Cb and one Cr sample for each 2×2 block of pixels, after the luma plane.
	const chroma = (width / 2) * (height / 2) * 2;
	const frameLength = marker.length + luma.length + chroma;
	const file = new Uint8Array(header.length + frames * frameLength).fill(NEUTRAL);
	file.set(header);
	for (let frame = 0; frame < frames; frame++) {
		const at = header.length + frame * frameLength;
		file.set(marker, at);
		file.set(luma, at + marker.length);
	}
	writeFileSync(path, file);
}

/**
 * Writes a grey camera frame (RGBA, e.g. from tests/support/qr-corpus: blurred, tilted, far
 * away) as a still Y4M video for Chromium's fake camera. Its even width and height are kept.
 */
export function writeFrameVideo(frame: RgbaFrame, path: string, frames = 5): void {
	const luma = new Uint8Array(frame.width * frame.height);
	// Full-range grey to the video range Chromium's reader expects (it maps it back).
	for (let i = 0; i < luma.length; i++) {
		luma[i] = BLACK + Math.round(((frame.data[i * 4] ?? 0) * (WHITE - BLACK)) / 255);
	}
	writeY4m(luma, frame.width, frame.height, path, frames);
}

// Each browser is launched with its own camera: Chromium takes the fake camera from its flags.
/** Grants the camera permission without a prompt. */
export const GRANT_CAMERA = '--use-fake-ui-for-media-stream';

function cameraArgs(cameraVideo: string | null, flags: string[]): string[] {
	return [
		...QUIET_CHROMIUM_ARGS,
		...flags,
		...(cameraVideo
			? ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${cameraVideo}`]
			: [])
	];
}

/** Chromium with `flags`; `cameraVideo` (a Y4M file) becomes its only camera when given. */
export function launchWithCamera(cameraVideo: string | null, flags: string[] = [GRANT_CAMERA]) {
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: cameraArgs(cameraVideo, flags) });
}

/**
 * A Chromium process keeping its profile (service worker, caches, session) in `userDataDir`, so
 * that closing it and launching again is a restart of the same browser; with a camera as above.
 */
export function launchPersistentWithCamera(
	userDataDir: string,
	cameraVideo: string | null,
	options: { baseURL: string | undefined; viewport: { width: number; height: number } }
) {
	return chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM_PATH,
		args: cameraArgs(cameraVideo, [GRANT_CAMERA]),
		...options
	});
}
