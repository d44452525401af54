import type { TestProject } from 'vitest/node';
import { findCouchSource, startRealCouch } from './real-couch';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The run's real CouchDB, with credentials: set on the `couchdb` project only. */
		realCouchUrl?: string;
	}
}

/**
 * Vitest global setup of the `couchdb` project: one CouchDB node for the whole run (or the
 * `COUCHDB_TEST_URL` server), shared by the files, each under database prefixes of its own.
 * The project exists only when a CouchDB was found (vite.config.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const source = findCouchSource();
	if (!source) throw new Error('The couchdb project runs only where a CouchDB was found.');
	const couch = await startRealCouch(source);
	project.provide('realCouchUrl', couch.url);
	return () => couch.close();
}
