import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import express from 'express';
import PouchDB from 'pouchdb';
import type { Database } from '../src/lib/server/store';
import { listDatabasesFrom } from '../tests/support/couch-compatible-server';

/**
 * The baseline for initial sync: a plain CouchDB-protocol endpoint with no access control and no
 * filtering — express-pouchdb serving PouchDB on LevelDB (the same adapter as the embedded store),
 * so the difference to the gateway is the gateway's work, not the storage engine.
 *
 * Only `minimumForPouchDB` (documents, `_changes`, `_all_docs`, `_bulk_docs`, views) and without
 * its gzip `compression` middleware: the gateway answers uncompressed too, so both send the same
 * bytes over loopback.
 */
export interface PlainCouch {
	url: string;
	db(name: string): Database;
	/** Time spent answering `_changes` (not longpoll) since the last reset: request in to response sent. */
	changesMs(): number;
	resetTiming(): void;
	close(): Promise<void>;
}

type ExpressPouchApp = express.Express & { setPouchDB(constructor: unknown): Promise<void> };
type ExpressPouchFactory = (options: {
	mode: 'minimumForPouchDB';
	overrideMode?: { exclude?: string[] };
	inMemoryConfig?: boolean;
	logPath?: string;
}) => ExpressPouchApp;

const require = createRequire(import.meta.url);
const expressPouchDB = require('express-pouchdb') as ExpressPouchFactory;

export async function startPlainCouch(): Promise<PlainCouch> {
	const dir = await mkdtemp(join(tmpdir(), 'baodao-bench-plain-'));
	const names = new Set<string>();
	const instances = new Set<Database>();
	const Base = PouchDB.defaults({ prefix: dir + '/' }) as unknown as new (name: string) => Database;
	// Keeps its own list of databases for `_all_dbs` (the gateways' stores share this process).
	class ServerPouch extends Base {
		constructor(name: string) {
			super(name);
			// As in the gateway's store: every live `_changes` adds a listener; many is not a leak.
			this.setMaxListeners(0);
			instances.add(this);
			if (!name.includes('-mrview-')) names.add(name);
		}
	}
	listDatabasesFrom(ServerPouch, names);

	const couch = expressPouchDB({
		mode: 'minimumForPouchDB',
		overrideMode: { exclude: ['compression'] },
		inMemoryConfig: true,
		logPath: devNull
	});
	await couch.setPouchDB(ServerPouch);
	const app = express();
	let changesMs = 0;
	app.use((req, res, next) => {
		if (req.path.endsWith('/_changes') && req.query['feed'] !== 'longpoll') {
			const start = performance.now();
			res.once('finish', () => (changesMs += performance.now() - start));
		}
		next();
	});
	app.use(couch);
	const server: Server = createServer(app);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const opened = new Map<string, Database>();

	return {
		url: `http://127.0.0.1:${port}`,
		changesMs: () => changesMs,
		resetTiming: () => (changesMs = 0),
		db(name) {
			let db = opened.get(name);
			if (!db) {
				db = new ServerPouch(name);
				opened.set(name, db);
			}
			return db;
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await Promise.all([...instances].map((db) => db.close().catch(() => undefined)));
			await rm(dir, { recursive: true, force: true });
		}
	};
}
