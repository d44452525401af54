import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../src/lib/domain/registry';
import { endSessionsOf } from '../../src/lib/server/sessions';
import { aReport } from '../support/factories';
import { until } from '../support/wait';
import { World } from '../support/world';

describe('writes from devices', () => {
	let world: World;
	beforeEach(async () => {
		world = await World.start(['member1', 'member2', 'secretary1']);
	});
	afterEach(async () => {
		await world.close();
	});

	it('reverts a forged write on the device, tells the user why, and keeps replicating', async () => {
		const device = await world.device('member1');
		await device.sync();
		const valid = aReport('m001', 'cm1');
		// Claims another member as owner; its channels are those its fields imply.
		const forged = aReport('m002', 'cm2');
		await device.replica.db.reports.bulkInsert([valid, forged]);
		await device.sync();

		expect(await device.replica.db.reports.findOne(forged.id).exec()).toBeNull();
		expect(await device.replica.db.reports.findOne(valid.id).exec()).not.toBeNull();
		await expect(world.db('reports').get(valid.id)).resolves.toMatchObject({ memberId: 'm001' });
		await expect(world.db('reports').get(forged.id)).rejects.toMatchObject({ status: 404 });

		const notice = await until(device.replica.db.notices.find().$, (docs) => docs.length > 0);
		expect(notice[0]?.toJSON()).toMatchObject({
			recipient: 'member1',
			kind: 'write-rejected',
			docCollection: 'reports',
			docId: forged.id,
			reason: 'forbidden'
		});

		const later = aReport('m001', 'cm4');
		await device.replica.db.reports.insert(later);
		await device.sync();
		await expect(world.db('reports').get(later.id)).resolves.toMatchObject({ communityId: 'cm4' });
		expect(device.replica.status.pending).toBe(0);
	});

	it('reverts a change to a field the member may not change to the server version', async () => {
		const device = await world.device('member1');
		await device.sync();
		const profile = await device.replica.db.members.findOne('m001').exec();
		await profile?.incrementalPatch({ duties: ['secretary'] });
		await device.sync();
		const after = await device.replica.db.members.findOne('m001').exec();
		expect(after?.duties).toEqual([]);
		expect(((await world.db('members').get('m001')) as unknown as Member).duties).toEqual([]);
	});

	it('converges two devices that edited offline', async () => {
		const phone = await world.device('member1');
		const tablet = await world.device('member1');
		await Promise.all([phone.sync(), tablet.sync()]);
		phone.offline = true;
		tablet.offline = true;

		await (
			await phone.replica.db.members.findOne('m001').exec()
		)?.incrementalPatch({ background: '电工' });
		await (
			await tablet.replica.db.members.findOne('m001').exec()
		)?.incrementalPatch({ interests: ['助老'] });
		await phone.replica.db.reports.insert(aReport('m001', 'cm1'));
		await tablet.replica.db.reports.insert(aReport('m001', 'cm1', {}, 'unit'));

		phone.offline = false;
		await phone.sync();
		tablet.offline = false;
		await tablet.sync();
		await phone.sync();

		const snapshot = async (device: typeof phone) => ({
			member: (await device.replica.db.members.findOne('m001').exec())?.toJSON(),
			reports: await device.ids('reports')
		});
		const [a, b] = [await snapshot(phone), await snapshot(tablet)];
		expect(a).toEqual(b);
		expect(a.reports).toEqual(['m001.residence.cm1', 'm001.unit.cm1']);
		const server = (await world.db('members').get('m001')) as unknown as Member;
		expect({ background: server.background, interests: server.interests }).toEqual({
			background: a.member?.background,
			interests: a.member?.interests
		});
	});

	it('delivers a change to a longpolling device without it asking', async () => {
		const secretary = await world.device('secretary1');
		const member = await world.device('member1');
		await Promise.all([secretary.sync(), member.sync()]);
		const report = aReport('m001', 'cm1');
		const arrived = until(secretary.replica.db.reports.findOne(report.id).$, (doc) => doc !== null);
		await member.replica.db.reports.insert(report);
		await expect(arrived).resolves.toBeTruthy();
	});

	it('keeps unsent changes through an expired session and pushes them after signing in again', async () => {
		const device = await world.device('member1');
		await device.sync();
		await endSessionsOf(world.db('sessions'), 'member1');
		const report = aReport('m001', 'cm1');
		await device.replica.db.reports.insert(report);
		await until(device.replica.status$, (s) => !s.signedIn);
		expect(device.replica.status.pending).toBe(1);
		expect(await device.replica.db.reports.findOne(report.id).exec()).not.toBeNull();
		await expect(world.db('reports').get(report.id)).rejects.toMatchObject({ status: 404 });

		await device.resume();
		await device.sync();
		await expect(world.db('reports').get(report.id)).resolves.toMatchObject({ memberId: 'm001' });
		expect(device.replica.status.pending).toBe(0);
	});
});
