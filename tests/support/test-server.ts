import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequest, setResponse } from '@sveltejs/kit/node';
import {
	createBaodaoServer,
	type BaodaoServer,
	type BaodaoServerOptions
} from '../../src/lib/server/baodao-server';

export interface RunningServer {
	url: string;
	app: BaodaoServer;
	close(): Promise<void>;
}

export interface TestServerOptions extends BaodaoServerOptions {
	/** As adapter-node's ADDRESS_HEADER: the header the trusted proxy puts the client's address in. */
	addressHeader?: string;
	/** As adapter-node's XFF_DEPTH (default 1): trusted proxies in front, for `x-forwarded-for`. */
	xffDepth?: number;
}

/**
 * The client address as adapter-node's `getClientAddress()` finds it, which the route handlers
 * pass to `handle`: from the configured header when set (and an error when it is missing, as
 * there), else the socket's.
 */
function clientAddress(req: IncomingMessage, header: string | undefined, depth: number): string {
	if (!header) return req.socket.remoteAddress ?? '';
	const value = req.headers[header];
	if (value === undefined) throw new Error(`The address header ${header} is missing.`);
	const text = Array.isArray(value) ? value.join(',') : value;
	if (header !== 'x-forwarded-for') return text;
	const addresses = text.split(',');
	if (depth > addresses.length) {
		throw new Error(`XFF_DEPTH is ${depth}, but only found ${addresses.length} addresses.`);
	}
	return (addresses[addresses.length - depth] ?? '').trim();
}

/**
 * The real gateway over real HTTP on loopback, on a fresh embedded store in a temporary folder
 * (or on `couchUrl`, or in the `dataDir` a test prepared, when given). The folder is removed at
 * close either way.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<RunningServer> {
	const { addressHeader, xffDepth = 1, ...serverOptions } = options;
	const dataDir = options.couchUrl
		? undefined
		: (options.dataDir ?? (await mkdtemp(join(tmpdir(), 'baodao-test-'))));
	const app = await createBaodaoServer({
		maxLongpollMs: 5_000,
		...serverOptions,
		...(dataDir ? { dataDir } : {})
	});
	const server: Server = createServer((req, res) => {
		void (async () => {
			const base = `http://${req.headers.host ?? 'localhost'}`;
			const request = await getRequest({
				request: req,
				base,
				bodySizeLimit: Number.POSITIVE_INFINITY
			});
			// As the app's API routes that log or limit by address (src/routes/api/*); sync gets none.
			const address = new URL(request.url).pathname.startsWith('/api/')
				? clientAddress(req, addressHeader?.toLowerCase(), xffDepth)
				: undefined;
			const response =
				(await app.handle(request, address)) ?? new Response('not found', { status: 404 });
			await setResponse(res, response);
		})().catch((error: unknown) => {
			res.statusCode = 500;
			res.end(String(error));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		app,
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await app.close();
			if (dataDir) await rm(dataDir, { recursive: true, force: true });
		}
	};
}
