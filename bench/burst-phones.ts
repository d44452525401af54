import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/** One phone's push: its session cookie and the documents of its one batch. */
export interface PhonePush {
	username: string;
	cookie: string;
	docs: unknown[];
}

/** The phones' own figures: per phone from its `_bulk_docs` request to the answer. */
export interface PhonesResult {
	wallMs: number;
	deviceMs: number[];
}

/**
 * The phones of the burst, in a thread of their own: the one request the app's replica sends for
 * a push batch of new documents (creation-pushes.ts answers the plugin's lookup before it on the
 * device), each phone on its own keep-alive connection, as a browser asks
 * (`Accept-Encoding: gzip, deflate, br`). Plain JavaScript, so the worker needs no TypeScript
 * loader. The phones' HTTP work runs beside the gateway instead of on its thread, as fifty real
 * phones' does on their own CPUs.
 */
const PHONES_SOURCE = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const zlib = require('node:zlib');
const { performance } = require('node:perf_hooks');

function post(agent, url, cookie, json) {
	return new Promise((resolve, reject) => {
		const body = JSON.stringify(json);
		const req = http.request(url, {
			agent,
			method: 'POST',
			headers: {
				cookie,
				accept: 'application/json',
				'accept-encoding': 'gzip, deflate, br',
				'content-type': 'application/json',
				'content-length': Buffer.byteLength(body)
			}
		}, (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('error', reject);
			res.on('end', () => {
				let raw = Buffer.concat(chunks);
				const coding = res.headers['content-encoding'];
				if (coding === 'br') raw = zlib.brotliDecompressSync(raw);
				else if (coding === 'gzip') raw = zlib.gunzipSync(raw);
				try {
					resolve({ status: res.statusCode, body: JSON.parse(raw.toString('utf8')) });
				} catch {
					reject(new Error('Not JSON (' + res.statusCode + '): ' + raw.toString('utf8').slice(0, 200)));
				}
			});
		});
		req.on('error', reject);
		req.end(body);
	});
}

function get(agent, url, cookie) {
	return new Promise((resolve, reject) => {
		http
			.get(url, { agent, headers: { cookie, accept: 'application/json' } }, (res) => {
				res.resume();
				res.on('error', reject);
				res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(url + ' answered ' + res.statusCode))));
			})
			.on('error', reject);
	});
}

async function push(agent, serverUrl, phone) {
	const start = performance.now();
	const pushed = await post(agent, serverUrl + '/sync/attendance/_bulk_docs?', phone.cookie, { docs: phone.docs });
	const refused = Array.isArray(pushed.body) ? pushed.body.filter((row) => !('ok' in row)) : [];
	if (pushed.status !== 201 || refused.length) {
		throw new Error(phone.username + ': _bulk_docs answered ' + pushed.status + ': ' + JSON.stringify(refused.slice(0, 2)));
	}
	return performance.now() - start;
}

let agents = [];

async function connect(serverUrl, phones) {
	agents = phones.map(() => new http.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 }));
	await Promise.all(phones.map((phone, i) => get(agents[i], serverUrl + '/sync/', phone.cookie)));
	return {};
}

async function burst(serverUrl, phones) {
	try {
		const start = performance.now();
		const deviceMs = await Promise.all(phones.map((phone, i) => push(agents[i], serverUrl, phone)));
		return { wallMs: performance.now() - start, deviceMs };
	} finally {
		for (const agent of agents) agent.destroy();
		agents = [];
	}
}

parentPort.on('message', async ({ type, serverUrl, phones }) => {
	try {
		const result = await (type === 'connect' ? connect(serverUrl, phones) : burst(serverUrl, phones));
		parentPort.postMessage({ ok: true, ...result });
	} catch (error) {
		parentPort.postMessage({ ok: false, message: String(error && error.message || error) });
	}
});
`;

type Reply = ({ ok: true } & Partial<PhonesResult>) | { ok: false; message: string };

/** A thread holding the phones: `connect` opens their connections, `push` runs one burst. */
export class BurstPhones {
	private readonly worker = new Worker(PHONES_SOURCE, { eval: true, name: 'burst phones' });

	/**
	 * Opens each phone's connection (one signed-in `GET /sync/` each), as a device's is open by
	 * the time it pushes: its session check and live stream come first when it is back online.
	 * One thread opening fifty connections one after another is this simulation's cost, not the
	 * gateway's, and the burst would otherwise start with it.
	 */
	async connect(serverUrl: string, phones: readonly PhonePush[]): Promise<void> {
		await this.ask({
			type: 'connect',
			serverUrl,
			phones: phones.map(({ cookie }) => ({ cookie }))
		});
	}

	/** One burst on the connections `connect` opened, all phones starting in the same tick. */
	async push(serverUrl: string, phones: readonly PhonePush[]): Promise<PhonesResult> {
		const sent = performance.now();
		const reply = await this.ask({ type: 'push', serverUrl, phones });
		// The time from here to the worker and back is left out: it is not the gateway's.
		return {
			wallMs: Math.min(reply.wallMs ?? 0, performance.now() - sent),
			deviceMs: reply.deviceMs ?? []
		};
	}

	private ask(message: object): Promise<Partial<PhonesResult>> {
		return new Promise((resolve, reject) => {
			const onError = (error: Error) => reject(error);
			this.worker.once('error', onError);
			this.worker.once('message', (reply: Reply) => {
				this.worker.off('error', onError);
				if (reply.ok) resolve(reply);
				else reject(new Error(reply.message));
			});
			this.worker.postMessage(message);
		});
	}

	async close(): Promise<void> {
		await this.worker.terminate();
	}
}
