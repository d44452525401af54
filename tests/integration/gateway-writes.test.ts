import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reviewId, type Contact } from '../../src/lib/domain/registry';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { aReport } from '../support/factories';
import { HttpClient } from '../support/http-client';
import { NOW, World, type GatewayRow as Row } from '../support/world';

/**
 * How the sync gateway judges pushed documents (bulk-docs.ts), as mutation testing probed it
 * (docs/testing.md): the answer and notice of each refusal, and what is written.
 */
describe('the sync gateway judges pushes', () => {
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

	const push = async (client: HttpClient, collection: string, docs: unknown[]) =>
		(await client.json<Row[]>(`/sync/${collection}/_bulk_docs`, { method: 'POST', json: { docs } }))
			.body;
	/** The refusal notices `client` gets for what it pushes in `act`. */
	async function noticesOf(client: HttpClient, act: () => Promise<unknown>) {
		const since = (await client.json<{ last_seq: string }>('/sync/notices/_changes?since=now')).body
			.last_seq;
		await act();
		const notices = await client.json<{ results: Row[] }>(
			`/sync/notices/_changes?since=${encodeURIComponent(since)}`
		);
		return notices.body.results.map(({ doc }) => [doc?.['reason'], doc?.['detail']]);
	}

	it('writes what was accepted and nothing beside it for a kind that keeps no notes', async () => {
		const profile = await world.db('members').get('m001');
		const before = (await world.db('members').info()).doc_count;
		const edited = { ...profile, background: '社区调解员', updatedAt: NOW.toISOString() };
		const [row] = await push(member, 'members', [edited]);
		expect(row).toMatchObject({ ok: true, id: 'm001' });
		expect((await world.db('members').info()).doc_count).toBe(before);
		expect(await world.db('members').get('m001')).toMatchObject({ background: '社区调解员' });
	});

	it('never answers ok without a revision when the store refuses an accepted write', async () => {
		// One batch naming one document twice: both pass the checks, the store takes one.
		const profile = await world.db('members').get('m001');
		const first = { ...profile, background: '甲', updatedAt: NOW.toISOString() };
		const second = { ...profile, background: '乙', updatedAt: NOW.toISOString() };
		const rows = await push(member, 'members', [first, second]);
		expect(rows).toHaveLength(2);
		for (const row of rows) {
			if (row.ok) expect(row.rev).toMatch(/^2-/);
			else
				expect(row).toEqual({ id: 'm001', error: 'conflict', reason: 'Document update conflict.' });
		}
		expect(rows.some((row) => row.error === 'conflict')).toBe(true);
	});

	it('judges a deletion as one: a member may not delete their report, even unchanged', async () => {
		const report = toStored(aReport('m001', 'cm1'));
		const { rev } = await world.db('reports').put(report);
		expect(await push(member, 'reports', [{ ...report, _rev: rev, _deleted: true }])).toEqual([
			{ id: report._id, error: 'conflict', reason: 'forbidden' }
		]);
		expect(await world.db('reports').get(report._id)).toMatchObject({ _rev: rev });
	});

	it('answers an id that is not a string as an invalid row, also with a revision', async () => {
		expect(await push(member, 'reports', [{ _id: 7, _rev: '1-a' }])).toEqual([
			{ id: '7', error: 'conflict', reason: 'invalid' }
		]);
	});

	it('judges a report against its community as stored: missing or deleted, it is none', async () => {
		const missing = toStored(aReport('m001', 'cm999', {}, 'unit'));
		expect(await push(member, 'reports', [missing])).toEqual([
			{ id: missing._id, error: 'conflict', reason: 'subject-mismatch' }
		]);
		// A device deletes a document keeping its content: the content must not count.
		const community = await world.db('directory').get('cm1');
		await world.db('directory').put({ ...community, _deleted: true });
		const report = toStored(aReport('m001', 'cm1'));
		expect(await push(member, 'reports', [report])).toEqual([
			{ id: report._id, error: 'conflict', reason: 'subject-mismatch' }
		]);
	});

	it('answers a review of a report the reviewer cannot see as one of no report at all', async () => {
		const staff = new HttpClient(world.url);
		await staff.signIn('community1');
		// community1 is staff of cm1; this report went to cm2.
		const hidden = aReport('m002', 'cm2');
		await world.db('reports').put(toStored(hidden));
		const reviewOf = (subjectId: string, memberId = 'm002', submission = 1) =>
			toStored(
				withChannels('reviews', {
					id: reviewId(subjectId, submission),
					subjectCollection: 'reports' as const,
					subjectId,
					subjectSubmission: submission,
					memberId,
					branchId: 'br1',
					orgId: 'org-zjj',
					communityId: 'cm1',
					reviewer: 'community1',
					decision: 'confirmed' as const,
					decidedAt: NOW.toISOString(),
					channels: []
				})
			);
		const absent = aReport('m003', 'cm2').id;
		const answers = async (subjectId: string) => {
			let rows: Row[] = [];
			const notices = await noticesOf(staff, async () => {
				rows = await push(staff, 'reviews', [reviewOf(subjectId)]);
			});
			return { rows: rows.map((row) => row.reason), notices };
		};
		expect(await answers(hidden.id)).toEqual(await answers(absent));
		expect(await answers(absent)).toEqual({
			rows: ['subject-mismatch'],
			notices: [['subject-mismatch', undefined]]
		});
		// A report the reviewer sees is judged in full: the notice names what does not match.
		const seen = aReport('m001', 'cm1');
		await world.db('reports').put(toStored(seen));
		const wrongSubmission = reviewOf(seen.id, 'm001', 2);
		const notices = await noticesOf(staff, () => push(staff, 'reviews', [wrongSubmission]));
		expect(notices).toEqual([['subject-mismatch', 'submission']]);
	});

	it("takes a moved member's contact off the old community's feed, as deleted", async () => {
		const staff = new HttpClient(world.url);
		await staff.signIn('community1');
		const since = (await staff.json<{ last_seq: string }>('/sync/contacts/_changes?since=now')).body
			.last_seq;
		const [row] = (
			await member.json<{ rows: Row[] }>('/sync/contacts/_all_docs?keys=["m001"]&include_docs=true')
		).body.rows;
		const stored = { ...row?.doc, residenceCommunityId: 'cm2' };
		const { channels } = withChannels('contacts', { ...stored, id: 'm001' } as unknown as Contact);
		expect(await push(member, 'contacts', [{ ...stored, channels }])).toEqual([
			expect.objectContaining({ ok: true, id: 'm001' })
		]);
		const seen = await staff.json<{ results: Row[] }>(
			`/sync/contacts/_changes?since=${encodeURIComponent(since)}`
		);
		expect(seen.body.results.map(({ id, doc }) => [id, doc?.['_deleted']])).toEqual([
			['m001', true]
		]);
	});
});
