import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aReport } from '../support/factories';
import { HttpClient } from '../support/http-client';
import { World } from '../support/world';

/**
 * A lone UTF-16 surrogate (half of an emoji, e.g. where a client cut text in the middle of one) is
 * not Unicode: CouchDB refuses the whole request that carries one (`invalid UTF-8 JSON`). Pushed in
 * a document it is refused like any invalid document (principle 6) on both stores, the rest of the
 * batch written; as a document id asked for, it is one that does not exist — never a 500, which a
 * device would retry for ever. Runs on the embedded store and on real CouchDB (vite.config.ts).
 * (Sign-in, member and activity lookups with one answered 401/404 on CouchDB already.)
 */

// Only JSON carries them in (as `\ud800` escapes): a URL's percent-decoding turns the bytes of
// one into U+FFFD.
const LONE_HIGH = '\ud800';
const LONE_LOW = '\udc00';

describe('text with a lone surrogate', () => {
	let world: World;
	let member: HttpClient;

	beforeAll(async () => {
		world = await World.start(['member1']);
		member = new HttpClient(world.url);
		expect((await member.signIn('member1')).status).toBe(200);
	});
	afterAll(() => world.close());

	it('refuses each such pushed document on its own, writes the rest, and hands the refused back deleted', async () => {
		// Valid but for the surrogate: member1's unit report (branch 1 is linked to cm1).
		const inValue = aReport('m001', 'cm1', { note: `半个表情${LONE_HIGH}` }, 'unit');
		// Refused for its unknown field as well; on CouchDB it made the whole batch fail.
		const inKey = {
			...aReport('m001', 'cm2', {}, 'unit'),
			extra: { nested: [{ [`key${LONE_LOW}`]: 'x' }] }
		};
		const sound = aReport('m001', 'cm1', { note: '完整的表情 😀' });
		const docs = [inValue, inKey, sound].map(({ id, ...fields }) => ({ _id: id, ...fields }));

		const pushed = await member.json<{ id: string; ok?: true; error?: string; reason?: string }[]>(
			'/sync/reports/_bulk_docs',
			{ method: 'POST', json: { docs } }
		);
		expect(pushed.status).toBe(201);
		expect(pushed.body.map(({ id, ok, error, reason }) => ({ id, ok, error, reason }))).toEqual([
			{ id: inValue.id, ok: undefined, error: 'conflict', reason: 'invalid' },
			{ id: inKey.id, ok: undefined, error: 'conflict', reason: 'invalid' },
			{ id: sound.id, ok: true, error: undefined, reason: undefined }
		]);
		expect((await world.db('reports').get(sound.id))['note']).toBe('完整的表情 😀');
		await expect(world.db('reports').get(inValue.id)).rejects.toMatchObject({ status: 404 });

		// The device reads the refused ones back to revert them (principle 6).
		const keys = encodeURIComponent(JSON.stringify([inValue.id, inKey.id]));
		const readBack = await member.json<{ rows: { key: string; doc?: Record<string, unknown> }[] }>(
			`/sync/reports/_all_docs?include_docs=true&keys=${keys}`
		);
		expect(readBack.status).toBe(200);
		expect(readBack.body.rows.map((row) => [row.key, row.doc?.['_deleted']])).toEqual([
			[inValue.id, true],
			[inKey.id, true]
		]);
	});

	it('lets a device whose report holds one go on syncing: reverted, with a notice', async () => {
		const device = await world.device('member1');
		await device.sync();
		const cut = aReport('m001', 'cm1', { note: `表情被截断${LONE_HIGH}` }, 'unit');
		await device.insert('reports', cut);
		await device.sync();
		expect(await device.ids('reports')).not.toContain(cut.id);
		expect((await device.status()).pending).toBe(0);
		const [notice] = await device.waitFor('notices', { docId: cut.id });
		expect(notice).toMatchObject({ kind: 'write-rejected', reason: 'invalid' });
	});

	it('is an unknown id where a document is asked for by id', async () => {
		const id = `m001${LONE_HIGH}`;
		const viaGet = await member.json<{ rows: unknown[] }>(
			`/sync/reports/_all_docs?keys=${encodeURIComponent(JSON.stringify([id]))}`
		);
		expect(viaGet.status).toBe(200);
		expect(viaGet.body.rows).toEqual([{ key: id, error: 'not_found' }]);
		const viaPost = await member.json<{ rows: unknown[] }>('/sync/reports/_all_docs', {
			method: 'POST',
			json: { keys: [id] }
		});
		expect(viaPost.status).toBe(200);
		expect(viaPost.body.rows).toEqual([{ key: id, error: 'not_found' }]);
	});
});
