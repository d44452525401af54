import { env } from '$env/dynamic/private';
import { createBaodaoServer, type BaodaoServer } from './baodao-server';
import { DEMO_PASSWORD } from './demo/demo-data';
import { seedDemoData } from './demo/demo-seed';

let server: Promise<BaodaoServer> | undefined;

/**
 * The one server of this process: its store, its changes followers and its token key. Created at
 * start by `hooks.server.ts`; configured by DATA_DIR, COUCHDB_URL, COUCHDB_PREFIX and DEMO_DATA
 * (demo data is on for the embedded store and off for CouchDB unless set to "1").
 */
export function baodaoServer(): Promise<BaodaoServer> {
	server ??= (async () => {
		const app = await createBaodaoServer({
			...(env.DATA_DIR ? { dataDir: env.DATA_DIR } : {}),
			...(env.COUCHDB_URL ? { couchUrl: env.COUCHDB_URL } : {}),
			...(env.COUCHDB_PREFIX ? { prefix: env.COUCHDB_PREFIX } : {})
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
