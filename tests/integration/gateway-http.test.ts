import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reviewId } from '../../src/lib/domain/registry';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { aReport } from '../support/factories';
import { HttpClient } from '../support/http-client';
import { NOW, World, type GatewayRow as Row } from '../support/world';

describe('the sync gateway over HTTP', () => {
	let world: World;
	let member: HttpClient;
	beforeEach(async () => {
		world = await World.start(['member1', 'community1']);
		member = new HttpClient(world.url);
		await member.signIn('member1');
	});
	afterEach(async () => {
		await world.close();
	});

	const push = (client: HttpClient, collection: string, docs: unknown[]) =>
		client.json<Row[]>(`/sync/${collection}/_bulk_docs`, { method: 'POST', json: { docs } });

	it('lists the collections a device replicates', async () => {
		const list = await member.json('/sync/');
		expect(list).toEqual({
			status: 200,
			body: [
				'directory',
				'members',
				'contacts',
				'reports',
				'reviews',
				'notices',
				'activities',
				'attendance',
				'credentials',
				'ledger',
				'evaluations'
			]
		});
	});

	it('answers 401 without a session, 404 for unknown paths and 405 for wrong methods, all JSON', async () => {
		const anonymous = new HttpClient(world.url);
		for (const path of ['/sync/', '/sync/reports/_changes', '/sync/nope/_changes']) {
			const response = await anonymous.json(path);
			expect(response.status).toBe(401);
			expect(response.body).toMatchObject({ error: 'unauthorized' });
		}
		for (const path of [
			'/sync/nope/_changes',
			'/sync/reports/_design',
			'/sync/reports/',
			'/sync/reports/_changes/x'
		]) {
			const response = await member.json(path);
			expect(response.status).toBe(404);
			expect(response.body).toMatchObject({ error: 'not_found' });
		}
		expect((await member.json('/sync/reports/_bulk_docs')).status).toBe(405);
		expect((await member.json('/sync/reports/_changes', { method: 'POST', json: {} })).status).toBe(
			405
		);
	});

	it('refuses malformed JSON (400), a body over 4 MB (413) and non-JSON bodies (415)', async () => {
		const malformed = await member.request('/sync/reports/_bulk_docs', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"docs": ['
		});
		expect(malformed.status).toBe(400);
		expect(await malformed.json()).toMatchObject({ error: 'bad_request' });
		const huge = await member.json('/sync/reports/_bulk_docs', {
			method: 'POST',
			json: { docs: [{ _id: 'a', padding: 'x'.repeat(4 * 1024 * 1024) }] }
		});
		expect(huge.status).toBe(413);
		const text = await member.request('/sync/reports/_bulk_docs', {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: '{}'
		});
		expect(text.status).toBe(415);
	});

	it('refuses forged or garbage since tokens and bad parameters with 400', async () => {
		const first = await member.json<{ last_seq: string }>('/sync/reports/_changes?since=0&limit=5');
		const token = first.body.last_seq;
		const [payload, signature] = token.split('.');
		const forgedPayload = Buffer.from(JSON.stringify({ d: 'reports', s: 0 })).toString('base64url');
		for (const since of [
			'garbage',
			`${forgedPayload}.${signature}`,
			`${payload}.AAAA`,
			'12',
			token + 'x'
		]) {
			const response = await member.json(
				`/sync/reports/_changes?since=${encodeURIComponent(since)}`
			);
			expect(response.status, since).toBe(400);
		}
		const otherCollection = await member.json(
			`/sync/members/_changes?since=${encodeURIComponent(token)}`
		);
		expect(otherCollection.status).toBe(400);
		expect((await member.json('/sync/reports/_changes?feed=continuous')).status).toBe(400);
		expect((await member.json('/sync/reports/_changes?limit=-1')).status).toBe(400);
	});

	it('refuses keys that are not an array of strings with 400', async () => {
		for (const keys of ['{"a":1}', '[1,2]', 'not-json', '"x"']) {
			const response = await member.json(
				`/sync/reports/_all_docs?keys=${encodeURIComponent(keys)}&include_docs=true`
			);
			expect(response.status, keys).toBe(400);
		}
		expect((await member.json('/sync/reports/_all_docs')).status).toBe(400);
		expect(
			(await member.json('/sync/reports/_all_docs', { method: 'POST', json: { keys: [1] } })).status
		).toBe(400);
		expect(
			(await member.json('/sync/reports/_bulk_docs', { method: 'POST', json: { docs: 'x' } }))
				.status
		).toBe(400);
	});

	it('rejects each bad document as a conflict and accepts the rest of the batch', async () => {
		const good = aReport('m001', 'cm1');
		const badSchema = { ...toStored(aReport('m001', 'cm2')), submission: 'one' };
		const wrongChannels = {
			...toStored(aReport('m001', 'cm3')),
			channels: ['member:m001', 'public']
		};
		const otherOwner = toStored(aReport('m002', 'cm4'));
		const reservedField = { ...toStored(aReport('m001', 'cm5')), _conflicts: [] };
		const result = await push(member, 'reports', [
			toStored(good),
			badSchema,
			wrongChannels,
			otherOwner,
			reservedField
		]);
		expect(result.status).toBe(201);
		expect(result.body).toEqual([
			expect.objectContaining({ ok: true, id: good.id }),
			{ id: badSchema._id, error: 'conflict', reason: 'invalid' },
			{ id: wrongChannels._id, error: 'conflict', reason: 'channels' },
			{ id: otherOwner._id, error: 'conflict', reason: 'forbidden' },
			{ id: reservedField._id, error: 'conflict', reason: 'invalid' }
		]);
		// The device then reads the refused ids back and gets its own content, deleted, to revert to.
		const keys = JSON.stringify([badSchema._id, otherOwner._id, good.id]);
		const back = await member.json<{ rows: Row[] }>(
			`/sync/reports/_all_docs?keys=${keys}&include_docs=true`
		);
		expect(back.body.rows.map((r) => [r.key, r.doc?.['_deleted'] ?? false])).toEqual([
			[badSchema._id, true],
			[otherOwner._id, true],
			[good.id, false]
		]);
		// It is handed back once; a corrected push of the same id starts from nothing.
		const again = await member.json<{ rows: Row[] }>(
			`/sync/reports/_all_docs?keys=${JSON.stringify([badSchema._id])}&include_docs=true`
		);
		expect(again.body.rows).toEqual([{ key: badSchema._id, error: 'not_found' }]);
		// The check before a push (POST) sees a refused id as absent, so a corrected version can go up.
		const precheck = await member.json<{ rows: Row[] }>('/sync/reports/_all_docs', {
			method: 'POST',
			json: { keys: [badSchema._id], include_docs: true }
		});
		expect(precheck.body.rows).toEqual([{ key: badSchema._id, error: 'not_found' }]);
	});

	it('refuses an update that moves an existing document into other channels', async () => {
		const report = toStored(aReport('m001', 'cm1'));
		const [created] = (await push(member, 'reports', [report])).body;
		const rev = created?.rev;
		// Its fields unchanged, only its audience: the staff of another community would receive it.
		const moved = { ...report, _rev: rev, channels: [...report.channels, 'community:cm9'].sort() };
		const movedAway = { ...report, _rev: rev, channels: ['community:cm9', 'member:m001'] };
		for (const doc of [moved, movedAway, { ...moved, _deleted: true }]) {
			expect((await push(member, 'reports', [doc])).body).toEqual([
				{ id: report._id, error: 'conflict', reason: 'channels' }
			]);
		}
		expect(await world.db('reports').get(report._id)).toMatchObject({
			_rev: rev,
			channels: report.channels
		});
	});

	it('refuses a document that also carries its id in the body, which would stall every reader', async () => {
		// RxDB keeps `_id` when the body has the primary key too; the replica's schema then refuses
		// the pulled document and that collection's pull stops on every device that can read it.
		const report = aReport('m001', 'cm1');
		const withBodyId = { ...toStored(report), id: report.id };
		expect((await push(member, 'reports', [withBodyId])).body).toEqual([
			{ id: report.id, error: 'conflict', reason: 'invalid' }
		]);
	});

	it('rejects changes to fields the writer may not change, writes to server-owned collections and edits of reviews', async () => {
		const [profile] = (
			await member.json<{ rows: Row[] }>('/sync/members/_all_docs?keys=["m001"]&include_docs=true')
		).body.rows;
		const promoted = { ...profile?.doc, duties: ['secretary'] };
		expect((await push(member, 'members', [promoted])).body).toEqual([
			{ id: 'm001', error: 'conflict', reason: 'immutable-field' }
		]);

		const notice = withChannels('notices', {
			id: 'fake-notice',
			recipient: 'member1',
			kind: 'write-rejected' as const,
			createdAt: NOW.toISOString(),
			channels: []
		});
		expect((await push(member, 'notices', [toStored(notice)])).body).toEqual([
			{ id: 'fake-notice', error: 'conflict', reason: 'server-owned' }
		]);

		const report = aReport('m001', 'cm1');
		await push(member, 'reports', [toStored(report)]);
		const staff = new HttpClient(world.url);
		await staff.signIn('community1');
		const review = withChannels('reviews', {
			id: reviewId(report.id, 1),
			subjectCollection: 'reports' as const,
			subjectId: report.id,
			subjectSubmission: 1,
			memberId: 'm001',
			branchId: 'br1',
			orgId: 'org-zjj',
			communityId: 'cm1',
			reviewer: 'community1',
			decision: 'confirmed' as const,
			decidedAt: NOW.toISOString(),
			channels: []
		});
		const [written] = (await push(staff, 'reviews', [toStored(review)])).body;
		expect(written).toMatchObject({ ok: true });
		const edit = {
			...toStored(review),
			_rev: (written as { rev: string }).rev,
			decision: 'returned',
			reason: '改'
		};
		expect((await push(staff, 'reviews', [edit])).body).toEqual([
			{ id: review.id, error: 'conflict', reason: 'append-only' }
		]);
		// A member cannot decide on their own report: a review right in every other respect (its
		// id, reviewer, subject and submission agree) is refused for the reviewer's role alone.
		const other = aReport('m001', 'cm3');
		await push(member, 'reports', [toStored(other)]);
		const selfReview = withChannels('reviews', {
			...review,
			id: reviewId(other.id, 1),
			subjectId: other.id,
			communityId: 'cm3',
			reviewer: 'member1'
		});
		expect((await push(member, 'reviews', [toStored(selfReview)])).body).toEqual([
			{ id: selfReview.id, error: 'conflict', reason: 'forbidden' }
		]);
		await expect(world.db('reviews').get(selfReview.id)).rejects.toMatchObject({ status: 404 });
	});

	describe('never shows a document outside the caller channels', () => {
		let hiddenId: string;
		beforeAll(() => {
			hiddenId = aReport('m002', 'cm2').id;
		});

		it('in _changes, _all_docs and the answers to writes over it', async () => {
			await world.db('reports').put(toStored(aReport('m002', 'cm2')));
			const changes = await member.json<{ results: Row[] }>(
				'/sync/reports/_changes?since=0&include_docs=true'
			);
			expect(changes.body.results.map((r) => r.id)).not.toContain(hiddenId);
			for (const method of ['GET', 'POST']) {
				const response =
					method === 'GET'
						? await member.json<{ rows: Row[] }>(
								`/sync/reports/_all_docs?keys=["${hiddenId}","nothing"]&include_docs=true`
							)
						: await member.json<{ rows: Row[] }>('/sync/reports/_all_docs', {
								method: 'POST',
								json: { keys: [hiddenId, 'nothing'] }
							});
				expect(response.body.rows).toEqual([
					{ key: hiddenId, error: 'not_found' },
					{ key: 'nothing', error: 'not_found' }
				]);
			}
			// Overwriting it is refused, with no hint it exists: the answer is the one the same push
			// gets when nothing is stored under that id.
			const overwrite = { ...toStored(aReport('m001', 'cm2')), _id: hiddenId };
			const result = await push(member, 'reports', [overwrite]);
			expect(result.body).toEqual([{ id: hiddenId, error: 'conflict', reason: 'invalid' }]);
			await world.db('reports').remove(await world.db('reports').get(hiddenId));
			const unknownId = { ...overwrite, _id: aReport('m003', 'cm2').id };
			expect((await push(member, 'reports', [unknownId])).body).toEqual([
				{ id: unknownId._id, error: 'conflict', reason: 'invalid' }
			]);
			const back = await member.json<{ rows: Row[] }>(
				`/sync/reports/_all_docs?keys=["${hiddenId}"]&include_docs=true`
			);
			expect(back.body.rows[0]?.doc).toMatchObject({ memberId: 'm001', _deleted: true });
		});

		it('in the answers, stashes and notices of pushes over it: the same as for a missing id', async () => {
			// m001 lives in cm1: its own residence report there is one it may write.
			const own = toStored(aReport('m001', 'cm1'));
			const theirs = toStored(aReport('m002', 'cm2'));
			const guessed = '1-0123456789abcdef0123456789abcdef';
			// The store's work on the collection: the same calls whether the id is taken or free.
			const work = new Map<string, number>();
			const db = world.db('reports');
			for (const method of ['get', 'allDocs', 'bulkDocs', 'put'] as const) {
				const original = (db[method] as (...args: unknown[]) => unknown).bind(db);
				(db as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
					work.set(method, (work.get(method) ?? 0) + 1);
					return original(...args);
				};
			}
			// Everything a member learns by pushing over `id`: each answer, the read back that
			// follows it, and the notices it gets — with the id replaced, so two ids compare.
			const probe = async (id: string, rev: string) => {
				const since = (await member.json<{ last_seq: string }>('/sync/notices/_changes?since=now'))
					.body.last_seq;
				work.clear();
				const pushes = [
					// updates with the member's own content, with a guessed and with the true revision
					{ ...own, _id: id, _rev: guessed },
					{ ...own, _id: id, _rev: rev },
					// an update copying the owner's content, and deletions
					{ ...theirs, _id: id, _rev: rev },
					{ ...own, _id: id, _rev: rev, _deleted: true },
					{ _id: id, _rev: rev, _deleted: true }
				];
				const rows: unknown[] = [];
				for (const doc of pushes) {
					rows.push((await push(member, 'reports', [doc])).body);
					const keys = encodeURIComponent(JSON.stringify([id]));
					rows.push((await member.json(`/sync/reports/_all_docs?keys=${keys}`)).body);
				}
				const notices = await member.json<{ results: Row[] }>(
					`/sync/notices/_changes?since=${encodeURIComponent(since)}`
				);
				// A notice's id and time differ anyway (they derive from the pushed id and the clock).
				const seen = notices.body.results.map(({ doc }) => ({
					...doc,
					_id: undefined,
					_rev: undefined,
					createdAt: undefined
				}));
				const calls = Object.fromEntries(work);
				return JSON.parse(JSON.stringify({ rows, seen, calls }).replaceAll(id, '<id>')) as unknown;
			};

			// Another member's report, against an id nothing is stored under. The summary worker
			// reads the collection after a write: done before counting (on CouchDB its feed comes later).
			const { rev } = await world.db('reports').put(theirs);
			await world.server.app.summaries?.idle();
			expect(await probe(theirs._id, rev)).toEqual(await probe(aReport('m003', 'cm2').id, rev));
			// The member's own id, free and then taken by a document the member cannot read.
			const free = await probe(own._id, rev);
			const taken = await world.db('reports').put({ ...theirs, _id: own._id });
			await world.server.app.summaries?.idle();
			expect(await probe(own._id, taken.rev)).toEqual(
				JSON.parse(JSON.stringify(free).replaceAll(rev, taken.rev)) as unknown
			);

			expect(await world.db('reports').get(theirs._id)).toMatchObject({
				memberId: 'm002',
				_rev: rev
			});
			expect(await world.db('reports').get(own._id)).toMatchObject({
				memberId: 'm002',
				_rev: taken.rev
			});
			await expect(world.db('reports').get(aReport('m003', 'cm2').id)).rejects.toMatchObject({
				status: 404
			});
		});

		it('in the answer to a creation the writer may make but another document holds the id of', async () => {
			// The member's own report id (m001 lives in cm1), taken by a document in channels the
			// member cannot read.
			const own = aReport('m001', 'cm1');
			await world.db('reports').put({ ...toStored(aReport('m002', 'cm1')), _id: own.id });
			const result = await push(member, 'reports', [toStored(own)]);
			expect(result.body).toEqual([{ id: own.id, error: 'conflict', reason: 'forbidden' }]);
			expect(await world.db('reports').get(own.id)).toMatchObject({ memberId: 'm002' });
			// A document the writer does see is a plain conflict, resolved on the device.
			const seen = aReport('m001', 'cm1', {}, 'unit');
			await world.db('reports').put(toStored(seen));
			expect((await push(member, 'reports', [toStored(seen)])).body).toEqual([
				{ id: seen.id, error: 'conflict', reason: 'Document update conflict.' }
			]);
		});
	});
});
