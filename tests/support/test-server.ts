import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
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

/**
 * The real gateway over real HTTP on loopback, on a fresh embedded store in a temporary folder
 * (or on `couchUrl`, or in the `dataDir` a test prepared, when given). The folder is removed at
 * close either way.
 */
export async function startTestServer(options: BaodaoServerOptions = {}): Promise<RunningServer> {
	const dataDir = options.couchUrl
		? undefined
		: (options.dataDir ?? (await mkdtemp(join(tmpdir(), 'baodao-test-'))));
	const app = await createBaodaoServer({
		maxLongpollMs: 5_000,
		...options,
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
			const response = (await app.handle(request)) ?? new Response('not found', { status: 404 });
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
