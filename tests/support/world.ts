import { seedDemoData } from '../../src/lib/server/demo/demo-seed';
import { startTestServer, type RunningServer } from './test-server';
import { TestDevice } from './test-device';

export const NOW = new Date('2026-11-20T04:00:00.000Z');

/**
 * A running gateway on a fresh embedded store with the demo bureau; accounts are created only
 * for the usernames a test names (hashing all 130 would dominate the suite's time).
 */
export class World {
	private readonly devices: TestDevice[] = [];

	private constructor(readonly server: RunningServer) {}

	static async start(
		usernames: readonly string[],
		options: Parameters<typeof startTestServer>[0] = {}
	) {
		const server = await startTestServer(options);
		await seedDemoData(server.app.store, NOW, usernames);
		return new World(server);
	}

	get url(): string {
		return this.server.url;
	}

	db(name: Parameters<RunningServer['app']['store']['db']>[0]) {
		return this.server.app.store.db(name);
	}

	async device(
		username: string,
		options: Parameters<typeof TestDevice.signIn>[2] = {},
		beforeRequest: Parameters<typeof TestDevice.signIn>[3] = null
	): Promise<TestDevice> {
		const device = await TestDevice.signIn(this.url, username, options, beforeRequest);
		this.devices.push(device);
		return device;
	}

	async close(): Promise<void> {
		await Promise.all(this.devices.map((device) => device.close().catch(() => undefined)));
		await this.server.close();
	}
}
