import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { seedDemoData } from '../src/lib/server/demo/demo-seed';
import { MAX_FAILED_LOGINS } from '../src/lib/server/accounts';
import { HttpClient } from '../tests/support/http-client';
import { startTestServer, type RunningServer } from '../tests/support/test-server';
import type { Row } from './report';
import { fmtMs, log, median, percentile, waitFor } from './support';

/**
 * Issue 12, items 1 and 3: (1) an ordinary signed-in caller's `_changes` while `flood` wrong
 * sign-ins are in flight, against the same request on an idle server; (2) how long a sign-in takes
 * to fail for an unknown name, a locked-out address and a known name with a wrong password.
 */
export interface SignInFloodResult {
	flood: number;
	idleMs: number[];
	floodedMs: number[];
	/** The flood's answers while measured, by status: what reached the hasher (401), what not. */
	floodAnswers: Record<string, number>;
	failure: { unknownMs: number[]; lockedMs: number[]; wrongMs: number[] };
}

export interface SignInFloodOptions {
	flood: number;
	/** Sign-in failures timed per kind. */
	samples: number;
	/** `_changes` timed idle and again flooded. */
	reads: number;
}

/**
 * The flood, in a thread of its own so that its HTTP work does not load the gateway's thread:
 * `flood` requests always in flight, each answered one replaced at once by the next. Each comes
 * from its own address (through the forwarded header the bench's server trusts) and for a new
 * unknown name, so the rate limits let it through to the hashing gate: what is measured is that
 * gate, not the limits. Plain JavaScript, so the worker needs no TypeScript loader.
 */
const FLOOD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { serverUrl, flood } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: flood });
const answers = {};
let running = true;
let sent = 0;

function attempt(slot) {
	if (!running) return;
	const n = sent++;
	const body = JSON.stringify({ username: 'flood' + n, password: 'wrong-' + n });
	const req = http.request(serverUrl + '/api/session', {
		agent,
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'content-length': Buffer.byteLength(body),
			'x-forwarded-for': '10.' + (slot >> 8) + '.' + (slot & 255) + '.' + (n % 250 + 1)
		}
	}, (res) => {
		res.resume();
		res.on('end', () => {
			answers[res.statusCode] = (answers[res.statusCode] || 0) + 1;
			attempt(slot);
		});
	});
	req.on('error', () => attempt(slot));
	req.end(body);
}

parentPort.on('message', (message) => {
	if (message === 'count') {
		parentPort.postMessage({ ...answers });
		for (const key of Object.keys(answers)) delete answers[key];
	} else if (message === 'stop') {
		running = false;
		agent.destroy();
		parentPort.postMessage('stopped');
	}
});
for (let slot = 0; slot < flood; slot++) attempt(slot);
parentPort.postMessage('started');
`;

class Flood {
	private readonly worker: Worker;

	constructor(serverUrl: string, flood: number) {
		this.worker = new Worker(FLOOD_SOURCE, {
			eval: true,
			name: 'sign-in flood',
			workerData: { serverUrl, flood }
		});
	}

	private next<T>(send?: string): Promise<T> {
		return new Promise((resolve, reject) => {
			this.worker.once('error', reject);
			this.worker.once('message', (message: T) => {
				this.worker.off('error', reject);
				resolve(message);
			});
			if (send) this.worker.postMessage(send);
		});
	}

	started = () => this.next<string>();
	/** The answers since the last count, by status. */
	count = () => this.next<Record<string, number>>('count');

	async close() {
		await this.next('stop');
		await this.worker.terminate();
	}
}

/** One GET on a kept-alive connection, timed from sending to the last byte. */
function timedGet(agent: Agent, url: string, cookie: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const start = performance.now();
		request(url, { agent, headers: { cookie, accept: 'application/json' } }, (res) => {
			res.resume();
			res.on('error', reject);
			res.on('end', () =>
				res.statusCode === 200
					? resolve(performance.now() - start)
					: reject(new Error(`${url} answered ${res.statusCode}`))
			);
		})
			.on('error', reject)
			.end();
	});
}

async function timedSignIn(
	client: HttpClient,
	address: string,
	username: string,
	password: string
): Promise<number> {
	const start = performance.now();
	const response = await client.request('/api/session', {
		method: 'POST',
		headers: { 'x-forwarded-for': address },
		json: { username, password }
	});
	await response.arrayBuffer();
	const ms = performance.now() - start;
	if (response.status !== 401) throw new Error(`${username} answered ${response.status}`);
	return ms;
}

async function failureTimes(server: RunningServer, samples: number) {
	const client = new HttpClient(server.url);
	const locker = '10.250.0.1';
	for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
		await timedSignIn(client, locker, 'member2', 'wrong');
	}
	const times = { unknownMs: [] as number[], lockedMs: [] as number[], wrongMs: [] as number[] };
	// Interleaved, so that any drift of the machine falls on all three alike; the wrong passwords
	// each from a fresh address, so that none of them locks the account.
	for (let i = 0; i < samples; i++) {
		times.unknownMs.push(await timedSignIn(client, `10.251.0.${i + 1}`, `nobody${i}`, 'wrong'));
		times.lockedMs.push(await timedSignIn(client, locker, 'member2', 'baodao-demo'));
		times.wrongMs.push(await timedSignIn(client, `10.252.0.${i + 1}`, 'member3', 'wrong'));
	}
	return times;
}

export async function benchSignInFlood(options: SignInFloodOptions): Promise<SignInFloodResult> {
	const server = await startTestServer({
		addressHeader: 'x-forwarded-for',
		// Production limits, except one name's tries per address: the failure times below try
		// one locked-out name from one address more often than a person would.
		signIn: {
			limits: {
				perAddress: { burst: 300, perMinute: 120 },
				perUsernameAndAddress: { burst: 1000, perMinute: 1000 },
				maxTracked: 100_000
			}
		}
	});
	const agent = new Agent({ keepAlive: true, maxSockets: 1 });
	try {
		await seedDemoData(server.app.store, new Date(), ['member1', 'member2', 'member3']);
		const caller = new HttpClient(server.url);
		const signedIn = await caller.request('/api/session', {
			method: 'POST',
			headers: { 'x-forwarded-for': '192.0.2.1' },
			json: { username: 'member1', password: 'baodao-demo' }
		});
		await signedIn.arrayBuffer();
		if (!caller.cookie) throw new Error(`member1 could not sign in (${signedIn.status}).`);
		const changes = `${server.url}/sync/members/_changes?since=0`;
		const measure = async () => {
			const times: number[] = [];
			for (let i = 0; i < options.reads; i++) {
				times.push(await timedGet(agent, changes, caller.cookie ?? ''));
			}
			return times;
		};
		// Before the flood: its queued sign-ins would still be hashed after it stops.
		const failure = await failureTimes(server, options.samples);
		await measure();
		const idleMs = await measure();

		const flood = new Flood(server.url, options.flood);
		let floodedMs: number[];
		let floodAnswers: Record<string, number>;
		try {
			await flood.started();
			// Measured once the flood keeps the hashing gate busy: its first answers are back.
			let answered = 0;
			await waitFor(
				'the flood reaching the hashing gate',
				async () => {
					const counted = await flood.count();
					answered += Object.values(counted).reduce((sum, count) => sum + count, 0);
					return answered >= 10;
				},
				20_000
			);
			floodedMs = await measure();
			floodAnswers = await flood.count();
		} finally {
			await flood.close();
		}
		log(
			`sign-in flood: _changes p50 ${fmtMs(median(idleMs))} idle, ${fmtMs(median(floodedMs))} flooded; ` +
				`flood answers ${JSON.stringify(floodAnswers)}`
		);
		return { flood: options.flood, idleMs, floodedMs, floodAnswers, failure };
	} finally {
		agent.destroy();
		await server.close();
	}
}

const FLOOD_TARGET = 2;

export function signInRows(result: SignInFloodResult): Row[] {
	const idle = median(result.idleMs);
	const flooded = median(result.floodedMs);
	const { unknownMs, lockedMs, wrongMs } = result.failure;
	const medians = [median(unknownMs), median(lockedMs), median(wrongMs)];
	const spread = Math.max(...medians) / Math.min(...medians);
	const answers = Object.entries(result.floodAnswers)
		.map(([status, count]) => `${count}× ${status}`)
		.join(', ');
	return [
		[
			`(k) _changes during ${result.flood} bad sign-ins (median)`,
			fmtMs(flooded),
			`${fmtMs(idle)} idle`,
			`${(flooded / idle).toFixed(2)}×`,
			`≤ ${FLOOD_TARGET}×`,
			flooded / idle <= FLOOD_TARGET ? 'met' : 'MISSED'
		],
		[
			'    p95 flooded; the flood meanwhile',
			fmtMs(percentile(result.floodedMs, 95)),
			answers,
			'',
			'(info)',
			''
		],
		[
			'    sign-in failure: unknown / locked / wrong (median)',
			medians.map(fmtMs).join(' / '),
			'',
			`${spread.toFixed(2)}× max/min`,
			'equal within noise',
			''
		]
	];
}
