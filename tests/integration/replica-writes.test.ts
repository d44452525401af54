import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../src/lib/domain/registry';
import { endSessionsOf } from '../../src/lib/server/sessions';
import { aReport } from '../support/factories';
import type { TestDevice } from '../support/test-device';
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
		await device.bulkInsert('reports', [valid, forged]);
		await device.sync();

		expect(await device.findOne('reports', forged.id)).toBeNull();
		expect(await device.findOne('reports', valid.id)).not.toBeNull();
		await expect(world.db('reports').get(valid.id)).resolves.toMatchObject({ memberId: 'm001' });
		await expect(world.db('reports').get(forged.id)).rejects.toMatchObject({ status: 404 });

		const notice = await device.waitFor('notices', {});
		expect(notice[0]).toMatchObject({
			recipient: 'member1',
			kind: 'write-rejected',
			docCollection: 'reports',
			docId: forged.id,
			reason: 'forbidden'
		});

		// m001's unit report (br1 is linked to cm1); a second residence report would be refused.
		const later = aReport('m001', 'cm1', {}, 'unit');
		await device.insert('reports', later);
		await device.sync();
		await expect(world.db('reports').get(later.id)).resolves.toMatchObject({ kind: 'unit' });
		expect((await device.status()).pending).toBe(0);
	});

	it('reverts a change to a field the member may not change to the server version', async () => {
		const device = await world.device('member1');
		await device.sync();
		await device.incrementalPatch('members', 'm001', { duties: ['secretary'] });
		await device.sync();
		const after = await device.findOne('members', 'm001');
		expect(after?.duties).toEqual([]);
		expect(((await world.db('members').get('m001')) as unknown as Member).duties).toEqual([]);
	});

	it('converges two devices that edited offline', async () => {
		const phone = await world.device('member1');
		const tablet = await world.device('member1');
		await Promise.all([phone.sync(), tablet.sync()]);
		await phone.setOffline(true);
		await tablet.setOffline(true);

		await phone.incrementalPatch('members', 'm001', { background: '电工' });
		await tablet.incrementalPatch('members', 'm001', { interests: ['助老'] });
		await phone.insert('reports', aReport('m001', 'cm1'));
		await tablet.insert('reports', aReport('m001', 'cm1', {}, 'unit'));

		await phone.setOffline(false);
		await phone.sync();
		await tablet.setOffline(false);
		await tablet.sync();
		await phone.sync();

		const snapshot = async (device: TestDevice) => ({
			member: await device.findOne('members', 'm001'),
			// member1's service records (ids `sr.…`, issue 17) share the collection.
			reports: (await device.ids('reports')).filter((id) => !id.startsWith('sr.'))
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

	it('pushes new documents without a lookup, and a creation the server already has becomes its version', async () => {
		const requests: string[] = [];
		const app = world.server.app;
		const handle = app.handle.bind(app);
		app.handle = (request) => {
			const { pathname } = new URL(request.url);
			if (pathname.startsWith('/sync/reports/')) requests.push(`${request.method} ${pathname}`);
			return handle(request);
		};
		const phone = await world.device('member1');
		const tablet = await world.device('member1');
		await Promise.all([phone.sync(), tablet.sync()]);
		await tablet.setOffline(true);

		requests.length = 0;
		const first = aReport('m001', 'cm1', { submittedAt: '2026-03-01T01:00:00.000Z' });
		await phone.insert('reports', first);
		await phone.sync();
		expect(requests).toContain('POST /sync/reports/_bulk_docs');
		expect(requests).not.toContain('POST /sync/reports/_all_docs');

		// The same member's tablet made the same report (same id) offline: its push is a creation
		// over a document the server has, answered as a conflict; the device takes the server's.
		await tablet.insert(
			'reports',
			aReport('m001', 'cm1', { submittedAt: '2026-03-02T01:00:00.000Z' })
		);
		await tablet.setOffline(false);
		await tablet.sync();
		expect(requests.filter((r) => r === 'POST /sync/reports/_bulk_docs')).toHaveLength(2);
		expect(await tablet.findOne('reports', first.id)).toMatchObject({
			submittedAt: first.submittedAt
		});
		await expect(world.db('reports').get(first.id)).resolves.toMatchObject({
			submittedAt: first.submittedAt
		});
		expect((await tablet.status()).pending).toBe(0);
	});

	it('delivers a change to a longpolling device without it asking', async () => {
		const secretary = await world.device('secretary1');
		const member = await world.device('member1');
		await Promise.all([secretary.sync(), member.sync()]);
		const report = aReport('m001', 'cm1');
		const arrived = secretary.waitFor('reports', { id: report.id });
		await member.insert('reports', report);
		await expect(arrived).resolves.toHaveLength(1);
	});

	it('keeps unsent changes through an expired session and pushes them after signing in again', async () => {
		const device = await world.device('member1');
		await device.sync();
		await endSessionsOf(world.db('sessions'), 'member1');
		const report = aReport('m001', 'cm1');
		await device.insert('reports', report);
		await device.waitForStatus({ signedIn: false });
		expect((await device.status()).pending).toBe(1);
		expect(await device.findOne('reports', report.id)).not.toBeNull();
		await expect(world.db('reports').get(report.id)).rejects.toMatchObject({ status: 404 });

		await device.resume();
		await device.sync();
		await expect(world.db('reports').get(report.id)).resolves.toMatchObject({ memberId: 'm001' });
		expect((await device.status()).pending).toBe(0);
	});
});
