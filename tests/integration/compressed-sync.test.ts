import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../src/lib/domain/registry';
import { HttpClient } from '../support/http-client';
import { InProcessDevice, REPORTING_COLLECTIONS } from '../support/in-process-device';
import { World } from '../support/world';

interface RawAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	/** The body as it came over the wire. */
	raw: Uint8Array;
}

/** A GET through node:http, which (unlike fetch) sends no Accept-Encoding unless told. */
function rawGet(url: string, headers: Record<string, string>): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const req = request(url, { headers }, (res) => {
			const chunks: Uint8Array[] = [];
			res.on('data', (chunk: Uint8Array) => chunks.push(chunk));
			res.on('error', reject);
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					headers: res.headers,
					raw: new Uint8Array(Buffer.concat(chunks))
				})
			);
		});
		req.on('error', reject);
		req.end();
	});
}

function decoded({ headers, raw }: RawAnswer): unknown {
	const coding = headers['content-encoding'];
	const body =
		coding === 'br'
			? brotliDecompressSync(raw)
			: coding === 'gzip'
				? gunzipSync(raw)
				: Buffer.from(raw);
	return JSON.parse(body.toString('utf8'));
}

/**
 * A device's fetch that sends `cookie`, asks for `acceptEncoding` and notes each answer's
 * Content-Encoding (fetch decompresses by itself and keeps the header).
 */
function encodingFetch(cookie: string, acceptEncoding: string, seen: string[]): typeof fetch {
	return async (input, init = {}) => {
		const headers = new Headers(init.headers);
		headers.set('cookie', cookie);
		headers.set('accept-encoding', acceptEncoding);
		const response = await fetch(input, { ...init, headers });
		seen.push(response.headers.get('content-encoding') ?? 'identity');
		return response;
	};
}

/** Each collection's documents on the device, by id. */
async function holdings(device: InProcessDevice): Promise<Record<string, unknown[]>> {
	const held: Record<string, unknown[]> = {};
	for (const name of REPORTING_COLLECTIONS as CollectionName[]) {
		const collection = device.replica.db.collections[name];
		if (!collection) throw new Error(`The device has no ${name}.`);
		const docs = (await collection.find().exec()).map((doc) => doc.toJSON());
		held[name] = docs.sort((a, b) => String(a.id).localeCompare(String(b.id)));
	}
	return held;
}

describe('sync answers compressed as the client asks', () => {
	let world: World;
	let secretary: HttpClient;

	beforeAll(async () => {
		world = await World.start(['secretary1']);
		secretary = new HttpClient(world.url);
		await (await secretary.signIn('secretary1')).arrayBuffer();
	});
	afterAll(() => world.close());

	it('compresses a page of changes with brotli or gzip, and not when not asked', async () => {
		const url = `${world.url}/sync/reports/_changes?since=0&limit=100`;
		const cookie = secretary.cookie ?? '';
		const plain = await rawGet(url, { cookie });
		expect(plain.status).toBe(200);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.headers['vary']).toBe('Accept-Encoding');
		const page = decoded(plain) as { results: unknown[] };
		expect(page.results.length).toBeGreaterThan(10);

		for (const [asked, coding] of [
			['gzip, deflate, br', 'br'],
			['gzip', 'gzip']
		] as const) {
			const answer = await rawGet(url, { cookie, 'accept-encoding': asked });
			expect(answer.status).toBe(200);
			expect(answer.headers['content-encoding']).toBe(coding);
			expect(answer.headers['vary']).toBe('Accept-Encoding');
			expect(Number(answer.headers['content-length'])).toBe(answer.raw.byteLength);
			expect(answer.raw.byteLength).toBeLessThan(plain.raw.byteLength / 3);
			expect(decoded(answer)).toEqual(page);
		}
	});

	it('leaves a small answer as it is', async () => {
		const answer = await rawGet(`${world.url}/sync/`, {
			cookie: secretary.cookie ?? '',
			'accept-encoding': 'gzip, deflate, br'
		});
		expect(answer.headers['content-encoding']).toBeUndefined();
		expect(answer.headers['vary']).toBe('Accept-Encoding');
		expect(decoded(answer)).toContain('reports');
	});

	it('gives a device asking for brotli or gzip the same replica as one asking for none', async () => {
		const replicaWith = async (acceptEncoding: string) => {
			const seen: string[] = [];
			const device = await InProcessDevice.signIn(world.url, 'secretary1', {
				batchSize: 100,
				fetch: encodingFetch(secretary.cookie ?? '', acceptEncoding, seen)
			});
			try {
				await device.sync();
				return { held: await holdings(device), seen };
			} finally {
				await device.close();
			}
		};
		const plain = await replicaWith('identity');
		expect(plain.seen).not.toContain('br');
		expect(plain.seen).not.toContain('gzip');
		expect(plain.held['reports']?.length).toBeGreaterThan(10);
		for (const coding of ['br', 'gzip']) {
			const compressed = await replicaWith(coding);
			expect(compressed.seen).toContain(coding);
			expect(compressed.held).toEqual(plain.held);
		}
	});
});
