import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import PouchDB from 'pouchdb';
import databases from '../../../couch/databases.json' with { type: 'json' };
import type { CollectionName } from '../domain/registry';
import type { ChannelIndex } from './channel-index';
import { couchChannelIndex } from './channel-index-couch';
import { EmbeddedChannelIndex } from './channel-index-embedded';

export type ServerOnlyDatabase =
	| 'accounts'
	| 'sessions'
	| 'rejections'
	| 'departures'
	| 'config'
	// Evidence files, by their SHA-256 (evidence-files.ts).
	| 'files'
	// Roster import jobs and their planned writes (roster-import.ts).
	| 'imports'
	// Administrative actions and sign-ins, read by the admin only (audit-log.ts).
	| 'audit';
export type DatabaseName = CollectionName | ServerOnlyDatabase;
export type Database = PouchDB.Database<Record<string, unknown>>;

export const replicatedDatabases: readonly string[] = databases.replicated;
export const allDatabases: readonly string[] = [...databases.replicated, ...databases.serverOnly];

/**
 * One code path for both stores: PouchDB's LevelDB adapter under a folder (embedded, the default)
 * or PouchDB's HTTP adapter in front of Apache CouchDB. Everything above this file only sees the
 * PouchDB API and must keep to CouchDB 3's behaviour (opaque sequences, no `_security` reliance).
 */
export interface Store {
	readonly kind: 'embedded' | 'couchdb';
	db(name: DatabaseName): Database;
	/** The replicated documents by channel (channel-index.ts), kept the store's own way. */
	readonly channelIndex: ChannelIndex<DatabaseName>;
	/**
	 * Sets a database's `_security` object when it differs; the embedded store has none and
	 * ignores it.
	 */
	setSecurity(name: DatabaseName, security: object): Promise<void>;
	close(): Promise<void>;
}

export interface StoreOptions {
	/** Folder for the embedded store (default `./data`). */
	dataDir?: string;
	/** Base URL of a CouchDB server, with credentials, e.g. `http://admin:secret@127.0.0.1:5984`. */
	couchUrl?: string;
	/** Prefix of database names, so several deployments can share one CouchDB. */
	prefix?: string;
}

export function openStore(options: StoreOptions = {}): Store {
	const prefix = options.prefix ?? 'baodao_';
	const open = new Map<string, Database>();
	const couchUrl = options.couchUrl?.replace(/\/+$/, '');
	const dataDir = options.dataDir ?? 'data';
	if (!couchUrl) mkdirSync(dataDir, { recursive: true });

	const locate = (name: string) =>
		couchUrl ? `${couchUrl}/${prefix}${name}` : join(dataDir, prefix + name);

	const db = (name: DatabaseName) => {
		let db = open.get(name);
		if (!db) {
			db = new PouchDB<Record<string, unknown>>(locate(name));
			// Every live changes read adds a listener; concurrent longpolls are many, not a leak.
			db.setMaxListeners(0);
			open.set(name, db);
		}
		return db;
	};
	const replicated = replicatedDatabases as DatabaseName[];
	const channelIndex = couchUrl
		? couchChannelIndex(db, replicated)
		: new EmbeddedChannelIndex(join(dataDir, prefix + 'channel-index'), db, replicated);

	return {
		kind: couchUrl ? 'couchdb' : 'embedded',
		db,
		channelIndex,
		async setSecurity(name, security) {
			if (!couchUrl) return;
			const url = new URL(locate(name) + '/_security');
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (url.username) {
				const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
				headers.authorization = 'Basic ' + Buffer.from(credentials).toString('base64');
				url.username = '';
				url.password = '';
			}
			// CouchDB advances the database's update_seq (by one per shard) on every PUT, even of
			// the same object: every start of every process would move every database on.
			const current = await fetch(url, { headers });
			if (!current.ok) throw new Error(`Reading _security of ${name} failed: ${current.status}`);
			if (isDeepStrictEqual(await current.json(), security)) return;
			const response = await fetch(url, { method: 'PUT', headers, body: JSON.stringify(security) });
			if (!response.ok) throw new Error(`Setting _security on ${name} failed: ${response.status}`);
		},
		async close() {
			await channelIndex.close();
			await Promise.all([...open.values()].map((db) => db.close()));
			open.clear();
		}
	};
}
