import { inject } from 'vitest';
import { dropCouchDatabases, freshCouchPrefix } from './real-couch';

/** Where a test's server keeps its data: its `startTestServer` options and how to clear it. */
export interface TestStore {
	options: { couchUrl?: string; prefix?: string };
	/** Removes what the server left in a shared store; nothing for an embedded one. */
	drop(): Promise<void>;
}

/**
 * The store of this run's project: on the `couchdb` project the run's real CouchDB under a prefix
 * of its own (so files and servers never meet), elsewhere the embedded store in a fresh folder.
 */
export function testStore(): TestStore {
	const couchUrl = inject('realCouchUrl');
	if (!couchUrl) return { options: {}, drop: async () => {} };
	const prefix = freshCouchPrefix();
	return { options: { couchUrl, prefix }, drop: () => dropCouchDatabases(couchUrl, prefix) };
}

/** Whether this file runs on real CouchDB (the `couchdb` project). */
export function onRealCouch(): boolean {
	return inject('realCouchUrl') !== undefined;
}
