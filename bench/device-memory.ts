import { fork, type ChildProcess } from 'node:child_process';
import { request, type ClientRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { LIVE_COLLECTIONS } from '../src/lib/db/replica';
import type { CollectionName } from '../src/lib/domain/registry';
import { startTestServer } from '../tests/support/test-server';
import { signedInMembers } from './fixtures';
import type { Row } from './report';
import { fmtMB, log, waitFor } from './support';

export interface DeviceMemoryOptions {
	devices: number;
}

/** Growth over the idle server's, measured after garbage collection. */
export interface MemoryGrowth {
	/** V8 heap in use plus memory outside it (buffers, sockets' native objects). */
	heapAndExternal: number;
	rss: number;
}

export interface DeviceMemoryResult extends DeviceMemoryOptions {
	collections: readonly CollectionName[];
	/** What the old client held: one longpoll per live collection. */
	longpolls: MemoryGrowth;
	/** What a device holds now: one live stream. */
	streams: MemoryGrowth;
}

interface Usage {
	heapAndExternal: number;
	rss: number;
}

type ServerMessage =
	| { kind: 'ready'; url: string; cookies: string[] }
	| { kind: 'usage'; usage: Usage }
	| { kind: 'listening'; count: number };

const SERVER_ENV = 'BENCH_DEVICE_MEMORY_SERVER';
const CONNECT_MS = 120_000;
const WARM_UP_DEVICES = 20;
/** Longer than the measurement: no longpoll ends, no heartbeat runs meanwhile. */
const HOLD_MS = 600_000;

/**
 * Server memory per connected device: the gateway runs in a child process of its own (started
 * with `--expose-gc`, so it is measured after collecting garbage, without the clients' memory);
 * `devices` sessions there first each hold one live stream (`/sync/_stream` of the live
 * collections), then each hold one longpoll per live collection, as the old client did. Each
 * phase is measured against the idle server right before it; the streams go first, so the
 * longpolls start from the allocator's higher resident size, which favours them on RSS.
 */
export async function benchDeviceMemory(options: DeviceMemoryOptions): Promise<DeviceMemoryResult> {
	const server = fork(fileURLToPath(import.meta.url), [], {
		env: { ...process.env, [SERVER_ENV]: String(options.devices) },
		execArgv: ['--expose-gc', '--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	try {
		const ready = await next(server, 'ready');
		log(`device memory: ${options.devices} sessions ready`);
		const { url, cookies } = ready;
		const phase = async (
			label: string,
			paths: string[],
			devices = cookies.length
		): Promise<MemoryGrowth> => {
			const idle = (await ask(server, 'usage')).usage;
			const held = cookies
				.slice(0, devices)
				.flatMap((cookie) => paths.map((path) => hold(`${url}${path}`, cookie)));
			const perDevice = paths.some((path) => path.includes('_stream')) ? 1 : 0;
			const expected =
				devices *
				(perDevice * LIVE_COLLECTIONS.length + paths.filter((p) => p.includes('_changes')).length);
			await waitFor(
				`${label}: every connection held by the gateway`,
				async () => (await ask(server, 'listening')).count >= expected,
				CONNECT_MS,
				200
			);
			const busy = (await ask(server, 'usage')).usage;
			for (const connection of held) connection.destroy();
			await waitFor(
				`${label}: every connection let go`,
				async () => (await ask(server, 'listening')).count === 0,
				CONNECT_MS,
				200
			);
			const growth = {
				heapAndExternal: busy.heapAndExternal - idle.heapAndExternal,
				rss: busy.rss - idle.rss
			};
			log(
				`  ${label}: +${mib(growth.heapAndExternal)} heap+external, +${mib(growth.rss)} RSS ` +
					`(${kib(growth.heapAndExternal / devices)} per device)`
			);
			return growth;
		};
		// Warm-up, not measured: every session read once (the gateway remembers who a session is)
		// and both kinds of connection served once (code compiled, pools filled).
		await Promise.all(cookies.map((cookie) => getOnce(`${url}/sync/`, cookie)));
		const streamPaths = [`/sync/_stream?collections=${LIVE_COLLECTIONS.join(',')}`];
		const longpollPaths = LIVE_COLLECTIONS.map(
			(name) =>
				`/sync/${name}/_changes?feed=longpoll&style=all_docs&include_docs=true&since=now&heartbeat=${HOLD_MS}&limit=100`
		);
		await phase('warm-up', [...streamPaths, ...longpollPaths], WARM_UP_DEVICES);
		const streams = await phase('1 stream per device', streamPaths);
		const longpolls = await phase(`${LIVE_COLLECTIONS.length} longpolls per device`, longpollPaths);
		return { ...options, collections: LIVE_COLLECTIONS, longpolls, streams };
	} finally {
		server.send({ kind: 'stop' });
		await new Promise((resolve) => server.once('exit', resolve));
	}
}

/** (j) in the bench's table: the streams' growth against the longpolls', to be at most half. */
export function memoryRows(result: DeviceMemoryResult): Row[] {
	const ratio = result.streams.heapAndExternal / result.longpolls.heapAndExternal;
	return [
		[
			`(j) server memory, ${result.devices} connected devices (heap+external)`,
			`${fmtMB(result.streams.heapAndExternal)} (1 stream each)`,
			`${fmtMB(result.longpolls.heapAndExternal)} (${result.collections.length} longpolls each)`,
			`${ratio.toFixed(2)}×`,
			'≤ 0.5×',
			ratio <= 0.5 ? 'met' : 'MISSED'
		],
		[
			'    resident set (RSS) growth',
			fmtMB(result.streams.rss),
			fmtMB(result.longpolls.rss),
			`${(result.streams.rss / result.longpolls.rss).toFixed(2)}×`,
			'(info)',
			''
		]
	];
}

function mib(bytes: number): string {
	return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function kib(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** One long-lived request, its answer read and dropped as it comes; `destroy()` ends it. */
function hold(url: string, cookie: string): ClientRequest {
	const sent = request(url, { agent: false, headers: { cookie } }, (answer) => answer.resume());
	sent.on('error', () => undefined);
	sent.end();
	return sent;
}

function getOnce(url: string, cookie: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const sent = request(url, { agent: false, headers: { cookie } }, (answer) => {
			answer.resume();
			answer.on('end', resolve);
		});
		sent.on('error', reject);
		sent.end();
	});
}

function next<K extends ServerMessage['kind']>(
	child: ChildProcess,
	kind: K
): Promise<Extract<ServerMessage, { kind: K }>> {
	return new Promise((resolve, reject) => {
		const onMessage = (message: ServerMessage) => {
			if (message.kind !== kind) return;
			child.off('message', onMessage);
			child.off('exit', onExit);
			resolve(message as Extract<ServerMessage, { kind: K }>);
		};
		const onExit = (code: number | null) =>
			reject(new Error(`The measured server exited (${code}).`));
		child.on('message', onMessage);
		child.once('exit', onExit);
	});
}

function ask<K extends 'usage' | 'listening'>(child: ChildProcess, kind: K) {
	const answer = next(child, kind);
	child.send({ kind });
	return answer;
}

/** The measured side: the gateway with `devices` signed-in members and nothing else running. */
async function serve(devices: number): Promise<void> {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('The measured server needs --expose-gc.');
	const server = await startTestServer({ maxLongpollMs: HOLD_MS, summaries: false });
	const store = server.app.store;
	const cookies = await signedInMembers(store, devices, HOLD_MS);
	const send = (message: ServerMessage) => process.send?.(message);
	process.on('message', (message: { kind: string }) => {
		if (message.kind === 'usage') {
			void (async () => {
				for (let i = 0; i < 4; i++) {
					gc();
					await new Promise((resolve) => setImmediate(resolve));
				}
				const usage = process.memoryUsage();
				send({
					kind: 'usage',
					usage: { heapAndExternal: usage.heapUsed + usage.external, rss: usage.rss }
				});
			})();
		} else if (message.kind === 'listening') {
			const count = LIVE_COLLECTIONS.reduce(
				(sum, name) => sum + server.app.context.hub(name).listening,
				0
			);
			send({ kind: 'listening', count });
		} else if (message.kind === 'stop') {
			void server.close().finally(() => process.exit(0));
		}
	});
	send({ kind: 'ready', url: server.url, cookies });
}

const served = Number(process.env[SERVER_ENV] ?? 0);
if (served > 0) await serve(served);
