import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Replica, type ReplicaOptions } from '../../src/lib/db/replica';
import { signIn, type SessionInfo } from '../../src/lib/db/session-client';
import type { CollectionName } from '../../src/lib/domain/registry';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/demo-data';

let deviceCount = 0;

/** The collections an in-process device opens unless told otherwise (the reporting slice's). */
export const REPORTING_COLLECTIONS: readonly CollectionName[] = [
	'directory',
	'members',
	'contacts',
	'reports',
	'reviews',
	'notices'
];

/**
 * A device in the caller's own thread, for the benchmarks, which time the replica directly
 * (`replica.status$`, local writes) and give it a fetch of their own. The integration tests use
 * `TestDevice`, whose replica runs in a worker thread.
 *
 * Open-source RxDB allows 13 open collections per JavaScript realm, and every device here counts
 * against the caller's: so it opens only `collections` (by default the reporting slice's).
 */
export class InProcessDevice {
	private cookie: string | null = null;
	session: SessionInfo | null = null;
	replica!: Replica;

	private constructor(
		readonly serverUrl: string,
		readonly username: string
	) {}

	static async signIn(
		serverUrl: string,
		username: string,
		options: Partial<ReplicaOptions> = {}
	): Promise<InProcessDevice> {
		const device = new InProcessDevice(serverUrl, username);
		await device.login();
		device.replica = await Replica.open({
			username,
			serverUrl,
			storage: getRxStorageMemory(),
			databaseName: `device${++deviceCount}`,
			fetch: device.fetch,
			batchSize: 20,
			retryTimeMs: 100,
			pollIntervalMs: 0,
			heartbeatMs: 2_000,
			waitForLeadership: false,
			collections: REPORTING_COLLECTIONS,
			...options
		});
		await device.replica.start(device.session?.channels ?? []);
		return device;
	}

	/** Like the browser: sends and keeps the session cookie. */
	readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
		const headers = new Headers(init.headers);
		if (this.cookie) headers.set('cookie', this.cookie);
		const response = await fetch(input, { ...init, headers });
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0] ?? null;
		return response;
	};

	async login(password = DEMO_PASSWORD): Promise<void> {
		this.session = await signIn(
			{ serverUrl: this.serverUrl, fetch: this.fetch },
			this.username,
			password
		);
	}

	async sync(): Promise<void> {
		await this.replica.syncNow();
	}

	async close(): Promise<void> {
		await this.replica.destroy();
	}
}
