import { seedDemoData } from '../../src/lib/server/demo/demo-seed';
import { startTestServer, type RunningServer } from './test-server';
import { testStore, type TestStore } from './test-store';
import { TestDevice, type DeviceOptions } from './test-device';

export const NOW = new Date('2026-11-20T04:00:00.000Z');

/** A row of the gateway's `_bulk_docs`, `_all_docs` or `_changes` answer, as the tests read it. */
export type GatewayRow = {
	id?: string;
	key?: string;
	error?: string;
	reason?: string;
	ok?: boolean;
	rev?: string;
	doc?: Record<string, unknown>;
};

/**
 * A running gateway with the demo bureau, on a fresh embedded store (on the `couchdb` project: on
 * real CouchDB under a prefix of its own, see test-store.ts); accounts are created only
 * for the usernames a test names (hashing all 130 would dominate the suite's time).
 */
export class World {
	private readonly devices: TestDevice[] = [];

	private constructor(
		readonly server: RunningServer,
		private readonly store: TestStore
	) {}

	static async start(
		usernames: readonly string[],
		options: Parameters<typeof startTestServer>[0] = {}
	) {
		// The project's store (test-store.ts), unless the test names one.
		const store = testStore();
		const server = await startTestServer({ ...store.options, ...options });
		await seedDemoData(server.app.store, NOW, usernames);
		// Devices then find the summaries of the demo already made, not some of them.
		await server.app.summaries?.idle();
		return new World(server, store);
	}

	get url(): string {
		return this.server.url;
	}

	db(name: Parameters<RunningServer['app']['store']['db']>[0]) {
		return this.server.app.store.db(name);
	}

	/** Signs a new device in as `username` and starts its sync; `close()` ends it. */
	async device(username: string, options: DeviceOptions = {}): Promise<TestDevice> {
		const device = TestDevice.spawn(this.url, username);
		this.devices.push(device);
		await device.start(options);
		return device;
	}

	/**
	 * Ends every device (their workers too, also after a failed test), then the server; rejects
	 * if a device crashed or could not close, so that such a failure is never silent.
	 */
	async close(): Promise<void> {
		const closed = await Promise.allSettled(this.devices.map((device) => device.close()));
		await this.server.close();
		await this.store.drop();
		const failures = closed.flatMap((result) =>
			result.status === 'rejected' ? [result.reason as unknown] : []
		);
		if (failures.length === 1) throw failures[0];
		if (failures.length > 1) throw new AggregateError(failures, 'Devices failed.');
	}
}
