import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LIVE_COLLECTIONS } from '../src/lib/db/replica';
import { applyCouchSetup } from '../src/lib/server/couch-setup';
import { openStore } from '../src/lib/server/store';
import { startBuiltApp } from './built-app';
import { signedInMembers } from './fixtures';
import { fmtMB, log, waitFor } from './support';

/** What the app's process holds at one moment, read from /proc. */
export interface ProcessUsage {
	rss: number;
	/** Open file descriptors (sockets included). */
	fds: number;
	/** Established TCP connections from the process to CouchDB's port. */
	couchSockets: number;
}

export interface AppProcessResult {
	devices: number;
	/** Started, answered once, no device yet. */
	idle: ProcessUsage;
	/** Every device's session has made one `GET /sync/`. */
	warm: ProcessUsage;
	/** Every device holds its live stream (`/sync/_stream` of the live collections). */
	streams: ProcessUsage;
	/** The most seen while every device read its first page of `members` at once (sampled). */
	burstPeak: ProcessUsage;
	burstMs: number;
}

const START_MS = 120_000;
const CONNECT_MS = 120_000;
const SAMPLE_MS = 20;
const PREFIX = 'benchapp_';
/** Longer than the measurement: no session expires and no stream ends meanwhile. */
const SESSION_MS = 3_600_000;

/** Socket inodes of a process's open descriptors, and how many descriptors it has. */
async function descriptors(pid: number): Promise<{ fds: number; sockets: Set<string> }> {
	const dir = `/proc/${pid}/fd`;
	const names = await readdir(dir);
	const links = await Promise.all(names.map((name) => readlink(join(dir, name)).catch(() => '')));
	const sockets = new Set(
		links.flatMap((link) => {
			const match = /^socket:\[(\d+)\]$/.exec(link);
			return match?.[1] ? [match[1]] : [];
		})
	);
	return { fds: names.length, sockets };
}

/** Established connections in /proc/net/tcp{,6} to `port` whose inode is one of `inodes`. */
async function connectionsTo(port: number, inodes: Set<string>): Promise<number> {
	let count = 0;
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		const lines = (await readFile(table, 'utf8').catch(() => '')).split('\n').slice(1);
		for (const line of lines) {
			const fields = line.trim().split(/\s+/);
			const remote = fields[2]?.split(':')[1];
			// State 01 is ESTABLISHED; field 9 the socket's inode.
			if (
				remote &&
				parseInt(remote, 16) === port &&
				fields[3] === '01' &&
				inodes.has(fields[9] ?? '')
			)
				count++;
		}
	}
	return count;
}

async function usage(pid: number, couchUrl: string): Promise<ProcessUsage> {
	const status = await readFile(`/proc/${pid}/status`, 'utf8');
	const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) * 1024;
	const { fds, sockets } = await descriptors(pid);
	const couchSockets = await connectionsTo(Number(new URL(couchUrl).port), sockets);
	return { rss, fds, couchSockets };
}

function describe(label: string, at: ProcessUsage): void {
	log(
		`  ${label}: RSS ${fmtMB(at.rss)}, ${at.fds} file descriptors, ${at.couchSockets} connections to CouchDB`
	);
}

/** One long-lived request whose answer is read as it comes; `seen` once its first bytes arrived. */
function hold(url: string, cookie: string): { request: ClientRequest; seen: () => boolean } {
	let seen = false;
	const sent = request(url, { agent: false, headers: { cookie } }, (answer) => {
		answer.on('data', () => (seen = true));
	});
	sent.on('error', () => undefined);
	sent.end();
	return { request: sent, seen: () => seen };
}

function getOnce(url: string, cookie: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const sent = request(url, { agent: false, headers: { cookie } }, (answer) => {
			answer.resume();
			answer.on('end', () => resolve(answer.statusCode ?? 0));
		});
		sent.on('error', reject);
		sent.end();
	});
}

/**
 * (n) The built app (`node build`, as production runs it) on CouchDB, in a process of its own:
 * its resident memory, file descriptors and connections to CouchDB idle, with `devices` members
 * each holding a live stream, and at the peak of all of them reading at once. The members and
 * their sessions are written into the store before the app starts (one shared password hash).
 */
export async function benchAppProcess(
	couchUrl: string,
	devices: number,
	buildDir: string
): Promise<AppProcessResult | string> {
	if (!existsSync(join(buildDir, 'index.js'))) return `no build in ${buildDir} (npm run build)`;
	const store = openStore({ couchUrl, prefix: PREFIX });
	let cookies: string[];
	try {
		await applyCouchSetup(store);
		cookies = await signedInMembers(store, devices, SESSION_MS);
	} finally {
		await store.close();
	}
	const dataDir = await mkdtemp(join(tmpdir(), 'baodao-bench-app-'));
	const app = await startBuiltApp(dataDir, START_MS, {
		buildDir,
		env: { COUCHDB_URL: couchUrl, COUCHDB_PREFIX: PREFIX, DEMO_DATA: '0' }
	});
	const held: ClientRequest[] = [];
	try {
		const idle = await usage(app.pid, couchUrl);
		describe('idle', idle);
		const statuses = await Promise.all(
			cookies.map((cookie) => getOnce(`${app.url}/sync/`, cookie))
		);
		if (statuses.some((status) => status !== 200))
			throw new Error('A device could not read /sync/.');
		const warm = await usage(app.pid, couchUrl);
		describe(`${devices} sessions read once`, warm);

		const streams = cookies.map((cookie) =>
			hold(`${app.url}/sync/_stream?collections=${LIVE_COLLECTIONS.join(',')}`, cookie)
		);
		held.push(...streams.map((stream) => stream.request));
		await waitFor(
			'every live stream open',
			() => streams.every((stream) => stream.seen()),
			CONNECT_MS,
			100
		);
		const withStreams = await usage(app.pid, couchUrl);
		describe(`${devices} live streams`, withStreams);

		let peak = withStreams;
		let sampling = true;
		const sampler = (async () => {
			while (sampling) {
				const now = await usage(app.pid, couchUrl);
				peak = {
					rss: Math.max(peak.rss, now.rss),
					fds: Math.max(peak.fds, now.fds),
					couchSockets: Math.max(peak.couchSockets, now.couchSockets)
				};
				await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
			}
		})();
		const start = performance.now();
		const reads = await Promise.all(
			cookies.map((cookie) =>
				getOnce(`${app.url}/sync/members/_changes?since=0&limit=100&include_docs=true`, cookie)
			)
		);
		const burstMs = performance.now() - start;
		sampling = false;
		await sampler;
		if (reads.some((status) => status !== 200)) throw new Error('A device could not read members.');
		describe(`peak while ${devices} devices read at once (${burstMs.toFixed(0)} ms)`, peak);
		return { devices, idle, warm, streams: withStreams, burstPeak: peak, burstMs };
	} finally {
		for (const connection of held) connection.destroy();
		await app.stop();
		await rm(dataDir, { recursive: true, force: true });
	}
}
