import { isCollectionName, type CollectionName } from '../registry';
import { isValidId } from '../schema/ids';

/**
 * Evidence files (a micro-wish's picture, the photos of a done claim) are content-addressed
 * blobs stored beside the documents that cite them by their SHA-256, never inside them: a
 * document stays small enough to replicate to every phone, and a file is stored once however
 * often it is cited or uploaded.
 */

/** The largest file the server takes (a photo is downscaled well below it; a PDF is kept whole). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The types the server stores, each recognised by its first bytes, never by what a client says. */
export const FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** Photos are re-encoded to at most this many pixels on their longest side. */
export const PHOTO_MAX_SIDE = 1600;
export const PHOTO_JPEG_QUALITY = 0.85;

const HASH = /^[0-9a-f]{64}$/;

/** A file's name: the lower-case hex SHA-256 of its bytes. */
export function isFileHash(value: unknown): value is string {
	return typeof value === 'string' && HASH.test(value);
}

export function isFileType(value: unknown): value is FileType {
	return typeof value === 'string' && (FILE_TYPES as readonly string[]).includes(value);
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
	bytes.length >= at + signature.length &&
	signature.every((byte, index) => bytes[at + index] === byte);

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The type the bytes are by their magic numbers; null when none of ours. */
export function sniffFileType(bytes: Uint8Array): FileType | null {
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
	if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
	return null;
}

/** The document a file is uploaded or read for: `doc=<collection>/<id>`. */
export interface FileOwner {
	collection: CollectionName;
	docId: string;
}

/** Reads `<collection>/<id>`; null when it names no document that could exist. */
export function parseFileOwner(value: string | null): FileOwner | null {
	if (value === null) return null;
	const slash = value.indexOf('/');
	const collection = value.slice(0, slash);
	const docId = value.slice(slash + 1);
	if (slash < 1 || !isCollectionName(collection) || !isValidId(docId)) return null;
	return { collection, docId };
}

/** The address a device reads a file at, and uploads it to. */
export function fileUrl(hash: string, owner: FileOwner): string {
	return `/api/files/${hash}?doc=${encodeURIComponent(`${owner.collection}/${owner.docId}`)}`;
}
