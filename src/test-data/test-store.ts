/**
 * A real embedded store for server tests (a test fixture; only `*.test.ts` files import this).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { applyCouchSetup } from '../lib/server/couch-setup';
import { openStore, type Store } from '../lib/server/store';

/** Real store I/O and scrypt: generous under a loaded, parallel test run. */
export const STORE_TIMEOUT_MS = 30_000;

/**
 * Gives every test of the file (or of the `describe` it is called in) a fresh store in a new
 * temporary folder, set up like CouchDB, and closes and removes it afterwards. Its `beforeEach`
 * runs before the ones registered after the call, so those can already use the store.
 *
 * @param name goes into the folder's name, `baodao-<name>-…`
 * @returns the current test's store
 */
export function useTempStore(name: string): () => Store {
	let dir: string | undefined;
	let store: Store | undefined;

	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), `baodao-${name}-`));
		store = openStore({ dataDir: dir });
		await applyCouchSetup(store);
	}, STORE_TIMEOUT_MS);

	afterEach(async () => {
		await store?.close();
		store = undefined;
		if (dir) await rm(dir, { recursive: true, force: true });
		dir = undefined;
	}, STORE_TIMEOUT_MS);

	return () => {
		if (!store) throw new Error('useTempStore: the store exists only while a test runs');
		return store;
	};
}
