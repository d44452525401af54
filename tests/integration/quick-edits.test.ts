import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../src/lib/domain/registry';
import { World } from '../support/world';

/**
 * The pending set is kept by document id: a round that pushed the first of quick edits to one
 * document used to settle that id and end before it saw the others, so the device said 已全部同步
 * while the server held the first edit only (found by the reconnect bench, issue 13).
 */
describe('quick edits of one document', () => {
	let world: World;

	beforeAll(async () => {
		world = await World.start(['member1']);
	});
	afterAll(() => world.close());

	it('reach the server, the last one standing, before the device says all is synced', async () => {
		// The first push of the profile is held on the wire while the member edits on.
		const phone = await world.device('member1', {
			holdRequests: [{ urlIncludes: ['/sync/members/_bulk_docs'] }]
		});
		await phone.sync();
		const edit = async (background: string) => {
			const current = (await phone.findOne('members', 'm001')) as Member;
			await phone.writeChecked('members', {
				...current,
				background,
				updatedAt: new Date().toISOString()
			});
		};
		await edit('社区志愿者');
		const synced = phone.sync();
		await phone.waitForHeld();
		await edit('社区志愿者，法律咨询');
		await edit('社区志愿者，法律咨询，周末有空');
		expect(await phone.release(), 'the first edit was held until now').toBe(1);
		await synced;

		await phone.waitForStatus({ pending: 0 });
		const stored = (await world.db('members').get('m001')) as unknown as Member;
		expect(stored.background).toBe('社区志愿者，法律咨询，周末有空');
	});
});
