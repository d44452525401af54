import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../domain/codes/byte-encoding';
import {
	MAX_FILE_BYTES,
	PHOTO_JPEG_QUALITY,
	PHOTO_MAX_SIDE,
	sniffFileType,
	type FileType
} from '../domain/files/file-rules';

/**
 * A picked or taken file made ready to cite: photos re-drawn smaller as JPEG, PDFs as they are,
 * and named by their SHA-256. Runs in the browser (createImageBitmap, canvas).
 */

export interface PreparedEvidence {
	hash: string;
	type: FileType;
	blob: Blob;
}

/** Not a photo or a PDF; too large even after downscaling; a photo the browser cannot open. */
export type EvidenceProblem = 'unsupported' | 'too-large' | 'unreadable';

async function sha256Hex(blob: Blob): Promise<string> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	// crypto.subtle exists only on HTTPS (and localhost); a LAN install on plain http has none.
	const digest = globalThis.crypto?.subtle
		? new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes))
		: sha256(bytes);
	return toHex(digest);
}

/**
 * Draws the photo again at most PHOTO_MAX_SIDE on its longest side, as JPEG: the copy carries no
 * EXIF (so no location), and the camera's orientation is applied to the pixels first.
 */
async function downscaled(file: Blob): Promise<Blob | null> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	} catch {
		return null;
	}
	const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
	const canvas = document.createElement('canvas');
	canvas.width = Math.max(1, Math.round(bitmap.width * scale));
	canvas.height = Math.max(1, Math.round(bitmap.height * scale));
	const context = canvas.getContext('2d');
	if (!context) return null;
	// JPEG has no transparency: a transparent PNG would turn black.
	context.fillStyle = 'white';
	context.fillRect(0, 0, canvas.width, canvas.height);
	context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
	bitmap.close();
	return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_JPEG_QUALITY));
}

/** Makes a picked file ready to cite: photos downscaled to JPEG, PDFs as they are. */
export async function prepareEvidence(
	file: Blob
): Promise<PreparedEvidence | { problem: EvidenceProblem }> {
	const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
	const sniffed = sniffFileType(head);
	if (sniffed === 'application/pdf') {
		if (file.size > MAX_FILE_BYTES) return { problem: 'too-large' };
		const blob = new Blob([file], { type: sniffed });
		return { hash: await sha256Hex(blob), type: sniffed, blob };
	}
	// What the browser can open is taken (HEIC on an iPhone too), and leaves as JPEG.
	if (!sniffed && !file.type.startsWith('image/')) return { problem: 'unsupported' };
	const blob = await downscaled(file);
	if (!blob) return { problem: sniffed ? 'unreadable' : 'unsupported' };
	if (blob.size > MAX_FILE_BYTES) return { problem: 'too-large' };
	return { hash: await sha256Hex(blob), type: 'image/jpeg', blob };
}
