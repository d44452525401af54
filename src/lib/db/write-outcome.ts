import type { RejectReason } from '../domain/access/write-verdict';
import { LocalWriteRefused } from './local-write';
import type { SyncStatus } from './sync-status';

/** What a person is told after saving: where their work is now, or why it was not kept. */
export type WriteOutcome =
	| { kind: 'saved'; offline: boolean }
	| { kind: 'refused'; reason: RejectReason }
	| { kind: 'failed' };

/** Runs a local write and describes its outcome; a write lands on the device first, always. */
export async function attemptWrite(
	write: () => Promise<void>,
	status: SyncStatus
): Promise<WriteOutcome> {
	try {
		await write();
		return { kind: 'saved', offline: !status.online || !status.signedIn };
	} catch (error) {
		if (error instanceof LocalWriteRefused) return { kind: 'refused', reason: error.reason };
		console.error('local write failed', error);
		return { kind: 'failed' };
	}
}
