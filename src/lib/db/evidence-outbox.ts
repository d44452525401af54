import type { FileOwner } from '../domain/files/file-rules';
import { indexedDbStore } from './indexeddb-store';

/**
 * Evidence files waiting to be uploaded: photos and PDFs taken on the device, kept in their own
 * IndexedDB database beside the replica until the server has them. Never in a replicated
 * collection (documents cite files by hash; the bytes travel on their own). One database per
 * user, deleted at sign-out.
 *
 */

const outbox = indexedDbStore('evidence', 'files');

/** Why the server refused a file for good: shown beside the photo. */
export type RefusalReason = 'too-large' | 'unsupported' | 'mismatch';

export interface OutboxEntry extends FileOwner {
	hash: string;
	blob: Blob;
	type: string;
	/** Uploads tried so far. */
	tries: number;
	/** Not before this time (ms) is it tried again. */
	nextAt: number;
	/** Why the server refused it for good; such an entry is not tried again. */
	failed: RefusalReason | null;
	lastError: string | null;
}

/** One entry per file and citing document: the same photo cited twice is uploaded for either. */
export const entryKey = (entry: Pick<OutboxEntry, 'hash' | 'collection' | 'docId'>) =>
	`${entry.collection}/${entry.docId}/${entry.hash}`;

/** Every waiting entry, failed ones too. */
export async function outboxEntries(username: string): Promise<OutboxEntry[]> {
	return (
		(await outbox.transact(
			username,
			'readonly',
			(store) => store.getAll() as IDBRequest<OutboxEntry[]>
		)) ?? []
	);
}

/** Adds or replaces an entry. */
export async function putEntry(username: string, entry: OutboxEntry): Promise<void> {
	await outbox.transact(username, 'readwrite', (store) => store.put(entry, entryKey(entry)));
}

export async function removeEntry(username: string, entry: OutboxEntry): Promise<void> {
	await outbox.transact(username, 'readwrite', (store) => store.delete(entryKey(entry)));
}

/** Deletes every waiting file of a user: part of signing out. */
export function deleteEvidenceOutbox(username: string): Promise<void> {
	return outbox.remove(username);
}
