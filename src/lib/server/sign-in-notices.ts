import { withChannels } from '../domain/access/write-policy';
import { signInLockedId, type Notice } from '../domain/registry';
import type { Store } from './store';

/**
 * Tells an account's owner that some address was locked out after repeated wrong passwords. One
 * notice a day: should it exist already, the owner has been told, and the write is dropped.
 * Neither the address nor the guesses are told: the owner needs to know it happened, not where.
 */
export async function noticeSignInLocked(store: Store, username: string, now: Date): Promise<void> {
	const notice: Notice = withChannels('notices', {
		id: signInLockedId(username, now),
		recipient: username,
		kind: 'sign-in-locked' as const,
		createdAt: now.toISOString(),
		channels: []
	});
	const { id, ...fields } = notice;
	await store
		.db('notices')
		.put({ ...fields, _id: id })
		.catch((error: unknown) => {
			if ((error as { status?: number }).status !== 409) throw error;
		});
}
