import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';
import { devNull } from 'node:os';
import express, { type Express } from 'express';
import PouchDB from 'pouchdb';

/**
 * A CouchDB-compatible HTTP server for tests: express-pouchdb over in-memory PouchDB databases.
 * Apache CouchDB cannot be installed here, so this is what exercises the `COUCHDB_URL` path of the
 * store (PouchDB's HTTP adapter, `_security`, design documents, basic auth).
 *
 * It is CouchDB 2/3-like, not CouchDB: it returns integer sequences and one change per longpoll,
 * and it knows nothing of clustering. What it does enforce like CouchDB: a server admin (basic
 * auth), `_security` objects (a database whose members are `_admin` refuses anonymous readers)
 * and `validate_doc_update` functions.
 */
export interface CouchCompatibleServer {
	/** Base URL with the server admin's credentials, e.g. `http://admin:…@127.0.0.1:5984`. */
	url: string;
	/** The same base URL without credentials, to act as an anonymous client. */
	anonymousUrl: string;
	/**
	 * How many longpoll or continuous `_changes` requests on `database` are in flight right now:
	 * lets a test wait until a follower of the feed is in place instead of sleeping.
	 */
	heldFeeds(database: string): number;
	close(): Promise<void>;
}

export const COUCH_ADMIN = 'admin';

const require = createRequire(import.meta.url);

interface CouchConfig {
	set(section: string, key: string, value: unknown, callback: (error?: unknown) => void): void;
}

interface ExpressPouchApp extends Express {
	couchConfig: CouchConfig;
	dbWrapper: {
		registerWrapper(wrapper: (name: string, db: Instance, next: () => unknown) => unknown): void;
	};
	couchLogger: { _stream?: { end(): void } };
	setPouchDB(constructor: unknown): Promise<void>;
}

interface ExpressPouchOptions {
	mode: 'minimumForPouchDB' | 'fullCouchDB' | 'custom';
	overrideMode?: { include?: string[]; exclude?: string[] };
	inMemoryConfig?: boolean;
	logPath?: string;
}

type ExpressPouchFactory = (options: ExpressPouchOptions) => ExpressPouchApp;

const expressPouchDB = require('express-pouchdb') as ExpressPouchFactory;
const memoryAdapter = require('pouchdb-adapter-memory') as PouchDB.Plugin;
const memdown = require('memdown') as { destroy(location: string, callback: () => void): void };

PouchDB.plugin(memoryAdapter);

type Instance = PouchDB.Database & { name: string };
type Callback = (error: unknown, result?: unknown) => void;
type Listener = (...args: unknown[]) => void;

/** What `db.changes()` returns once express-pouchdb's security wrapper has wrapped it. */
interface Feed {
	on(event: string, listener: Listener): Feed;
	listeners(event: string): Listener[];
	cancel(): void;
}

function isFeed(value: unknown): value is Feed {
	const feed = value as Partial<Feed> | null;
	return typeof feed?.on === 'function' && typeof feed.cancel === 'function';
}

const ignore = () => undefined;

/**
 * Works around pouchdb-changeslike-wrapper (used by pouchdb-security for `changes`): its `cancel()`
 * removes every listener at once, so express-pouchdb never hears `complete` for a longpoll the
 * client gave up on and never clears that request's heartbeat interval (a timer that keeps the
 * process alive), and an `error` arriving after the cancel (e.g. "database is closed") is thrown
 * as an unhandled `error` event. The feed still reports errors through its promise.
 */
function guardFeed(feed: unknown): unknown {
	if (!isFeed(feed)) return feed;
	feed.on('error', ignore);
	const cancel = feed.cancel.bind(feed);
	let cancelled = false;
	feed.cancel = () => {
		if (cancelled) return;
		cancelled = true;
		const onComplete = feed.listeners('complete');
		cancel();
		feed.on('error', ignore);
		if (feed.listeners('complete').length === 0) {
			for (const listener of onComplete) listener({ status: 'cancelled' });
		}
	};
	return feed;
}

/**
 * express-pouchdb starts following a longpoll only after a first read and then listens for the
 * socket's `close` to stop: when the client is already gone by then, the listener would never
 * fire. Here it fires at once.
 */
function closeListenersFireLate(socket: Socket) {
	const marked = socket as Socket & { __lateClose?: true };
	if (marked.__lateClose) return;
	marked.__lateClose = true;
	const on = socket.on.bind(socket);
	Object.assign(socket, {
		on(event: string, listener: Listener) {
			if (event === 'close' && socket.closed) {
				setImmediate(() => listener(false));
				return socket;
			}
			return on(event, listener);
		}
	});
}

/**
 * Gives a PouchDB constructor the `allDbs` that express-pouchdb's `_all_dbs` calls, answering from
 * `names` (kept up to date by the caller) instead of pouchdb-all-dbs, which listens to every
 * PouchDB in the process and keeps its list in a database of its own.
 */
export function listDatabasesFrom(constructor: object, names: ReadonlySet<string>): void {
	Object.assign(constructor, {
		allDbs(callback?: Callback) {
			const list = Promise.resolve([...names].sort());
			if (!callback) return list;
			void list.then((dbs) => callback(null, dbs));
		}
	});
}

/**
 * The parts of express-pouchdb this server uses. `minimumForPouchDB` serves documents, `_all_docs`,
 * `_bulk_docs`, `_changes`, views and `_all_dbs`; the rest adds what a production CouchDB has and
 * the gateway relies on or is protected by: server admins and basic auth (which need the config and
 * logging infrastructure), `_security` and `validate_doc_update`. Left out on purpose: the
 * replicator daemon, Fauxton, `_config` over HTTP and log files.
 */
const PARTS = [
	'config-infrastructure',
	'logging-infrastructure',
	'routes/authentication',
	'routes/authorization',
	'routes/session',
	'routes/security',
	'validation'
];

/**
 * Starts an isolated server on 127.0.0.1 with a random port and a random admin password. Every call
 * has its own databases: they live in memdown's process-wide store under a prefix unique to the
 * call, and `_all_dbs` lists only the databases this server created.
 */
export async function startCouchCompatibleServer(): Promise<CouchCompatibleServer> {
	const prefix = `couch-${randomBytes(6).toString('hex')}-`;
	const password = randomBytes(12).toString('hex');
	const names = new Set<string>();
	const instances = new Set<Instance>();

	// express-pouchdb normally tracks databases with pouchdb-all-dbs, which listens to PouchDB's
	// process-wide `created` event and so would mix up the databases of every server (and every
	// embedded store) in the process. This constructor keeps its own list instead.
	const Base = PouchDB.defaults({ adapter: 'memory', prefix });
	class ServerPouch extends (Base as unknown as new (
		name: string | object,
		options?: object
	) => Instance) {
		constructor(name: string | object, options?: object) {
			super(name, options);
			instances.add(this);
			if (!this.name.includes('-mrview-')) names.add(this.name);
		}
	}
	const destroy = Reflect.get(Base.prototype as object, 'destroy') as (
		this: Instance,
		...args: unknown[]
	) => Promise<unknown>;
	Object.defineProperty(ServerPouch.prototype, 'destroy', {
		configurable: true,
		writable: true,
		value(this: Instance, ...args: unknown[]) {
			const callback = typeof args.at(-1) === 'function' ? (args.pop() as Callback) : undefined;
			const done = destroy.apply(this, args).then((result) => {
				names.delete(this.name);
				instances.delete(this);
				return result;
			});
			if (!callback) return done;
			done.then(
				(result) => callback(null, result),
				(error: unknown) => callback(error)
			);
		}
	});
	listDatabasesFrom(ServerPouch, names);

	const couch = expressPouchDB({
		mode: 'minimumForPouchDB',
		overrideMode: { include: PARTS },
		inMemoryConfig: true,
		logPath: devNull
	});
	// A server admin, as on a production CouchDB: this ends the "admin party", so basic auth counts.
	await new Promise<void>((resolve, reject) =>
		couch.couchConfig.set('admins', COUCH_ADMIN, password, (error) =>
			error ? reject(new Error('Setting the admin failed.', { cause: error })) : resolve()
		)
	);
	// Registered last, so it wraps what express-pouchdb's own wrappers made of `changes`.
	couch.dbWrapper.registerWrapper((_name, db, next) => {
		const changes = db.changes.bind(db) as (...args: unknown[]) => unknown;
		Object.assign(db, { changes: (...args: unknown[]) => guardFeed(changes(...args)) });
		return next();
	});
	await couch.setPouchDB(ServerPouch);

	const held = new Map<string, number>();
	const app = express();
	app.use((req, res, next) => {
		const database = /^\/([^/]+)\/_changes$/.exec(req.path)?.[1];
		const feed = req.query['feed'];
		if (database !== undefined && (feed === 'longpoll' || feed === 'continuous')) {
			const name = decodeURIComponent(database);
			held.set(name, (held.get(name) ?? 0) + 1);
			res.once('close', () => held.set(name, (held.get(name) ?? 1) - 1));
			closeListenersFireLate(req.socket);
		}
		next();
	});
	app.use(couch);
	const server: Server = createServer(app);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://${COUCH_ADMIN}:${password}@127.0.0.1:${port}`,
		anonymousUrl: `http://127.0.0.1:${port}`,
		heldFeeds: (database) => held.get(database) ?? 0,
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve, reject) =>
				server.close((error) => (error ? reject(error) : resolve()))
			);
			// Longpolls were cancelled with their connections (see guardFeed, closeListenersFireLate);
			// now close the databases and let memdown drop their data.
			await Promise.all([...instances].map((db) => db.close().catch(() => undefined)));
			const locations = [...new Set([...instances].map((db) => prefix + db.name))];
			await Promise.all(
				locations.map(
					(location) => new Promise<void>((resolve) => memdown.destroy(location, resolve))
				)
			);
			instances.clear();
			names.clear();
			couch.couchLogger._stream?.end();
		}
	};
}
