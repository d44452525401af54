import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A real Apache CouchDB 3 for the tests of the `COUCHDB_URL` path, found in this order:
 * `COUCHDB_TEST_URL` (a running server, credentials in the URL), the release in `../shared/couchdb`
 * (started on free ports by its scripts), an Apache CouchDB package install in `/opt/couchdb`
 * (its `bin/couchdb` started with a configuration and data folder of the test's own).
 */
export type CouchSource =
	| { kind: 'url'; url: string }
	| { kind: 'scripts'; dir: string }
	| { kind: 'package'; home: string };

/** The release and its scripts beside the project, run through bash (a copy may lack execute bits). */
const SHARED_SCRIPTS = fileURLToPath(new URL('../../../shared/couchdb', import.meta.url));
const PACKAGE_HOME = '/opt/couchdb';

export function findCouchSource(): CouchSource | null {
	const url = process.env.COUCHDB_TEST_URL;
	if (url) return { kind: 'url', url: url.replace(/\/+$/, '') };
	if (existsSync(join(SHARED_SCRIPTS, 'start-couchdb')))
		return { kind: 'scripts', dir: SHARED_SCRIPTS };
	if (existsSync(join(PACKAGE_HOME, 'bin', 'couchdb')))
		return { kind: 'package', home: PACKAGE_HOME };
	return null;
}

/** The one line a skipped run prints, saying what would have run the tests. */
export const NO_COUCH_MESSAGE =
	'No Apache CouchDB found (set COUCHDB_TEST_URL, or provide ../shared/couchdb or /opt/couchdb): ' +
	'the real-CouchDB tests are skipped.';

/** Set (to 1) where CouchDB must be there: finding none is then an error, not a skip. */
export const COUCH_REQUIRED = process.env.COUCHDB_TESTS_REQUIRED === '1';

export interface RealCouch {
	/** Base URL with the server admin's credentials. */
	url: string;
	/** The same URL without credentials. */
	anonymousUrl: string;
	/** Stops what this handle started (nothing for a `COUCHDB_TEST_URL` server). */
	close(): Promise<void>;
}

export function withoutCredentials(url: string): string {
	const parsed = new URL(url);
	parsed.username = '';
	parsed.password = '';
	return parsed.toString().replace(/\/+$/, '');
}

/** A request to the server of `url` as the user in it (fetch refuses credentials in URLs). */
export function couchRequest(url: string, path: string, init: RequestInit = {}): Promise<Response> {
	const parsed = new URL(url);
	const headers = new Headers(init.headers);
	if (parsed.username) {
		const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
		headers.set('authorization', 'Basic ' + Buffer.from(credentials).toString('base64'));
	}
	if (init.body !== undefined) headers.set('content-type', 'application/json');
	return fetch(withoutCredentials(url) + path, { ...init, headers });
}

/** Whether nothing listens on `port` of loopback right now. */
function portIsFree(port: number): Promise<boolean> {
	return new Promise((done) => {
		const probe = createServer();
		probe.once('error', () => done(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
	});
}

/**
 * A base port whose node ports are all free. A node uses PORT, PORT+1, PORT+2 and PORT+10000
 * (README of ../shared/couchdb); a cluster's nodes sit at BASE+10, +20, +30.
 */
export async function freeCouchPorts(nodes: readonly number[]): Promise<number> {
	for (let attempt = 0; attempt < 200; attempt++) {
		const base = 20_000 + 40 * Math.floor(Math.random() * 240);
		const ports = nodes.flatMap((offset) =>
			[0, 1, 2, 10_000].map((extra) => base + offset + extra)
		);
		const free = await Promise.all(ports.map(portIsFree));
		if (free.every(Boolean)) return base;
	}
	throw new Error('No free ports for CouchDB on loopback.');
}

/** Whether the process `pid` still runs. */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Stops the node whose pid file is in `dir` and waits until its process is gone. */
export async function stopNode(dir: string): Promise<void> {
	const pid = Number((await readFile(join(dir, 'couchdb.pid'), 'utf8').catch(() => '')).trim());
	if (!pid || !isAlive(pid)) return;
	process.kill(pid, 'SIGTERM');
	// The node stops in a few seconds; wait for the process to be gone before removing its data.
	while (isAlive(pid)) await new Promise((done) => setTimeout(done, 50));
}

function scriptsOf(source: CouchSource): string {
	if (source.kind === 'scripts') return source.dir;
	throw new Error(`Starting a cluster needs ../shared/couchdb's scripts (source: ${source.kind}).`);
}

/** A single CouchDB node: the `COUCHDB_TEST_URL` server, or one started for the caller. */
export async function startRealCouch(source: CouchSource): Promise<RealCouch> {
	if (source.kind === 'url') {
		return { url: source.url, anonymousUrl: withoutCredentials(source.url), close: async () => {} };
	}
	const dir = await mkdtemp(join(tmpdir(), 'baodao-couch-'));
	const port = await freeCouchPorts([0]);
	const url =
		source.kind === 'scripts'
			? (await run('bash', [join(source.dir, 'start-couchdb'), dir, String(port)])).stdout
					.trim()
					.split('\n')
					.pop()
			: await startPackageNode(source.home, dir, port);
	if (!url) throw new Error(`CouchDB did not say its URL; see ${dir}/log/`);
	return {
		url,
		anonymousUrl: withoutCredentials(url),
		async close() {
			await stopNode(dir);
			await rm(dir, { recursive: true, force: true });
		}
	};
}

/**
 * Starts the `bin/couchdb` of a package install as a single node of the caller's own: its
 * configuration, data, log and pid in `dir` (the package's `etc/default.ini` below ours), so the
 * machine's own CouchDB service and its data are never touched.
 */
async function startPackageNode(home: string, dir: string, port: number): Promise<string> {
	const user = 'admin';
	const password = randomBytes(12).toString('hex');
	await mkdir(join(dir, 'data'), { recursive: true });
	await mkdir(join(dir, 'log'), { recursive: true });
	const vmArgs = [
		`-name couchdb-${port}@127.0.0.1`,
		`-setcookie ${randomBytes(12).toString('hex')}`,
		'-kernel inet_dist_use_interface {127,0,0,1}',
		`-kernel inet_dist_listen_min ${port + 10_000}`,
		`-kernel inet_dist_listen_max ${port + 10_000}`,
		'+Bd -noinput'
	];
	const ini = [
		'[couchdb]',
		`database_dir = ${dir}/data`,
		`view_index_dir = ${dir}/data`,
		`uuid = ${randomBytes(16).toString('hex')}`,
		'[chttpd]',
		`port = ${port}`,
		'bind_address = 127.0.0.1',
		'[httpd]',
		`port = ${port + 1}`,
		'bind_address = 127.0.0.1',
		'[prometheus]',
		'additional_port = false',
		`port = ${port + 2}`,
		'[cluster]',
		'n = 1',
		'[log]',
		'writer = file',
		`file = ${dir}/log/couchdb.log`,
		'level = warning',
		'[admins]',
		`${user} = ${password}`
	];
	await writeFile(join(dir, 'vm.args'), vmArgs.join('\n') + '\n');
	await writeFile(join(dir, 'local.ini'), ini.join('\n') + '\n');
	const child = spawn(join(home, 'bin', 'couchdb'), [], {
		cwd: home,
		detached: true,
		stdio: 'ignore',
		env: {
			...process.env,
			COUCHDB_ARGS_FILE: join(dir, 'vm.args'),
			COUCHDB_INI_FILES: `${join(home, 'etc', 'default.ini')} ${join(dir, 'local.ini')}`,
			ERL_EPMD_ADDRESS: '127.0.0.1'
		}
	});
	child.unref();
	await writeFile(join(dir, 'couchdb.pid'), String(child.pid));
	const url = `http://${user}:${password}@127.0.0.1:${port}`;
	for (;;) {
		if (child.pid === undefined || !isAlive(child.pid)) {
			throw new Error(`CouchDB from ${home} did not start; see ${dir}/log/`);
		}
		const up = await fetch(`http://127.0.0.1:${port}/_up`).catch(() => null);
		if (up?.ok) break;
		await new Promise((done) => setTimeout(done, 100));
	}
	// A single node makes its system databases only when asked, as start-couchdb does.
	for (const db of ['_users', '_replicator']) await couchRequest(url, `/${db}`, { method: 'PUT' });
	return url;
}

export interface RealCouchCluster {
	/** Each node's URL with credentials. */
	nodes: string[];
	/** The folder of node `i` (0-based), which holds its pid file. */
	nodeDir(index: number): string;
	/** Starts node `i` again after it stopped or was killed: same folder, port and node name. */
	restartNode(index: number): Promise<void>;
	close(): Promise<void>;
}

/** Three nodes on loopback joined into one cluster (q=2, n=3), from ../shared/couchdb. */
export async function startRealCouchCluster(source: CouchSource): Promise<RealCouchCluster> {
	const dir = await mkdtemp(join(tmpdir(), 'baodao-cluster-'));
	const base = await freeCouchPorts([10, 20, 30]);
	const { stdout } = await run('bash', [
		join(scriptsOf(source), 'start-couchdb-cluster'),
		dir,
		String(base)
	]);
	const nodes = stdout.trim().split('\n').slice(-3);
	const nodeDir = (index: number) => join(dir, `node${index + 1}`);
	return {
		nodes,
		nodeDir,
		async restartNode(index) {
			const port = new URL(nodes[index] ?? '').port;
			await run('bash', [
				join(scriptsOf(source), 'start-couchdb'),
				nodeDir(index),
				port,
				`node${index + 1}`
			]);
		},
		async close() {
			await Promise.all(nodes.map((_, index) => stopNode(nodeDir(index))));
			await rm(dir, { recursive: true, force: true });
		}
	};
}

/** A database-name prefix of its own, so many tests share one CouchDB without meeting. */
export function freshCouchPrefix(): string {
	return `t${randomBytes(5).toString('hex')}_`;
}

/** Deletes every database whose name starts with `prefix`. */
export async function dropCouchDatabases(url: string, prefix: string): Promise<void> {
	const names = (await (await couchRequest(url, '/_all_dbs')).json()) as string[];
	for (const name of names.filter((n) => n.startsWith(prefix))) {
		const response = await couchRequest(url, `/${encodeURIComponent(name)}`, { method: 'DELETE' });
		if (!response.ok) throw new Error(`Deleting ${name} failed: ${response.status}`);
	}
}
