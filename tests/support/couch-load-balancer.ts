import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/**
 * HAProxy (Debian's `haproxy` package) in front of CouchDB nodes or app processes, as
 * docs/operations.md recommends for production; run in the foreground as a child process on a
 * free port of loopback and stopped at `close()`.
 */
export interface LoadBalancer {
	/** `http://127.0.0.1:<port>`, with the credentials of the first backend when it had any. */
	url: string;
	anonymousUrl: string;
	close(): Promise<void>;
}

/** One backend server: a name and its address (host:port). */
export interface Backend {
	name: string;
	address: string;
}

/**
 * What every balancer here shares. Longpolls last long: CouchDB's `_changes` with PouchDB's
 * 10 s heartbeat, the gateway's longpolls up to 25 s (maxLongpollMs), so the client and server
 * timeouts stand well above both. A request that could not reach a server at all is tried
 * again on another (`redispatch`); one that did reach a server is never repeated, since a
 * `_bulk_docs` repeated after it succeeded would come back as a conflict.
 */
const DEFAULTS = `defaults
	mode http
	timeout connect 2s
	timeout client 5m
	timeout server 5m
	timeout queue 30s
	timeout http-request 30s
	timeout http-keep-alive 60s
	option redispatch
	retries 3
	retry-on conn-failure`;

/**
 * The CouchDB nodes of a cluster behind one address. Health checks on `/_up` (no credentials
 * needed; a node in maintenance mode answers 404 and is taken out); a node is marked down after
 * two failed checks half a second apart, and up again after two good ones. `leastconn`, since
 * every app process holds long-lived `_changes` longpolls that round robin would pile up on one
 * node. A node marked down has its connections cut (`on-marked-down shutdown-sessions`), so a
 * longpoll held by a hung node ends and is asked again of a live one.
 */
export function couchBalancerConfig(port: number, nodes: readonly Backend[]): string {
	return `global
	maxconn 4096

${DEFAULTS}

frontend couchdb
	bind 127.0.0.1:${port}
	default_backend couchdb_nodes

backend couchdb_nodes
	balance leastconn
	option httpchk
	http-check send meth GET uri /_up
	http-check expect status 200
	default-server inter 500ms fall 2 rise 2 on-marked-down shutdown-sessions
${nodes.map((node) => `	server ${node.name} ${node.address} check`).join('\n')}
`;
}

/**
 * In front of app processes: the sign-in (`/api/session`) goes to `signIn`, everything else to
 * `rest` — so a device signs in through one process and syncs through another, deterministically.
 */
export function splitAppConfig(port: number, signIn: Backend, rest: Backend): string {
	return `global
	maxconn 4096

${DEFAULTS}

frontend apps
	bind 127.0.0.1:${port}
	use_backend sign_in if { path /api/session }
	default_backend sync

backend sign_in
	server ${signIn.name} ${signIn.address}

backend sync
	server ${rest.name} ${rest.address}
`;
}

/** Debian's haproxy, in /usr/sbin (often not on a user's PATH); null when not installed. */
export function haproxyBinary(): string | null {
	return existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : null;
}

/** `http://user:pw@host:port` → its `host:port`. */
export function backendOf(name: string, url: string): Backend {
	return { name, address: new URL(url).host };
}

/**
 * Starts `haproxy -f <config> -db` with the config `render` writes for a free port, and resolves
 * once a backend answers `readyPath` through it (`/_up` for CouchDB, `/api/session` for the app).
 */
export async function startHaproxy(
	render: (port: number) => string,
	readyPath: string,
	credentialsFrom?: string
): Promise<LoadBalancer> {
	const binary = haproxyBinary();
	if (!binary) throw new Error('HAProxy is not installed: apt-get install haproxy (.ci/run does).');
	const dir = await mkdtemp(join(tmpdir(), 'baodao-haproxy-'));
	const config = join(dir, 'haproxy.cfg');
	const port = await freePort();
	await writeFile(config, render(port));
	const child = spawn(binary, ['-f', config, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-4000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	let ended = false;
	// 'error' when it could not be started, 'exit' otherwise.
	const exited = new Promise<void>((done) => {
		child.once('exit', () => done());
		child.once('error', () => done());
	}).then(() => (ended = true));
	const anonymousUrl = `http://127.0.0.1:${port}`;
	const source = credentialsFrom ? new URL(credentialsFrom) : null;
	const url = source?.username
		? `http://${source.username}:${source.password}@127.0.0.1:${port}`
		: anonymousUrl;
	for (;;) {
		if (ended) {
			await rm(dir, { recursive: true, force: true });
			throw new Error(`HAProxy ended before it answered:\n${output}`);
		}
		// HAProxy itself answers 503 while no backend has passed its checks yet.
		const answer = await fetch(anonymousUrl + readyPath).catch(() => null);
		if (answer && answer.status < 500) break;
		await new Promise((done) => setTimeout(done, 100));
	}
	return {
		url,
		anonymousUrl,
		async close() {
			if (!ended) child.kill('SIGTERM');
			await exited;
			await rm(dir, { recursive: true, force: true });
		}
	};
}

/** The cluster's nodes (URLs with credentials) behind one HAProxy; its URL carries them too. */
export function startCouchLoadBalancer(nodes: readonly string[]): Promise<LoadBalancer> {
	const backends = nodes.map((node, index) => backendOf(`node${index + 1}`, node));
	return startHaproxy((port) => couchBalancerConfig(port, backends), '/_up', nodes[0]);
}
