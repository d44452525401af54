import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../src/lib/domain/registry';
import { NOTICES_PER_DAY } from '../../src/lib/server/rejections';
import type { DatabaseName } from '../../src/lib/server/store';
import { aReport } from '../support/factories';
import { World } from '../support/world';

describe('refused writes', () => {
	let world: World;
	beforeEach(async () => {
		world = await World.start(['member1', 'member2']);
	});
	afterEach(async () => {
		await world.close();
	});

	/** Counts the store writes to `names` and the sync requests of each kind from here on. */
	function counting(names: DatabaseName[]) {
		const writes = new Map<string, number>(names.map((name) => [name, 0]));
		for (const name of names) {
			const db = world.db(name);
			const bulkDocs = db.bulkDocs.bind(db);
			const put = db.put.bind(db);
			const count = () => writes.set(name, (writes.get(name) ?? 0) + 1);
			db.bulkDocs = ((...args: Parameters<typeof bulkDocs>) => {
				count();
				return bulkDocs(...args);
			}) as typeof db.bulkDocs;
			db.put = ((...args: Parameters<typeof put>) => {
				count();
				return put(...args);
			}) as typeof db.put;
		}
		const requests = new Map<string, number>();
		const app = world.server.app;
		const handle = app.handle.bind(app);
		app.handle = (request) => {
			const { pathname } = new URL(request.url);
			const key = `${request.method} ${pathname.split('/').at(-1) ?? ''}`;
			requests.set(key, (requests.get(key) ?? 0) + 1);
			return handle(request);
		};
		return { writes, requests };
	}

	it('a thousand refused documents: a few store writes per push, capped notices, every one reverted', async () => {
		const device = await world.device('member1');
		await device.sync();
		const { writes, requests } = counting(['rejections', 'notices']);
		// Reports claiming a thousand other members: each refused, each to be reverted on the device.
		const forged = Array.from({ length: 1000 }, (_, i) =>
			aReport(`m${String(i + 2).padStart(4, '0')}`, 'cm1')
		);
		await device.bulkInsert('reports', forged);
		await device.sync();

		// member1 has no report; their service records (ids `sr.…`, issue 17) share the collection.
		expect((await device.ids('reports')).filter((id) => !id.startsWith('sr.'))).toEqual([]);
		expect((await device.status()).pending).toBe(0);
		const pushes = requests.get('POST _bulk_docs') ?? 0;
		const reads = requests.get('GET _all_docs') ?? 0;
		expect(pushes).toBeGreaterThan(0);
		// Per push: the stashes with the tally, and the notices; per read back: the stashes taken;
		// and once a day, the sweep of expired stashes.
		expect(writes.get('notices')).toBeLessThanOrEqual(pushes);
		expect(writes.get('rejections')).toBeLessThanOrEqual(pushes + reads + 1);

		const notices = (await world.db('notices').allDocs({ include_docs: true })).rows.map(
			(row) => row.doc as unknown as Notice & { _id: string }
		);
		const own = notices.filter((notice) => notice.recipient === 'member1');
		expect(own).toHaveLength(NOTICES_PER_DAY + 1);
		const summary = own.filter((notice) => notice.docId === undefined);
		expect(summary).toEqual([
			expect.objectContaining({ reason: 'forbidden', more: 1000 - NOTICES_PER_DAY })
		]);
		const onDevice = await device.waitFor('notices', {});
		expect(onDevice.length).toBeGreaterThan(0);

		// Another user's refusal gets its own notice, whatever the first user pushed.
		const other = await world.device('member2');
		await other.sync();
		const theirs = aReport('m001', 'cm2');
		await other.insert('reports', theirs);
		await other.sync();
		expect(await other.findOne('reports', theirs.id)).toBeNull();
		const [notice] = await other.waitFor('notices', {});
		expect(notice).toMatchObject({ recipient: 'member2', docId: theirs.id, reason: 'forbidden' });
	});
});
