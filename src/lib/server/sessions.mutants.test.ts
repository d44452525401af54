import { describe, expect, it } from 'vitest';
import { STORE_TIMEOUT_MS, useTempStore } from '../../test-data/test-store';
import { endSessionsOf, isSessionToken, readSession, sessionIdOf, startSession } from './sessions';
import type { Database } from './store';

/**
 * Cases found by mutation testing (docs/testing.md): a token of the wrong shape is refused by its
 * shape alone, before any lookup, so a caller cannot make the store read arbitrary ids; a
 * session whose end cannot be read is over, not endless; ending a user's sessions removes them.
 */

const T0 = new Date('2024-05-20T08:00:00.000Z');

describe('session tokens, as mutation testing probed them', { timeout: STORE_TIMEOUT_MS }, () => {
	const store = useTempStore('session-tokens');

	it('have exactly 43 URL-safe characters, nothing before or after', () => {
		const token = 'A'.repeat(43);
		expect(isSessionToken(token)).toBe(true);
		expect(isSessionToken(`${token}A`)).toBe(false);
		expect(isSessionToken(`.${token}`)).toBe(false);
		expect(isSessionToken(`${token}\n`)).toBe(false);
	});

	it('are not looked up when malformed', async () => {
		const sessions = store().db('sessions');
		const { token } = await startSession(sessions, 'member1', T0, 60_000);
		const looked: string[] = [];
		const counting = Object.assign(Object.create(sessions) as Database, {
			get: (id: string) => {
				looked.push(id);
				return sessions.get(id);
			}
		});
		expect(await readSession(counting, `${token}A`, T0)).toBeNull();
		expect(await readSession(counting, token.slice(1), T0)).toBeNull();
		expect(looked).toEqual([]);
		expect((await readSession(counting, token, T0))?.username).toBe('member1');
		expect(looked).toHaveLength(1);
	});

	it('are refused when their stored end is not a date', async () => {
		const sessions = store().db('sessions');
		const { token } = await startSession(sessions, 'member1', T0, 60_000);
		const doc = await sessions.get(sessionIdOf(token));
		await sessions.put({ ...doc, expiresAt: 'never' });
		expect(await readSession(sessions, token, T0)).toBeNull();
	});

	it("are removed from the store when their user's sessions end", async () => {
		const sessions = store().db('sessions');
		const { token } = await startSession(sessions, 'member1', T0, 60_000);
		expect(await endSessionsOf(sessions, 'member1')).toBe(1);
		await expect(sessions.get(sessionIdOf(token))).rejects.toMatchObject({ status: 404 });
	});
});
