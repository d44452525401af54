import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Replica, type ReplicaOptions } from '../../src/lib/db/replica';
import { signIn, type SessionInfo } from '../../src/lib/db/session-client';
import type { CollectionName } from '../../src/lib/domain/registry';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/demo-data';

let deviceCount = 0;

/**
 * Open-source RxDB allows 13 open collections per process, so a test device opens only the
 * collections of the slice under test; these are the reporting slice's.
 */
export const REPORTING_COLLECTIONS: readonly CollectionName[] = [
	'directory',
	'members',
	'contacts',
	'reports',
	'reviews',
	'notices'
];

/** The events slice: activities, check-ins, the badge registry and the keys. */
export const EVENT_COLLECTIONS: readonly CollectionName[] = [
	'activities',
	'attendance',
	'directory',
	'credentials'
];

/**
 * A phone or tablet in a test: its own cookie jar, a switch to go offline, and a real RxDB replica
 * (memory storage) replicating through the real gateway over HTTP.
 */
export class TestDevice {
	offline = false;
	/** Runs before each request leaves the device: lets a test hold one back, as a busy browser does. */
	beforeRequest: ((url: string) => Promise<void>) | null = null;
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
		options: Partial<ReplicaOptions> = {},
		beforeRequest: TestDevice['beforeRequest'] = null
	): Promise<TestDevice> {
		const device = new TestDevice(serverUrl, username);
		device.beforeRequest = beforeRequest;
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

	/** Like the browser: sends and keeps the session cookie; fails like a dead network when offline. */
	readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
		if (this.offline) throw new TypeError('fetch failed: the device is offline');
		await this.beforeRequest?.(input instanceof Request ? input.url : String(input));
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

	/** Signs in again and restarts sync, as the app does after "please sign in again". */
	async resume(): Promise<void> {
		await this.login();
		await this.replica.start(this.session?.channels ?? []);
	}

	async sync(): Promise<void> {
		await this.replica.syncNow();
	}

	ids(collection: CollectionName): Promise<string[]> {
		return this.replica.db.collections[collection]
			.find()
			.exec()
			.then((docs) => docs.map((doc) => doc.primary).sort());
	}

	async close(): Promise<void> {
		await this.replica.destroy();
	}
}
