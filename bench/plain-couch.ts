import PouchDB from 'pouchdb';
import { findCouchSource, NO_COUCH_MESSAGE, startRealCouch } from '../tests/support/real-couch';
import { couchAdmin } from './couch-admin';
import { putAll, visibleReports } from './fixtures';
import type { PlainEndpoint } from './sync-device';

const PLAIN_DB = 'benchplain_reports';

/**
 * The baseline for initial sync: plain Apache CouchDB — no gateway, no filtering, the admin's
 * credentials — holding only the `visible` reports in one database, which the baseline device
 * replicates with RxDB's own CouchDB plugin. (Until issue 15 it was express-pouchdb over LevelDB.)
 */
export async function plainReportsOn(couchUrl: string, visible: number): Promise<PlainEndpoint> {
	const db = new PouchDB<Record<string, unknown>>(`${couchUrl.replace(/\/+$/, '')}/${PLAIN_DB}`);
	try {
		await putAll(db, visibleReports(visible));
	} finally {
		await db.close();
	}
	const admin = couchAdmin(couchUrl);
	return { reportsUrl: `${admin.origin}/${PLAIN_DB}/`, authorization: admin.authorization };
}

/** A CouchDB node of its own holding the baseline's reports; null (after saying why) when none is found. */
export async function startPlainCouch(
	visible: number
): Promise<{ endpoint: PlainEndpoint; close(): Promise<void> } | null> {
	const source = findCouchSource();
	if (!source) return null;
	const node = await startRealCouch(source);
	try {
		return { endpoint: await plainReportsOn(node.url, visible), close: () => node.close() };
	} catch (error) {
		await node.close();
		throw error;
	}
}

export { NO_COUCH_MESSAGE };
