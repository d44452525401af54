import { env } from '$env/dynamic/private';
import type { RequestHandler } from '@sveltejs/kit';
import { createBaodaoServer, type BaodaoServer } from './baodao-server';
import { DEMO_PASSWORD } from './demo/demo-data';
import { seedDemoData } from './demo/demo-seed';

let server: Promise<BaodaoServer> | undefined;

/**
 * SUMMARY_LEASE_MS: how long the summary worker's lease lasts unrenewed (default 30 s), i.e. how
 * soon another process takes the work over from one that died. It must stay far above the
 * difference between the servers' clocks.
 */
function leaseMs(value: string): number {
	const ms = Number(value);
	if (!Number.isSafeInteger(ms) || ms < 1_000) {
		throw new Error(`SUMMARY_LEASE_MS must be a whole number of milliseconds ≥ 1000: ${value}`);
	}
	return ms;
}

/**
 * The one server of this process: its store, its changes followers and its token key. Created at
 * start by `hooks.server.ts`; configured by DATA_DIR, COUCHDB_URL, COUCHDB_PREFIX, SUMMARY_LEASE_MS and DEMO_DATA
 * (demo data is on for the embedded store and off for CouchDB unless set to "1").
 */
export function baodaoServer(): Promise<BaodaoServer> {
	server ??= (async () => {
		const app = await createBaodaoServer({
			...(env.DATA_DIR ? { dataDir: env.DATA_DIR } : {}),
			...(env.COUCHDB_URL ? { couchUrl: env.COUCHDB_URL } : {}),
			...(env.COUCHDB_PREFIX ? { prefix: env.COUCHDB_PREFIX } : {}),
			...(env.SUMMARY_LEASE_MS ? { summaryLeaseMs: leaseMs(env.SUMMARY_LEASE_MS) } : {})
		});
		const demo = env.DEMO_DATA ? env.DEMO_DATA === '1' : !env.COUCHDB_URL;
		if (demo) {
			const { seeded, accounts } = await seedDemoData(app.store, new Date());
			const names = accounts.map((a) => a.username);
			console.log(
				`${seeded ? 'Demo data created' : 'Demo data present'}. Sign in with password "${DEMO_PASSWORD}" as:\n` +
					`  member1 … member120 (members; member1–member20 in branch 1)\n` +
					`  member201 … member220 (members of the second bureau)\n` +
					`  ${names.filter((n) => !n.startsWith('member')).join(', ')}`
			);
		}
		console.log(
			`Store: ${app.store.kind === 'couchdb' ? 'CouchDB' : `embedded (${env.DATA_DIR ?? 'data'})`}`
		);
		return app;
	})();
	return server;
}

/**
 * An API route's handler: the request goes to the server, with the client's address (it keys rate
 * limits and goes into the audit log; docs/operations.md on proxies); 404 for what it does not answer.
 */
export const forwardToServer: RequestHandler = async ({ request, getClientAddress }) => {
	const server = await baodaoServer();
	return (await server.handle(request, getClientAddress())) ?? new Response(null, { status: 404 });
};
