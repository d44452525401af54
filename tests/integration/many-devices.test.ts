import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	collectionNames,
	RXDB_OPEN_COLLECTION_LIMIT,
	type CollectionName
} from '../../src/lib/domain/registry';
import { canRead } from '../../src/lib/domain/access/channels';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

const USERS = ['member1', 'secretary1', 'community1', 'office1'] as const;

/**
 * Every device runs in a worker thread of its own, so a test is not bound by open-source RxDB's
 * limit of 13 open collections per JavaScript realm: here four devices hold every collection.
 */
describe('four devices at once, each with every collection', () => {
	let world: World;
	let devices: TestDevice[];

	beforeAll(async () => {
		world = await World.start(USERS);
		devices = await Promise.all(USERS.map((username) => world.device(username)));
		await Promise.all(devices.map((device) => device.sync()));
	});
	afterAll(() => world.close());

	/** The ids of the server's documents in `collection` that `channels` may read. */
	async function visible(collection: CollectionName, channels: readonly string[]) {
		const granted = new Set(channels);
		const all = await world.db(collection).allDocs({ include_docs: true });
		return all.rows
			.filter((row) => !row.id.startsWith('_design/') && canRead(granted, row.doc?.['channels']))
			.map((row) => row.id)
			.sort();
	}

	it('opens more collections than one realm may, all of them on every device', async () => {
		const open = await Promise.all(devices.map((device) => device.collections()));
		for (const names of open) expect([...names].sort()).toEqual([...collectionNames].sort());
		expect(open.flat().length).toBeGreaterThan(RXDB_OPEN_COLLECTION_LIMIT);
	});

	it.each(USERS.map((username, i) => [username, i] as const))(
		"gives %s's device exactly what its user may see, in every collection",
		async (_, i) => {
			const device = devices[i]!;
			const channels = device.session?.channels ?? [];
			for (const collection of collectionNames) {
				expect(await device.ids(collection), collection).toEqual(
					await visible(collection, channels)
				);
			}
			expect(await device.ids('directory')).toContain('org-zjj');
			const memberId = device.session?.user.memberId;
			if (memberId) expect(await device.ids('members')).toContain(memberId);
		}
	);

	it('lets every device see a change the others may see, all of them syncing at once', async () => {
		const [member, secretary, staff, office] = devices as [
			TestDevice,
			TestDevice,
			TestDevice,
			TestDevice
		];
		await member.incrementalPatch('members', 'm001', { background: '四台设备' });
		await member.sync();
		await Promise.all([secretary, staff, office].map((device) => device.sync()));
		for (const device of [secretary, staff, office]) {
			expect((await device.findOne('members', 'm001'))?.background).toBe('四台设备');
		}
	});
});
