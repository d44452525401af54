import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CollectionName } from '../../src/lib/domain/registry';
import { createAccount } from '../../src/lib/server/accounts';
import { SESSION_COOKIE, startSession } from '../../src/lib/server/sessions';
import { openStore, type StoreOptions } from '../../src/lib/server/store';
import { startBuiltApp, type BuiltApp } from '../support/built-app';
import {
	COUCH_REQUIRED,
	dropCouchDatabases,
	findCouchSource,
	freshCouchPrefix,
	NO_COUCH_MESSAGE,
	startRealCouch,
	type RealCouch
} from '../support/real-couch';

/**
 * The built app stops on SIGTERM or SIGINT within seconds, on either store, while a device holds
 * longpolls on several databases and its live stream (issue 15): a process manager restarting it
 * must not wait out held connections and then kill it.
 */

/** The limit: a wait deadline, not a measure of speed. */
const EXIT_DEADLINE_MS = 5_000;
const LONGPOLLED: CollectionName[] = ['reports', 'activities', 'attendance', 'evaluations'];
/** Longer than any test: an answer before it can only be the shutdown's. */
const HOLD_MS = 600_000;

const couchSource = findCouchSource();
if (!couchSource) {
	if (COUCH_REQUIRED) throw new Error(NO_COUCH_MESSAGE);
	console.warn(NO_COUCH_MESSAGE);
}

let couch: RealCouch | null = null;
const cleanUps: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
	if (couchSource) couch = await startRealCouch(couchSource);
});
afterAll(() => couch?.close());
afterEach(async () => {
	for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

/** A member's account and a session in a store the app has not opened yet: its cookie. */
async function prepareStore(options: StoreOptions): Promise<string> {
	const store = openStore(options);
	try {
		await createAccount(store.db('accounts'), {
			username: 'member1',
			password: 'unused-password',
			displayName: '党员一',
			memberId: 'm001',
			branchId: 'br1',
			orgId: 'org-a',
			roles: [{ role: 'member' }]
		});
		const { token } = await startSession(store.db('sessions'), 'member1', new Date(), HOLD_MS);
		return `${SESSION_COOKIE}=${token}`;
	} finally {
		await store.close();
	}
}

async function embeddedApp(): Promise<{ app: BuiltApp; cookie: string }> {
	const dataDir = await mkdtemp(join(tmpdir(), 'baodao-shutdown-'));
	cleanUps.push(() => rm(dataDir, { recursive: true, force: true }));
	const cookie = await prepareStore({ dataDir });
	const app = await startBuiltApp({ env: { DATA_DIR: dataDir, DEMO_DATA: '0' } });
	cleanUps.push(() => app.stop('SIGKILL'));
	return { app, cookie };
}

async function couchApp(): Promise<{ app: BuiltApp; cookie: string }> {
	if (!couch) throw new Error(NO_COUCH_MESSAGE);
	const prefix = freshCouchPrefix();
	const url = couch.url;
	cleanUps.push(() => dropCouchDatabases(url, prefix));
	const cookie = await prepareStore({ couchUrl: url, prefix });
	const app = await startBuiltApp({ env: { COUCHDB_URL: url, COUCHDB_PREFIX: prefix } });
	cleanUps.push(() => app.stop('SIGKILL'));
	return { app, cookie };
}

interface LiveConnections {
	/** Each longpoll's status once answered. */
	longpolls: Promise<number[]>;
	/** How the live stream ended: `closed` when the server ended it, else the error. */
	stream: Promise<string>;
}

/** A device's live connections: longpolls on several databases and the live stream. */
async function openLiveConnections(url: string, cookie: string): Promise<LiveConnections> {
	const headers = { cookie };
	const positions = await Promise.all(
		LONGPOLLED.map(async (name) => {
			const answer = await fetch(`${url}/sync/${name}/_changes?since=now`, { headers });
			expect(answer.status).toBe(200);
			return ((await answer.json()) as { last_seq: string }).last_seq;
		})
	);
	const longpolls = Promise.all(
		LONGPOLLED.map((name, index) =>
			fetch(
				`${url}/sync/${name}/_changes?feed=longpoll&heartbeat=${HOLD_MS}` +
					`&since=${encodeURIComponent(positions[index] ?? '')}`,
				{ headers }
			).then(async (answer) => {
				await answer.arrayBuffer();
				return answer.status;
			})
		)
	);
	const opened = await fetch(`${url}/sync/_stream`, { headers });
	expect(opened.status).toBe(200);
	const reader = opened.body!.getReader();
	// The `ready` event: the stream is subscribed.
	await reader.read();
	const stream = (async () => {
		try {
			while (!(await reader.read()).done);
			return 'closed';
		} catch (error) {
			return `failed: ${String(error)}`;
		}
	})();
	// Answered after the longpolls were sent: by then the server holds them.
	for (const name of LONGPOLLED) {
		const answer = await fetch(`${url}/sync/${name}/_changes?since=now`, { headers });
		expect(answer.status).toBe(200);
		await answer.arrayBuffer();
	}
	return { longpolls, stream };
}

/** Sends `signal` and waits for the exit until the deadline. */
async function stopWithin(app: BuiltApp, signal: NodeJS.Signals) {
	let outcome: number | NodeJS.Signals | undefined;
	const sentAt = Date.now();
	void app.exited.then((code) => (outcome = code));
	app.child.kill(signal);
	await vi
		.waitFor(() => expect(outcome).toBeDefined(), { timeout: EXIT_DEADLINE_MS, interval: 20 })
		.catch(() => undefined);
	const took = outcome === undefined ? 'no exit' : `exit after ${Date.now() - sentAt} ms`;
	expect(outcome, `${signal}: ${took} (deadline ${EXIT_DEADLINE_MS} ms)`).toBe(0);
}

describe('the built app on a signal', () => {
	it('stops on SIGTERM on the embedded store, answering the longpolls and ending the stream', async () => {
		const { app, cookie } = await embeddedApp();
		const live = await openLiveConnections(app.url, cookie);
		await stopWithin(app, 'SIGTERM');
		await expect(live.longpolls).resolves.toEqual(LONGPOLLED.map(() => 200));
		await expect(live.stream).resolves.toBe('closed');
	});

	it('stops on SIGINT as on SIGTERM', async () => {
		const { app, cookie } = await embeddedApp();
		const live = await openLiveConnections(app.url, cookie);
		await stopWithin(app, 'SIGINT');
		await expect(live.longpolls).resolves.toEqual(LONGPOLLED.map(() => 200));
		await expect(live.stream).resolves.toBe('closed');
	});

	it.skipIf(!couchSource)(
		'stops on SIGTERM on CouchDB, its own feeds of the store closed too',
		async () => {
			const { app, cookie } = await couchApp();
			const live = await openLiveConnections(app.url, cookie);
			await stopWithin(app, 'SIGTERM');
			await expect(live.longpolls).resolves.toEqual(LONGPOLLED.map(() => 200));
			await expect(live.stream).resolves.toBe('closed');
		}
	);
});
