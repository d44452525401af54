import { fileUrl, type FileOwner } from '../domain/files/file-rules';
import type { RefusalReason } from './evidence-outbox';
import type { PreparedEvidence } from './evidence-prepare';
import { evidenceUploads } from './evidence-upload';
import { observe } from './observe.svelte';

export { prepareEvidence, type EvidenceProblem, type PreparedEvidence } from './evidence-prepare';

/**
 * Evidence files as screens use them: a picked or taken photo made ready to cite (downscaled,
 * re-encoded, hashed), queued for upload beside the document that cites it, and shown from the
 * device while it waits there, from the server (and the service worker's cache) after.
 */

/** A file as a screen shows it: a picture or a PDF, or nothing to show (yet). */
export type LoadedEvidence =
	| {
			kind: 'image' | 'pdf';
			url: string;
			/** An object URL, which the caller revokes when done with it. */
			objectUrl: boolean;
			/** Why the server refused the device's waiting copy for good, if it did. */
			refused?: RefusalReason;
	  }
	| { kind: 'missing' };

function uploads() {
	const running = evidenceUploads();
	if (!running) throw new Error('No one is signed in.');
	return running;
}

/** Queues a prepared file for upload beside the document citing it (after writing that). */
export async function queueEvidence(prepared: PreparedEvidence, owner: FileOwner): Promise<void> {
	await uploads().add({
		...prepared,
		...owner,
		tries: 0,
		nextAt: 0,
		failed: null,
		lastError: null
	});
}

/**
 * The device's copy while the file waits to be uploaded, else the server's (through the service
 * worker's cache, so what was seen once shows offline); missing when neither has it.
 */
export async function loadEvidence(hash: string, owner: FileOwner): Promise<LoadedEvidence> {
	const waiting = await evidenceUploads()
		?.waiting(hash)
		.catch(() => undefined);
	if (waiting) {
		return {
			kind: waiting.type === 'application/pdf' ? 'pdf' : 'image',
			url: URL.createObjectURL(waiting.blob),
			objectUrl: true,
			...(waiting.failed ? { refused: waiting.failed } : {})
		};
	}
	const url = fileUrl(hash, owner);
	try {
		const response = await fetch(url, { credentials: 'same-origin' });
		if (!response.ok) return { kind: 'missing' };
		if (response.headers.get('content-type') === 'application/pdf') {
			await response.body?.cancel();
			return { kind: 'pdf', url, objectUrl: false };
		}
		return { kind: 'image', url: URL.createObjectURL(await response.blob()), objectUrl: true };
	} catch {
		return { kind: 'missing' };
	}
}

/** How many files wait to be uploaded (refused ones too), live; call during component init. */
export function waitingEvidence(): { readonly current: number } {
	return observe(() => evidenceUploads()?.waiting$, 0);
}
