import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompressSync, constants, gunzipSync, gzip } from 'node:zlib';
import { collectionNames } from '../src/lib/domain/registry';
import {
	BROTLI_QUALITY,
	GZIP_LEVEL,
	MIN_COMPRESSED_BYTES,
	chooseCoding,
	compress
} from '../src/lib/server/compression';
import { startTestServer } from '../tests/support/test-server';
import { BENCH_SIGN_IN, putAccounts } from './fixtures';
import type { Row } from './report';
import { planScaleBureau, scaleAccounts, seedScaleStore } from './scale-seed';
import { fmtKB, fmtMs, log, median, since } from './support';

/**
 * (i) Bytes on the wire for a device's initial sync, compressed as a browser asks and not: the
 * scale bench's bureau (bench/scale-seed.ts) at a modest size, served by the real gateway over
 * loopback HTTP, read by a client that asks what the app's replication asks — every collection
 * the gateway lists, `_changes?since=0&limit=100` and on from each answer's `last_seq` until an
 * empty page, as RxDB's CouchDB plugin does for a fresh device. Bytes are counted on the client's
 * sockets, so status lines and headers count too.
 */

export interface WireOptions {
	/** Members of the seeded bureau. */
	members: number;
	batchSize: number;
}

export type WireDeviceKind = 'member' | 'office';

/** One initial sync of one device, either uncompressed or compressed. */
export interface WireSync {
	/** Bytes the client read from its sockets: the answers, headers included. */
	receivedBytes: number;
	/** Bytes it wrote: the requests. */
	sentBytes: number;
	/** The answers' JSON, decompressed: what the device parses. */
	bodyBytes: number;
	requests: number;
	/** Answers by Content-Encoding (`identity` when none). */
	codings: Record<string, number>;
	ms: number;
	/** The process's CPU time meanwhile: the gateway's and this client's together. */
	cpuMs: number;
}

export interface WireDevice {
	kind: WireDeviceKind;
	docs: number;
	plain: WireSync;
	compressed: WireSync;
}

/** One coding over the same answers: their total size and the CPU it took to make them. */
export interface CodingCost {
	name: string;
	bytes: number;
	cpuMs: number;
}

export interface WireResult extends WireOptions {
	seededDocs: number;
	devices: WireDevice[];
	/** The gateway's own coding (as a browser asks) and others, over the office's answers. */
	codingCosts: CodingCost[];
}

/** zlib's Buffer as the plain Uint8Array this project's types take (the same bytes, no copy). */
function bytesOf(buffer: Buffer): Uint8Array {
	return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

const encoder = new TextEncoder();

/** What Chrome and Firefox send (Chrome adds zstd, which Node 20's zlib cannot make). */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br';
const PASSWORD = 'wire-bench-password';

interface Answer {
	status: number;
	encoding: string;
	/** The body, decompressed. */
	text: string;
}

/** A GET over `agent`, noting each socket it used; the body comes back decompressed. */
function get(
	agent: Agent,
	url: string,
	headers: Record<string, string>,
	sockets: Set<Socket>
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = request(url, { agent, headers }, (res) => {
			const chunks: Uint8Array[] = [];
			res.on('data', (chunk: Uint8Array) => chunks.push(chunk));
			res.on('error', reject);
			res.on('end', () => {
				const raw = bytesOf(Buffer.concat(chunks));
				const encoding = res.headers['content-encoding'] ?? 'identity';
				const body =
					encoding === 'br'
						? brotliDecompressSync(raw)
						: encoding === 'gzip'
							? gunzipSync(raw)
							: Buffer.from(raw);
				resolve({ status: res.statusCode ?? 0, encoding, text: body.toString('utf8') });
			});
		});
		req.on('socket', (socket) => sockets.add(socket));
		req.on('error', reject);
		req.end();
	});
}

interface ChangesPage {
	results: unknown[];
	last_seq: string;
}

/** A fresh device's initial sync of every collection; returns the figures and the answers. */
async function initialSync(
	baseUrl: string,
	cookie: string,
	acceptEncoding: string | null,
	batchSize: number
): Promise<{ sync: WireSync; docs: number; bodies: string[] }> {
	const agent = new Agent({ keepAlive: true, maxSockets: 1 });
	const sockets = new Set<Socket>();
	const headers: Record<string, string> = {
		cookie,
		accept: 'application/json',
		...(acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding })
	};
	const bodies: string[] = [];
	const codings: Record<string, number> = {};
	let docs = 0;
	const start = performance.now();
	const cpuBefore = process.cpuUsage();
	const fetchJson = async <T>(path: string): Promise<T> => {
		const answer = await get(agent, baseUrl + path, headers, sockets);
		if (answer.status !== 200)
			throw new Error(`${path}: ${answer.status} ${answer.text.slice(0, 300)}`);
		codings[answer.encoding] = (codings[answer.encoding] ?? 0) + 1;
		bodies.push(answer.text);
		return JSON.parse(answer.text) as T;
	};
	const names = await fetchJson<string[]>('/sync/');
	for (const name of names) {
		let from = '0';
		for (;;) {
			const query = new URLSearchParams({
				style: 'all_docs',
				feed: 'normal',
				include_docs: 'true',
				since: from,
				heartbeat: '25000',
				limit: String(batchSize),
				seq_interval: String(batchSize)
			});
			const page = await fetchJson<ChangesPage>(`/sync/${name}/_changes?${query}`);
			if (page.results.length === 0) break;
			docs += page.results.length;
			from = page.last_seq;
		}
	}
	const ms = since(start);
	const cpu = process.cpuUsage(cpuBefore);
	agent.destroy();
	let receivedBytes = 0;
	let sentBytes = 0;
	for (const socket of sockets) {
		receivedBytes += socket.bytesRead;
		sentBytes += socket.bytesWritten;
	}
	return {
		sync: {
			receivedBytes,
			sentBytes,
			bodyBytes: bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0),
			requests: bodies.length,
			codings,
			ms,
			cpuMs: (cpu.user + cpu.system) / 1000
		},
		docs,
		bodies
	};
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

const CODING_ROUNDS = 5;

/**
 * Compresses `bodies` one after another as the gateway would (small ones stay as they are) and
 * measures the process's CPU time for it, the thread pool's included: the median of a few rounds
 * after one to warm up.
 */
async function codingCost(
	name: string,
	bodies: readonly Uint8Array[],
	make: (body: Uint8Array) => Promise<Uint8Array>
): Promise<CodingCost> {
	let bytes = 0;
	const cpuMs: number[] = [];
	for (let round = 0; round <= CODING_ROUNDS; round++) {
		bytes = 0;
		const before = process.cpuUsage();
		for (const body of bodies) {
			bytes += body.byteLength < MIN_COMPRESSED_BYTES ? body.byteLength : (await make(body)).length;
		}
		const used = process.cpuUsage(before);
		if (round > 0) cpuMs.push((used.user + used.system) / 1000);
	}
	return { name, bytes, cpuMs: median(cpuMs) };
}

function brotliAt(quality: number) {
	return async (body: Uint8Array) =>
		bytesOf(
			await brotliAsync(body, {
				params: {
					[constants.BROTLI_PARAM_QUALITY]: quality,
					[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
					[constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength
				}
			})
		);
}

export async function benchWireBytes(options: WireOptions): Promise<WireResult> {
	const now = new Date();
	const world = planScaleBureau(options.members, now);
	const accounts = scaleAccounts(world);
	const server = await startTestServer({ now: () => now, signIn: BENCH_SIGN_IN });
	try {
		const seedStart = performance.now();
		const seeded = await seedScaleStore(server.app.store, world, collectionNames);
		await putAccounts(
			server.app.store.db('accounts'),
			[accounts.member, accounts.office],
			PASSWORD
		);
		// The office reads the summaries too: let the worker write them before anyone syncs.
		await server.app.summaries?.idle();
		const seededDocs = Object.values(seeded.docs).reduce((a, b) => a + b, 0);
		log(`    seeded ${seededDocs.toLocaleString('en-US')} documents in ${fmtMs(since(seedStart))}`);

		const devices: WireDevice[] = [];
		let officeBodies: Uint8Array[] = [];
		for (const kind of ['member', 'office'] as const) {
			const cookie = await signIn(server.url, accounts[kind].username);
			// Uncompressed first: it also builds the channel index, which neither figure should carry.
			const plain = await initialSync(server.url, cookie, null, options.batchSize);
			const compressed = await initialSync(
				server.url,
				cookie,
				BROWSER_ACCEPT_ENCODING,
				options.batchSize
			);
			if (plain.bodies.join('\n') !== compressed.bodies.join('\n'))
				throw new Error(`The ${kind}'s compressed sync read other documents.`);
			devices.push({ kind, docs: plain.docs, plain: plain.sync, compressed: compressed.sync });
			if (kind === 'office') officeBodies = plain.bodies.map((body) => encoder.encode(body));
			log(
				`    ${kind}: ${plain.docs} docs, ${plain.sync.receivedBytes} bytes plain, ${compressed.sync.receivedBytes} compressed`
			);
		}
		const gateway = chooseCoding(BROWSER_ACCEPT_ENCODING, Number.POSITIVE_INFINITY);
		if (gateway === 'identity') throw new Error('The gateway would not compress for a browser.');
		const gatewayName = gateway === 'br' ? `br ${BROTLI_QUALITY}` : `gzip ${GZIP_LEVEL}`;
		const alternatives: [string, (body: Uint8Array) => Promise<Uint8Array>][] = [
			[`gzip ${GZIP_LEVEL}`, async (body) => bytesOf(await gzipAsync(body, { level: GZIP_LEVEL }))],
			...[3, 4, 5, 6].map((q): [string, (body: Uint8Array) => Promise<Uint8Array>] => [
				`br ${q}`,
				brotliAt(q)
			])
		];
		// One after another: each figure is the process's CPU time while that coding alone runs.
		const codingCosts = [
			await codingCost(`${gatewayName} (gateway)`, officeBodies, (body) => compress(gateway, body))
		];
		for (const [name, make] of alternatives) {
			if (name !== gatewayName) codingCosts.push(await codingCost(name, officeBodies, make));
		}
		return { ...options, seededDocs, devices, codingCosts };
	} finally {
		await server.close();
	}
}

async function signIn(baseUrl: string, username: string): Promise<string> {
	const response = await fetch(`${baseUrl}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password: PASSWORD })
	});
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (!response.ok || !cookie) throw new Error(`Signing in ${username}: ${response.status}`);
	return cookie;
}

const SHOWN_CODINGS = [`gzip ${GZIP_LEVEL}`, 'br 5'];

const WHO: Record<WireDeviceKind, string> = { member: "a member's", office: "the office's" };

/** The summary table's rows for (i). */
export function wireRows(result: WireResult): Row[] {
	const n = (value: number) => value.toLocaleString('en-US');
	const rows: Row[] = [
		[
			`(i) bytes on the wire, initial sync: ${n(result.members)} members (${n(result.seededDocs)} docs)`,
			'compressed (as browsers ask)',
			'uncompressed',
			'',
			'',
			''
		]
	];
	for (const device of result.devices) {
		const codings = Object.entries(device.compressed.codings)
			.map(([coding, count]) => `${count} ${coding}`)
			.join(', ');
		rows.push([
			`    ${WHO[device.kind]}: ${n(device.docs)} docs, ${device.plain.requests} answers (${codings})`,
			fmtKB(device.compressed.receivedBytes),
			fmtKB(device.plain.receivedBytes),
			`${(device.compressed.receivedBytes / device.plain.receivedBytes).toFixed(2)}×`,
			'(info)',
			''
		]);
	}
	const [gateway, ...others] = result.codingCosts;
	const office = result.devices.find((device) => device.kind === 'office');
	if (gateway && office) {
		rows.push([
			`    CPU compressing the office's answers, ${gateway.name}`,
			`${fmtMs(gateway.cpuMs)} → ${fmtKB(gateway.bytes)}`,
			`${fmtMs(office.plain.cpuMs)} whole sync, uncompressed`,
			'',
			'(info)',
			''
		]);
		// The codings a server would weigh against it; the others are in results.json.
		for (const other of others.filter((c) => SHOWN_CODINGS.includes(c.name))) {
			rows.push([
				`    same answers, ${other.name}`,
				`${fmtMs(other.cpuMs)} → ${fmtKB(other.bytes)}`,
				'',
				'',
				'(info)',
				''
			]);
		}
	}
	return rows;
}
