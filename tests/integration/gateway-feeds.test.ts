import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { aReport } from '../support/factories';
import { HttpClient } from '../support/http-client';
import { World, type GatewayRow as Row } from '../support/world';

/**
 * The sync gateway's reads and answers (sync-gateway.ts), as mutation testing probed them
 * (docs/testing.md): what each feed answers and when, what a read of ids gives back, and the
 * reason each refusal carries.
 */
describe('the sync gateway feeds and reads', () => {
	let world: World;
	let member: HttpClient;
	beforeEach(async () => {
		// Longer than any test: a request held to the maximum shows up as a test that never ends.
		world = await World.start(['member1'], { maxLongpollMs: 600_000 });
		member = new HttpClient(world.url);
		await member.signIn('member1');
	});
	afterEach(async () => {
		await world.close();
	});

	type Changes = { results: Row[]; last_seq: string };
	const changes = (query: string) => member.json<Changes>(`/sync/reports/_changes?${query}`);
	const sinceNow = async () => encodeURIComponent((await changes('since=now')).body.last_seq);
	const waitingOnReports = () => world.server.app.context.hub('reports').listening;
	const ownReport = () => toStored(aReport('m001', 'cm1'));

	it('gives every refusal a reason that says what was wrong', async () => {
		const reasonOf = async (path: string, init: RequestInit & { json?: unknown } = {}) =>
			(await new HttpClient(world.url).json<{ reason: string }>(path, init)).body.reason;
		expect(await reasonOf('/sync/')).toBe('Sign in to sync.');
		const reason = async (path: string, init: RequestInit & { json?: unknown } = {}) =>
			(await member.json<{ reason: string }>(path, init)).body.reason;
		expect(await reason('/sync/nope/_changes')).toBe('No such path.');
		expect(await member.json('/sync/reports/_all_docs', { method: 'PUT' })).toEqual({
			status: 405,
			body: { error: 'method_not_allowed', reason: 'Use GET or POST.' }
		});
		expect(await reason('/sync/reports/_changes?feed=continuous')).toBe(
			'feed must be normal or longpoll.'
		);
		expect(await reason('/sync/reports/_changes?since=garbage')).toBe(
			'since is not a sequence this server issued.'
		);
		expect(await reason('/sync/reports/_all_docs')).toBe('keys is required.');
		expect(await reason('/sync/reports/_all_docs?keys=not-json')).toBe(
			'keys must be a JSON array of strings.'
		);
		const tooMany = encodeURIComponent(
			JSON.stringify(Array.from({ length: 1001 }, (_, i) => `k${i}`))
		);
		expect(await reason(`/sync/reports/_all_docs?keys=${tooMany}`)).toBe('At most 1000 keys.');
		const nullBody = await member.json('/sync/reports/_all_docs', { method: 'POST', json: null });
		expect(nullBody).toEqual({
			status: 400,
			body: { error: 'bad_request', reason: 'keys must be an array of strings.' }
		});
	});

	it('answers /sync with the collections and a stream path with more segments with 404', async () => {
		const list = await member.json<string[]>('/sync');
		expect(list.status).toBe(200);
		expect(list.body).toContain('reports');
		const stream = await member.request('/sync/_stream/reports');
		await stream.body?.cancel();
		expect(stream.status).toBe(404);
	});

	it('answers a failure of the store as a server error, not as an answer', async () => {
		const db = world.db('reports');
		db.info = () => Promise.reject(new Error('the store is down'));
		expect((await member.request('/sync/reports/_changes?since=0')).status).toBe(500);
	});

	it('reads from the start when no since is given', async () => {
		const report = ownReport();
		await world.db('reports').put(report);
		const first = await changes('');
		expect(first.status).toBe(200);
		expect(first.body.results.map((row) => row.id)).toContain(report._id);
	});

	it('skips the changes of documents outside the caller channels', async () => {
		const since = await sinceNow();
		await world.db('reports').put(toStored(aReport('m002', 'cm2')));
		const own = ownReport();
		await world.db('reports').put(own);
		const next = await changes(`since=${since}`);
		expect(next.status).toBe(200);
		expect(next.body.results.map((row) => row.id)).toEqual([own._id]);
	});

	it('holds a longpoll with nothing new until a change for the caller arrives', async () => {
		const since = await sinceNow();
		const answer = changes(`since=${since}&feed=longpoll`);
		await vi.waitFor(() => expect(waitingOnReports()).toBe(1), { timeout: 20_000 });
		const own = ownReport();
		await world.db('reports').put(own);
		expect((await answer).body.results.map((row) => row.id)).toEqual([own._id]);
	});

	it('answers a longpoll with changes pending, and a normal feed with none, at once', async () => {
		const since = await sinceNow();
		const own = ownReport();
		await world.db('reports').put(own);
		const pending = await changes(`since=${since}&feed=longpoll`);
		expect(pending.body.results.map((row) => row.id)).toEqual([own._id]);
		const none = await changes(`since=${encodeURIComponent(pending.body.last_seq)}`);
		expect(none.body.results).toEqual([]);
		expect(waitingOnReports()).toBe(0);
	});

	it('serves the collections of layout 1 no more: they were retired in issue 18', async () => {
		const ids = encodeURIComponent(JSON.stringify(['cm1']));
		for (const name of ['orgs', 'communities', 'badges']) {
			expect((await member.json(`/sync/${name}/_changes?since=0`)).status, name).toBe(404);
			expect((await member.json(`/sync/${name}/_all_docs?keys=${ids}`)).status, name).toBe(404);
		}
	});

	it('keeps a refused version for the read back (GET), not for the check before a push (POST)', async () => {
		const refused = toStored(aReport('m002', 'cm2'));
		const pushed = await member.json<Row[]>('/sync/reports/_bulk_docs', {
			method: 'POST',
			json: { docs: [refused] }
		});
		expect(pushed.body).toEqual([{ id: refused._id, error: 'conflict', reason: 'forbidden' }]);
		const precheck = await member.json<{ rows: Row[] }>('/sync/reports/_all_docs', {
			method: 'POST',
			json: { keys: [refused._id] }
		});
		expect(precheck.body.rows).toEqual([{ key: refused._id, error: 'not_found' }]);
		const keys = encodeURIComponent(JSON.stringify([refused._id]));
		const back = await member.json<{ rows: Row[] }>(
			`/sync/reports/_all_docs?keys=${keys}&include_docs=true`
		);
		expect(back.body.rows[0]?.doc).toMatchObject({ memberId: 'm002', _deleted: true });
	});
});
