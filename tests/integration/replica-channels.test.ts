import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../src/lib/server/accounts';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { aReport, memberContactIds } from '../support/factories';
import { World } from '../support/world';

describe('channels over time', () => {
	let world: World;
	beforeEach(async () => {
		world = await World.start(['member1', 'member2']);
	});
	afterEach(async () => {
		await world.close();
	});

	/** 1,000 reports of which every 50th belongs to member1, in the initial walk or the feed. */
	async function writeSparse(prefix: string) {
		const docs = Array.from({ length: 1000 }, (_, i) =>
			i % 50 === 0
				? aReport('m001', `${prefix}v${i}`)
				: aReport(`x${prefix}${i}`, `${prefix}c${i}`, { branchId: 'brX', orgId: 'orgX' })
		);
		await world.db('reports').bulkDocs(docs.map(toStored));
		return docs.filter((_, i) => i % 50 === 0).map((d) => d.id);
	}

	it('delivers every visible document when only 1 in 50 is visible and pages hold 20', async () => {
		const before = await writeSparse('a');
		const device = await world.device('member1', { batchSize: 20 });
		await device.sync();
		const after = await writeSparse('b');
		await device.sync();
		// member1's service records (ids `sr.…`, issue 17) share the collection.
		const reports = (await device.ids('reports')).filter((id) => !id.startsWith('sr.'));
		expect(reports).toEqual([...before, ...after].sort());
	});

	async function setRoles(username: string, roles: Account['roles']) {
		const account = (await world.db('accounts').get(username)) as unknown as Account;
		await world
			.db('accounts')
			.put({ ...account, roles } as unknown as Record<string, unknown> & { _id: string });
	}

	it('fills in older documents of a channel the user gains and drops them when it is lost', async () => {
		const device = await world.device('member2');
		await device.sync();
		expect(await memberContactIds(device)).toEqual(['m002']);

		await setRoles('member2', [{ role: 'member' }, { role: 'secretary', branchId: 'br1' }]);
		await device.resume();
		await device.sync();
		expect(await memberContactIds(device)).toHaveLength(21);
		expect(await device.ids('members')).toHaveLength(21);

		// A change made before the channel is lost still reaches the server.
		const waiting = aReport('m002', 'cm1', {}, 'unit');
		await device.setOffline(true);
		await device.insert('reports', waiting);
		await device.setOffline(false);
		await setRoles('member2', [{ role: 'member' }]);
		await device.resume();
		await device.sync();
		expect(await memberContactIds(device)).toEqual(['m002']);
		expect(await device.ids('members')).toEqual(['m002']);
		await expect(world.db('reports').get(waiting.id)).resolves.toMatchObject({ memberId: 'm002' });
		expect(await device.ids('reports')).toContain(waiting.id);
	});
});
