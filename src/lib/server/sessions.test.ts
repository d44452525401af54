import { beforeEach, describe, expect, it } from 'vitest';
import {
	endSession,
	endSessionsOf,
	readSession,
	SESSION_COOKIE,
	sessionEnding,
	sessionIdOf,
	startSession
} from './sessions';
import type { Database } from './store';
import { STORE_TIMEOUT_MS, useTempStore } from '../../test-data/test-store';

const T0 = new Date('2024-05-20T08:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const at = (ms: number) => new Date(T0.getTime() + ms);

const store = useTempStore('sessions');
let db: Database;

beforeEach(() => {
	db = store().db('sessions');
});

describe('sessions', { timeout: STORE_TIMEOUT_MS }, () => {
	it('names its cookie', () => {
		expect(SESSION_COOKIE).toBe('baodao_session');
	});

	it('starts a session with a random URL-safe token and an expiry', async () => {
		const a = await startSession(db, 'member1', T0, 8 * HOUR);
		const b = await startSession(db, 'member1', T0, 8 * HOUR);
		expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(a.token).not.toBe(b.token);
		expect(a.expiresAt.toISOString()).toBe(at(8 * HOUR).toISOString());
	});

	it('stores only a hash of the token', async () => {
		const { token } = await startSession(db, 'member1', T0, HOUR);
		const all = await db.allDocs({ include_docs: true });
		expect(all.rows).toHaveLength(1);
		expect(JSON.stringify(all.rows)).not.toContain(token);
		expect(all.rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
		expect(all.rows[0]?.doc).toMatchObject({
			username: 'member1',
			createdAt: T0.toISOString(),
			expiresAt: at(HOUR).toISOString()
		});
	});

	it('looks up the user of a live session', async () => {
		const { token } = await startSession(db, 'member1', T0, HOUR);
		expect((await readSession(db, token, T0))?.username).toBe('member1');
		expect((await readSession(db, token, at(HOUR - 1)))?.username).toBe('member1');
	});

	it('expires a session at its expiry time', async () => {
		const { token } = await startSession(db, 'member1', T0, HOUR);
		expect(await readSession(db, token, at(HOUR))).toBeNull();
		expect(await readSession(db, token, at(2 * HOUR))).toBeNull();
	});

	it('knows no session for an unknown token of the right shape', async () => {
		await startSession(db, 'member1', T0, HOUR);
		expect(await readSession(db, 'A'.repeat(43), T0)).toBeNull();
	});

	it('refuses malformed tokens', async () => {
		const { token } = await startSession(db, 'member1', T0, HOUR);
		for (const malformed of [
			'',
			'abc',
			token.slice(1),
			`${token}A`,
			`${token.slice(1)}.`,
			`${token.slice(1)}=`,
			`${token.slice(2)}/+`,
			' '.repeat(43),
			'_design/channels',
			'../' + token.slice(3)
		]) {
			expect(await readSession(db, malformed, T0), malformed).toBeNull();
		}
	});

	it('does not accept the stored hash as a token', async () => {
		await startSession(db, 'member1', T0, HOUR);
		const [row] = (await db.allDocs()).rows;
		expect(await readSession(db, row?.id ?? '', T0)).toBeNull();
	});

	it('ends one session and leaves the others', async () => {
		const first = await startSession(db, 'member1', T0, HOUR);
		const second = await startSession(db, 'member1', T0, HOUR);
		await endSession(db, first.token);
		expect(await readSession(db, first.token, T0)).toBeNull();
		expect((await readSession(db, second.token, T0))?.username).toBe('member1');
	});

	it('ends an unknown or already ended session quietly', async () => {
		const { token } = await startSession(db, 'member1', T0, HOUR);
		await endSession(db, token);
		await expect(endSession(db, token)).resolves.toBeUndefined();
		await expect(endSession(db, 'not-a-token')).resolves.toBeUndefined();
	});

	it("ends every session of one user and nobody else's", async () => {
		const mine = [
			await startSession(db, 'member1', T0, HOUR),
			await startSession(db, 'member1', T0, 2 * HOUR),
			await startSession(db, 'member1', T0, 3 * HOUR)
		];
		const theirs = await startSession(db, 'member2', T0, HOUR);
		expect(await endSessionsOf(db, 'member1')).toBe(3);
		for (const s of mine) expect(await readSession(db, s.token, T0)).toBeNull();
		expect((await readSession(db, theirs.token, T0))?.username).toBe('member2');
		expect(await endSessionsOf(db, 'member1')).toBe(0);
		expect(await endSessionsOf(db, 'nobody')).toBe(0);
	});

	it('marks sessions ended by deactivation, so their holders alone learn why', async () => {
		const kept = await startSession(db, 'member1', T0, HOUR);
		const ended = await startSession(db, 'member1', T0, HOUR);
		const other = await startSession(db, 'member2', T0, HOUR);
		expect(
			await endSessionsOf(db, 'member1', {
				because: 'deactivated',
				except: sessionIdOf(kept.token)
			})
		).toBe(1);
		expect(await readSession(db, ended.token, T0)).toBeNull();
		expect(await sessionEnding(db, ended.token, T0)).toBe('deactivated');
		expect((await readSession(db, kept.token, T0))?.username).toBe('member1');
		expect(await sessionEnding(db, kept.token, T0)).toBeNull();
		expect(await sessionEnding(db, other.token, T0)).toBeNull();
		// Past the session's end the reason is forgotten, and a tombstone is not ended twice.
		expect(await sessionEnding(db, ended.token, at(2 * HOUR))).toBeNull();
		expect(await endSessionsOf(db, 'member1', { because: 'deactivated' })).toBe(1);
	});
});
