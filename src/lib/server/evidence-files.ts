import { createHash } from 'node:crypto';
import type { FileType } from '../domain/files/file-rules';
import type { Store } from './store';

/**
 * Evidence files in the server-only database `files`: one document per file, its id the hex
 * SHA-256 of the bytes, the bytes its one attachment. An attachment rather than a file on disk,
 * so the embedded store and CouchDB keep files the same way and back them up with the rest.
 * A file never changes (its id is its content), so storing it again writes nothing.
 */

const ATTACHMENT = 'file';

export interface StoredFile {
	type: FileType;
	bytes: Uint8Array<ArrayBuffer>;
}

export function sha256Hex(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

const isStatus = (error: unknown, status: number) =>
	(error as { status?: unknown } | null)?.status === status;

/** Stores the file under its hash; false when it was stored already (nothing is written then). */
export async function storeFile(
	store: Store,
	hash: string,
	file: StoredFile,
	now: Date
): Promise<boolean> {
	const db = store.db('files');
	const existing = await db.get(hash).catch((error: unknown) => {
		if (isStatus(error, 404)) return null;
		throw error;
	});
	if (existing) return false;
	try {
		await db.put({
			_id: hash,
			type: file.type,
			size: file.bytes.byteLength,
			storedAt: now.toISOString(),
			_attachments: {
				[ATTACHMENT]: {
					content_type: file.type,
					data: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength)
				}
			}
		});
		return true;
	} catch (error) {
		// Another upload of the same bytes got there first: it stored exactly this.
		if (isStatus(error, 409)) return false;
		throw error;
	}
}

/** The stored file, or null when there is none. */
export async function readFile(store: Store, hash: string): Promise<StoredFile | null> {
	try {
		const doc = await store
			.db('files')
			.get<{ type: FileType }>(hash, { attachments: true, binary: true });
		const attachment = doc._attachments?.[ATTACHMENT];
		if (!attachment || !('data' in attachment)) return null;
		const data = attachment.data as Buffer;
		return {
			type: doc.type,
			bytes: new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength)
		};
	} catch (error) {
		if (isStatus(error, 404)) return null;
		throw error;
	}
}
