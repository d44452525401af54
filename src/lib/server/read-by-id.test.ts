import { describe, expect, it } from 'vitest';
import { findAccount } from './accounts';
import { authenticate } from './authentication';
import { getIfExists } from './read-by-id';
import type { ServerContext } from './server-context';
import { readSession, SESSION_COOKIE, sessionIdOf } from './sessions';
import type { Database } from './store';

const TOKEN = 'a'.repeat(43);

/** A database whose every read fails with `status`, as PouchDB's HTTP adapter reports it. */
function failing(status: number, message: string): Database {
	return {
		get: () => Promise.reject(Object.assign(new Error(message), { status }))
	} as unknown as Database;
}

const missing = () => failing(404, 'missing');
/** What the app sees when HAProxy answers for a CouchDB node that died under the request. */
const unreachable = () => failing(502, 'Bad Gateway');

/**
 * A document that is not there and a store that cannot answer are different things: the first is
 * "no session", "no account"; the second must fail the request (the device retries, still
 * signed in), never sign the device out.
 */
describe('reads by id while the store fails', () => {
	it('answers null only for a document the store says is missing', async () => {
		await expect(getIfExists(missing(), 'x')).resolves.toBeNull();
		await expect(getIfExists(unreachable(), 'x')).rejects.toMatchObject({ status: 502 });
	});

	it('does not take an unreachable store for an ended session', async () => {
		await expect(readSession(missing(), TOKEN, new Date())).resolves.toBeNull();
		await expect(readSession(unreachable(), TOKEN, new Date())).rejects.toMatchObject({
			status: 502
		});
	});

	it('does not take an unreachable store for an unknown account', async () => {
		await expect(findAccount(missing(), 'member1')).resolves.toBeNull();
		await expect(findAccount(unreachable(), 'member1')).rejects.toMatchObject({ status: 502 });
	});

	it("does not leave a member's residence out of their channels when it cannot be read", async () => {
		const stored: Record<string, Record<string, unknown>> = {
			[sessionIdOf(TOKEN)]: {
				_id: sessionIdOf(TOKEN),
				username: 'member1',
				expiresAt: '2999-01-01'
			},
			member1: {
				_id: 'member1',
				displayName: 'member1',
				memberId: 'm001',
				branchId: 'br1',
				orgId: 'org-a',
				roles: [{ role: 'member' }]
			}
		};
		const found = {
			get: (id: string) =>
				stored[id]
					? Promise.resolve(stored[id])
					: Promise.reject(Object.assign(new Error('missing'), { status: 404 })),
			allDocs: () => Promise.resolve({ rows: [] })
		} as unknown as Database;
		const context = {
			now: () => new Date(),
			store: { db: (name: string) => (name === 'members' ? unreachable() : found) },
			callers: { read: (_key: string, load: () => Promise<unknown>) => load() }
		} as unknown as ServerContext;
		const request = new Request('http://app.test/sync/reports/_changes', {
			headers: { cookie: `${SESSION_COOKIE}=${TOKEN}` }
		});
		await expect(authenticate(context, request)).rejects.toMatchObject({ status: 502 });
	});
});
