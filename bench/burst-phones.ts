import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/** One phone's push: its session cookie and the documents of its one batch. */
export interface PhonePush {
	username: string;
	cookie: string;
	docs: unknown[];
}

/** The phones' own figures: per phone from its `_all_docs` request to its `_bulk_docs` answer. */
export interface PhonesResult {
	wallMs: number;
	deviceMs: number[];
}

/**
 * The phones of the burst, in a thread of their own: the two requests RxDB's CouchDB plugin sends
 * for one push batch, each phone on its own keep-alive connection, as a browser asks
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

async function push(serverUrl, phone) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 });
	const base = serverUrl + '/sync/attendance/';
	try {
		const start = performance.now();
		const ids = phone.docs.map((doc) => doc._id);
		const lookup = await post(agent, base + '_all_docs?', phone.cookie, { keys: ids, include_docs: true, deleted: 'ok' });
		if (lookup.status !== 200 || lookup.body.rows.some((row) => row.doc !== undefined)) {
			throw new Error(phone.username + ': _all_docs answered ' + lookup.status + ' or found a doc.');
		}
		const pushed = await post(agent, base + '_bulk_docs?', phone.cookie, { docs: phone.docs });
		const refused = Array.isArray(pushed.body) ? pushed.body.filter((row) => !('ok' in row)) : [];
		if (pushed.status !== 201 || refused.length) {
			throw new Error(phone.username + ': _bulk_docs answered ' + pushed.status + ': ' + JSON.stringify(refused.slice(0, 2)));
		}
		return performance.now() - start;
	} finally {
		agent.destroy();
	}
}

parentPort.on('message', async ({ serverUrl, phones }) => {
	try {
		const start = performance.now();
		const deviceMs = await Promise.all(phones.map((phone) => push(serverUrl, phone)));
		parentPort.postMessage({ ok: true, wallMs: performance.now() - start, deviceMs });
	} catch (error) {
		parentPort.postMessage({ ok: false, message: String(error && error.message || error) });
	}
});
`;

type Reply = { ok: true; wallMs: number; deviceMs: number[] } | { ok: false; message: string };

/** A thread holding the phones; `push` runs one burst, all phones starting in the same tick. */
export class BurstPhones {
	private readonly worker = new Worker(PHONES_SOURCE, { eval: true, name: 'burst phones' });

	push(serverUrl: string, phones: readonly PhonePush[]): Promise<PhonesResult> {
		return new Promise((resolve, reject) => {
			const sent = performance.now();
			const onError = (error: Error) => reject(error);
			this.worker.once('error', onError);
			this.worker.once('message', (reply: Reply) => {
				this.worker.off('error', onError);
				if (!reply.ok) reject(new Error(reply.message));
				// The time from here to the worker and back is left out: it is not the gateway's.
				else
					resolve({
						wallMs: Math.min(reply.wallMs, performance.now() - sent),
						deviceMs: reply.deviceMs
					});
			});
			this.worker.postMessage({ serverUrl, phones });
		});
	}

	async close(): Promise<void> {
		await this.worker.terminate();
	}
}
