import { randomBytes } from 'node:crypto';
import type { AuditAction, AuditEntry } from '../domain/accounts/audit-entries';
import type { Store } from './store';

export { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../domain/accounts/audit-entries';

/** An entry to record: the log gives it its id. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'> & { at: Date };

/**
 * Ids are the indexes (the `audit` database is append-only and server-only): the whole log reads
 * newest first from `log:<iso time>:<random>`, and an account's sign-ins from
 * `signin:<username>:<iso time>:<random>` (usernames hold no `:`), a sign-in being written under
 * both. The random part keeps two entries of the same millisecond apart.
 */
export const LOG_PREFIX = 'log:';
const SIGN_IN_PREFIX = 'signin:';

function isSignIn(action: AuditAction): boolean {
	return action === 'sign-in' || action.startsWith('sign-in.');
}

export async function recordAudit(store: Store, entry: NewAuditEntry): Promise<void> {
	const at = entry.at.toISOString();
	const suffix = `${at}:${randomBytes(6).toString('hex')}`;
	const body = {
		at,
		actor: entry.actor,
		action: entry.action,
		...(entry.target !== undefined ? { target: entry.target } : {}),
		...(entry.orgId !== undefined ? { orgId: entry.orgId } : {}),
		...(entry.details ? { details: entry.details } : {}),
		address: entry.address
	};
	const docs = [{ _id: LOG_PREFIX + suffix, ...body }];
	if (isSignIn(entry.action))
		docs.push({ _id: `${SIGN_IN_PREFIX}${entry.actor}:${suffix}`, ...body });
	const results = await store.db('audit').bulkDocs(docs);
	const failed = results.find((result) => 'error' in result && result.error);
	if (failed) throw new Error(`Writing an audit entry failed: ${JSON.stringify(failed)}`);
}

function entryOf(doc: Record<string, unknown> & { _id: string }): AuditEntry {
	const { _id, _rev, ...rest } = doc;
	void _rev;
	return { id: _id, ...(rest as Omit<AuditEntry, 'id'>) };
}

/** The last `limit` sign-in entries of an account, newest first: one range read. */
export async function signInsOf(store: Store, username: string, limit = 20): Promise<AuditEntry[]> {
	const prefix = `${SIGN_IN_PREFIX}${username}:`;
	const { rows } = await store.db('audit').allDocs({
		startkey: `${prefix}\ufff0`,
		endkey: prefix,
		descending: true,
		limit,
		include_docs: true
	});
	return rows.flatMap((row) => (row.doc ? [entryOf(row.doc)] : []));
}

export interface AuditQuery {
	action?: AuditAction;
	actor?: string;
	/** The id of the last entry of the previous page. */
	cursor?: string;
}

/** A page of entries at most; entries scanned at most per request when a filter finds few. */
export const AUDIT_PAGE = 50;
const AUDIT_SCAN = 2_000;
const SCAN_BATCH = 250;

/**
 * The log newest first, filtered. Filters are applied while walking the time index: the log is
 * read rarely, by the admin, and a request walks at most AUDIT_SCAN entries before answering
 * with what it found and where to go on.
 */
export async function readAudit(
	store: Store,
	query: AuditQuery
): Promise<{ entries: AuditEntry[]; next?: string }> {
	const entries: AuditEntry[] = [];
	let from = query.cursor ?? `${LOG_PREFIX}\ufff0`;
	let skip = query.cursor ? 1 : 0;
	let scanned = 0;
	while (scanned < AUDIT_SCAN) {
		const { rows } = await store.db('audit').allDocs({
			startkey: from,
			endkey: LOG_PREFIX,
			descending: true,
			skip,
			limit: SCAN_BATCH,
			include_docs: true
		});
		for (const row of rows) {
			scanned++;
			from = row.id;
			const entry = row.doc ? entryOf(row.doc) : null;
			if (
				entry &&
				(!query.action || entry.action === query.action) &&
				(!query.actor || entry.actor === query.actor)
			) {
				entries.push(entry);
				if (entries.length === AUDIT_PAGE) return { entries, next: row.id };
			}
		}
		if (rows.length < SCAN_BATCH) return { entries };
		skip = 1;
	}
	return { entries, next: from };
}
