import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { aReport } from '../support/factories';
import { HttpClient } from '../support/http-client';
import { World, type GatewayRow as Row } from '../support/world';

type Page = { results: Row[]; last_seq: string };

/** Every input limit of the sync gateway, through HTTP: each bad input is a clear 4xx, never a 500. */
describe('the sync gateway refuses bad input', () => {
	let world: World;
	let member: HttpClient;
	beforeAll(async () => {
		// A short longpoll cap, so the test of the heartbeat bound ends soon.
		world = await World.start(['member1'], { maxLongpollMs: 50 });
		member = new HttpClient(world.url);
		await member.signIn('member1');
	});
	afterAll(async () => {
		await world.close();
	});

	const pushBody = (body: unknown) =>
		member.json<Row[] | Row>('/sync/reports/_bulk_docs', { method: 'POST', json: body });
	const pushRaw = (text: string) =>
		member.request('/sync/reports/_bulk_docs', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: text
		});

	it('JSON nested 10,000 deep: 400, anywhere in the body', async () => {
		const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
		for (const text of [
			`{"docs":[{"_id":"m001.residence.cm1","nested":${deep(10_000)}}]}`,
			`{"docs":${deep(10_000)}}`,
			`{"docs":[{"_id":"m001.residence.cm1","_attachments":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}]}`
		]) {
			const response = await pushRaw(text);
			expect(response.status).toBe(400);
			expect(await response.json()).toMatchObject({ error: 'bad_request' });
		}
	});

	it('refuses bad _rev, _deleted and _attachments shapes as invalid rows, and takes the rest', async () => {
		const report = (community: string) => toStored(aReport('m001', community));
		const docs = [
			{ ...report('cm1'), _attachments: {} },
			{ ...report('cm2'), _rev: 1 },
			{ ...report('cm3'), _deleted: 'true' },
			{ ...report('cm4'), _attachments: { 'a.txt': { content_type: 'text/plain', data: 'aGk=' } } },
			{ ...report('cm5'), _attachments: [] },
			{ ...report('cm6'), _revisions: { start: 1, ids: ['a'] } }
		];
		const result = await pushBody({ docs });
		expect(result.status).toBe(201);
		expect(result.body).toEqual([
			expect.objectContaining({ ok: true, id: docs[0]?._id }),
			...docs.slice(1).map((doc) => ({ id: doc._id, error: 'conflict', reason: 'invalid' }))
		]);
		for (const doc of docs.slice(1)) {
			await expect(world.db('reports').get(doc._id)).rejects.toMatchObject({ status: 404 });
		}
	});

	it('refuses new_edits=false with 400 and writes nothing', async () => {
		const report = toStored(aReport('m001', 'cm7'));
		const result = await pushBody({ docs: [{ ...report, _rev: '1-abc' }], new_edits: false });
		expect(result.status).toBe(400);
		expect(result.body).toMatchObject({ error: 'bad_request' });
		await expect(world.db('reports').get(report._id)).rejects.toMatchObject({ status: 404 });
	});

	it('takes 1,000 documents in a push and refuses 1,001 with 400', async () => {
		const docs = (count: number) =>
			Array.from({ length: count }, (_, i) => ({ _id: `bad id ${i}` }));
		const most = await pushBody({ docs: docs(1000) });
		expect(most.status).toBe(201);
		expect(most.body).toHaveLength(1000);
		const tooMany = await pushBody({ docs: docs(1001) });
		expect(tooMany.status).toBe(400);
		expect(tooMany.body).toMatchObject({ error: 'bad_request' });
	});

	it('takes 1,000 keys in _all_docs and refuses 1,001 with 400, by GET and by POST', async () => {
		const keys = (count: number) => Array.from({ length: count }, (_, i) => `k${i}`);
		const get = (list: string[]) =>
			member.json<{ rows: Row[] }>(
				`/sync/reports/_all_docs?keys=${encodeURIComponent(JSON.stringify(list))}`
			);
		const post = (list: string[]) =>
			member.json<{ rows: Row[] }>('/sync/reports/_all_docs', {
				method: 'POST',
				json: { keys: list }
			});
		for (const ask of [get, post]) {
			const most = await ask(keys(1000));
			expect(most.status).toBe(200);
			expect(most.body.rows).toHaveLength(1000);
			const tooMany = await ask(keys(1001));
			expect(tooMany.status).toBe(400);
			expect(tooMany.body).toMatchObject({ error: 'bad_request' });
		}
	});

	it('bounds limit: at least one change and at most 1,000 a page; refuses bad values with 400', async () => {
		const page = (query: string) => member.json<Page>(`/sync/directory/_changes?since=0&${query}`);
		const all = await page('limit=5000');
		expect(all.status).toBe(200);
		expect(all.body.results.length).toBeGreaterThan(1);
		expect(all.body.results.length).toBeLessThanOrEqual(1000);
		expect((await page('limit=0')).body.results).toHaveLength(1);
		expect((await page('limit=1')).body.results).toHaveLength(1);
		for (const limit of ['-1', '1.5', 'many', '']) {
			const response = await page(`limit=${limit}`);
			if (limit === '') expect(response.status).toBe(200);
			else expect(response.status, limit).toBe(400);
		}
	});

	it('bounds heartbeat by the server maximum and refuses bad values with 400', async () => {
		// Nothing changes: the longpoll answers empty once the server's cap (not the asked hour) ends.
		const quiet = await member.json<Page>(
			'/sync/reports/_changes?since=now&feed=longpoll&heartbeat=3600000'
		);
		expect(quiet.status).toBe(200);
		expect(quiet.body.results).toEqual([]);
		for (const heartbeat of ['-1', '0.5', 'soon']) {
			const response = await member.json(
				`/sync/reports/_changes?since=now&feed=longpoll&heartbeat=${heartbeat}`
			);
			expect(response.status, heartbeat).toBe(400);
		}
	});

	it('answers a stale _rev with a plain conflict: nothing stashed, nothing noticed, the server version kept', async () => {
		const read = async () =>
			(
				await member.json<{ rows: Row[] }>(
					'/sync/members/_all_docs?keys=["m001"]&include_docs=true'
				)
			).body.rows[0]?.doc ?? {};
		const first = await read();
		// Meanwhile the office makes the member a secretary, a field the member may not change:
		// judged against that version, the stale push would look like an attempt to undo it.
		const edited = await world.db('members').put({ ...first, duties: ['secretary'] });
		const stale = await member.json<Row[]>('/sync/members/_bulk_docs', {
			method: 'POST',
			json: { docs: [{ ...first, background: '木工' }] }
		});
		expect(stale.body).toEqual([
			{ id: 'm001', error: 'conflict', reason: 'Document update conflict.' }
		]);
		expect(await read()).toMatchObject({ _rev: edited.rev, duties: ['secretary'] });
		const notices = (await world.db('notices').allDocs({ include_docs: true })).rows;
		expect(notices.filter((row) => row.doc?.['docId'] === 'm001')).toEqual([]);
	});
});
