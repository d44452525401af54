import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Roster } from '../../src/lib/domain/roster/roster-read';
import { MAX_ROSTER_ROWS } from '../../src/lib/domain/roster/roster-columns';
import { createBaodaoServer } from '../../src/lib/server/baodao-server';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/demo-data';
import { seedDemoData } from '../../src/lib/server/demo/demo-seed';
import { hashPassword } from '../../src/lib/server/passwords';
import {
	CHUNK_WRITES,
	LEASE_STALE_MS,
	READY_TTL_MS,
	newJobId,
	readJob,
	saveJob,
	storeJob
} from '../../src/lib/server/roster-jobs';
import { RosterImports } from '../../src/lib/server/roster-runner';
import type { Database } from '../../src/lib/server/store';
import { HttpClient } from '../support/http-client';
import { startTestServer } from '../support/test-server';
import { NOW, World } from '../support/world';

const BUREAU = 'org-zjj';
const BRANCH1 = '局机关第一党支部';
const NEW_BRANCH = '新建第七党支部';

interface Preview {
	jobId: string;
	runnable: boolean;
	problems: { table: string | null; row: number | null; column: string | null; code: string }[];
	changes: { table: string; row: number; change: string; fields: string[]; label: string }[];
	changesTotal: number;
	summary: Record<string, { create: number; update: number; unchanged: number }>;
	untouchedMembers: number;
}

interface Status {
	jobId: string;
	orgId: string;
	state: string;
	done: number;
	total: number;
	resumedFrom?: number;
}

const mobileOf = (i: number) => `166${String(i).padStart(8, '0')}`;

/** `count` members in br1 living in 天山社区, and a secretary of a new branch. */
function roster(count: number, rename: ReadonlyMap<number, string> = new Map()): Roster {
	return {
		communities: [],
		branches: [{ row: 2, name: NEW_BRANCH, linkedCommunity: '宁边路街道/丰收社区' }],
		members: [
			{
				row: 2,
				name: '新书记',
				branch: NEW_BRANCH,
				mobile: mobileOf(0),
				residence: '宁边路街道/丰收社区',
				secretary: true
			},
			...Array.from({ length: count }, (_, i) => ({
				row: i + 3,
				name: rename.get(i + 1) ?? `导入党员${i + 1}`,
				branch: BRANCH1,
				mobile: mobileOf(i + 1),
				residence: '宁边路街道/天山社区',
				secretary: false
			}))
		]
	};
}

/** Resolves with the job document once its run has finished, done or failed. */
function finished(db: Database, jobId: string): Promise<Record<string, unknown>> {
	return new Promise((resolve, reject) => {
		const feed = db.changes({
			since: 0,
			live: true,
			include_docs: true,
			doc_ids: [`job:${jobId}`]
		});
		// The feed is also a promise of its end, which `cancel` settles: the events are what we need.
		void feed.on('change', (change) => {
			const state = change.doc?.['state'];
			if (state === 'done' || state === 'failed') {
				feed.cancel();
				resolve(change.doc as Record<string, unknown>);
			}
		});
		void feed.on('error', reject);
	});
}

async function bureauMembers(db: Database): Promise<Map<string, Record<string, unknown>>> {
	const all = await db.allDocs({ include_docs: true });
	return new Map(
		all.rows.flatMap((row) =>
			row.doc && row.doc['orgId'] === BUREAU ? [[row.id, row.doc as Record<string, unknown>]] : []
		)
	);
}

describe('roster import', () => {
	let world: World;
	const clients = new Map<string, HttpClient>();
	const as = async (username: string) => {
		let client = clients.get(username);
		if (!client) {
			client = new HttpClient(world.url);
			await client.signIn(username);
			clients.set(username, client);
		}
		return client;
	};
	const preview = async (username: string, body: unknown) =>
		(await as(username)).json<Preview>('/api/roster/previews', { method: 'POST', json: body });
	const run = async (username: string, jobId: string) => {
		const answer = await (
			await as(username)
		).json<Status>(`/api/roster/imports/${jobId}`, { method: 'POST' });
		if (answer.status === 202) await finished(world.db('imports'), jobId);
		return answer;
	};

	beforeAll(async () => {
		world = await World.start(['office1', 'office2', 'secretary1', 'admin', 'member1']);
	});
	afterAll(async () => {
		await world.close();
	});

	it('lists the problems of a file and writes nothing', async () => {
		const before = await world.db('members').info();
		const bad = roster(3);
		bad.members[1] = { ...bad.members[1]!, mobile: '12345' };
		bad.members.push({
			row: 99,
			name: '无支部',
			branch: '不存在的支部',
			mobile: mobileOf(98),
			secretary: false
		});
		const answer = await preview('office1', { orgId: BUREAU, roster: bad });
		expect(answer.status).toBe(200);
		expect(answer.body.runnable).toBe(false);
		expect(answer.body.problems.map((p) => [p.row, p.code])).toEqual(
			expect.arrayContaining([
				[3, 'bad-mobile'],
				[99, 'unknown-branch']
			])
		);
		const status = await (await as('office1')).json(`/api/roster/imports/${answer.body.jobId}`);
		expect(status.status).toBe(404);
		expect((await world.db('members').info()).doc_count).toBe(before.doc_count);
		const jobs = await world.db('imports').allDocs();
		expect(jobs.rows).toHaveLength(0);
	});

	it('answers 404 to anyone but the office of the bureau and the admin, 401 unsigned', async () => {
		for (const username of ['office2', 'secretary1', 'member1']) {
			const answer = await preview(username, { orgId: BUREAU, roster: roster(1) });
			expect(answer.status, username).toBe(404);
			const exported = await (await as(username)).json(`/api/roster/export?orgId=${BUREAU}`);
			expect(exported.status, username).toBe(404);
			const listed = await (await as(username)).json(`/api/roster/imports?orgId=${BUREAU}`);
			expect(listed.status, username).toBe(404);
		}
		const nowhere = await preview('office1', { orgId: 'org-nowhere', roster: roster(1) });
		expect(nowhere.status).toBe(404);
		const unsigned = await new HttpClient(world.url).json('/api/roster/previews', {
			method: 'POST',
			json: { orgId: BUREAU, roster: roster(1) }
		});
		expect(unsigned.status).toBe(401);
	});

	let firstJob = '';
	let newMemberIds: string[] = [];

	it('imports a previewed file in chunks: profiles, contacts, accounts, a new branch', async () => {
		const before = await bureauMembers(world.db('members'));
		const answer = await preview('office1', { orgId: BUREAU, roster: roster(300) });
		expect(answer.status).toBe(200);
		expect(answer.body.problems).toEqual([]);
		expect(answer.body.runnable).toBe(true);
		expect(answer.body.summary['members']).toEqual({ create: 301, update: 0, unchanged: 0 });
		expect(answer.body.untouchedMembers).toBe(before.size);
		firstJob = answer.body.jobId;
		// Nothing is written before the office confirms.
		expect((await bureauMembers(world.db('members'))).size).toBe(before.size);

		const other = await run('office2', firstJob);
		expect(other.status).toBe(404);
		const started = await run('office1', firstJob);
		expect(started.status).toBe(202);
		const status = await (await as('office1')).json<Status>(`/api/roster/imports/${firstJob}`);
		expect(status.body).toMatchObject({ state: 'done', orgId: BUREAU });
		expect(status.body.total).toBeGreaterThan(CHUNK_WRITES);
		expect(status.body.done).toBe(status.body.total);
		expect(status.body.resumedFrom).toBeUndefined();

		const after = await bureauMembers(world.db('members'));
		newMemberIds = [...after.keys()].filter((id) => !before.has(id));
		expect(newMemberIds).toHaveLength(301);
		const accounts = await world.db('accounts').allDocs({ keys: newMemberIds, include_docs: true });
		for (const row of accounts.rows) {
			const account = 'doc' in row ? row.doc : null;
			expect(account?.['passwordHash'], row.key).toBe('');
			expect(account?.['memberId']).toBe(row.key);
		}
		// The plan is dropped once the job is done: it held mobiles.
		const left = await world.db('imports').allDocs({ startkey: 'plan:', endkey: 'plan:\uffff' });
		expect(left.rows).toHaveLength(0);
	});

	it('gives the secretaries the new members on their devices’ channels', async () => {
		const secretary = await as('secretary1');
		const members = await world.db('members').allDocs({ keys: newMemberIds, include_docs: true });
		const inBr1 = members.rows.flatMap((row) =>
			'doc' in row && row.doc?.['branchId'] === 'br1' ? [row.id] : []
		);
		const elsewhere = members.rows.flatMap((row) =>
			'doc' in row && row.doc?.['branchId'] !== 'br1' ? [row.id] : []
		);
		expect(inBr1).toHaveLength(300);
		expect(elsewhere).toHaveLength(1);
		const keys = encodeURIComponent(JSON.stringify([inBr1[0], elsewhere[0]]));
		for (const collection of ['members', 'contacts']) {
			const seen = await secretary.json<{ rows: { key: string; doc?: unknown; error?: string }[] }>(
				`/sync/${collection}/_all_docs?keys=${keys}&include_docs=true`
			);
			expect(seen.body.rows[0]?.doc, collection).toBeDefined();
			expect(seen.body.rows[1]?.error, collection).toBe('not_found');
		}

		// The new branch's secretary: once activated, their session grants the branch.
		const [secretaryId] = elsewhere;
		const account = await world.db('accounts').get(secretaryId!);
		const branchId = (account['roles'] as { role: string; branchId?: string }[]).find(
			(grant) => grant.role === 'secretary'
		)?.branchId;
		expect(branchId).toBeDefined();
		const branch = await world.db('directory').get(branchId!);
		expect(branch).toMatchObject({
			name: NEW_BRANCH,
			parentId: BUREAU,
			secretaryMemberId: secretaryId
		});
		await world
			.db('accounts')
			.put({ ...account, passwordHash: await hashPassword('Secretary-2026!') });
		const client = new HttpClient(world.url);
		await client.signIn(secretaryId!, 'Secretary-2026!');
		const session = await client.json<{ channels: string[] }>('/api/session');
		expect(session.body.channels).toContain(`branch:${branchId}`);
	});

	it('changes nothing when the same file comes again', async () => {
		const answer = await preview('office1', { orgId: BUREAU, roster: roster(300) });
		expect(answer.status).toBe(200);
		expect(answer.body.problems).toEqual([]);
		expect(answer.body.runnable).toBe(false);
		expect(answer.body.changes).toEqual([]);
		expect(answer.body.summary['members']).toEqual({ create: 0, update: 0, unchanged: 301 });
	});

	it('updates only the changed rows of an updated file', async () => {
		const before = await bureauMembers(world.db('members'));
		const changed = roster(
			300,
			new Map([
				[5, '改名党员五'],
				[7, '改名党员七']
			])
		);
		const answer = await preview('office1', { orgId: BUREAU, roster: changed });
		expect(answer.body.runnable).toBe(true);
		expect(answer.body.summary['members']).toEqual({ create: 0, update: 2, unchanged: 299 });
		expect(answer.body.changes.map((c) => [c.row, c.change])).toEqual([
			[7, 'update'],
			[9, 'update']
		]);
		const started = await run('office1', answer.body.jobId);
		expect(started.status).toBe(202);
		const after = await bureauMembers(world.db('members'));
		const moved = [...after].filter(([id, doc]) => before.get(id)?.['_rev'] !== doc['_rev']);
		expect(moved.map(([, doc]) => doc['name']).sort()).toEqual(['改名党员七', '改名党员五']);
	});

	it('lists the bureau’s imports, newest first', async () => {
		const listed = await (
			await as('office1')
		).json<{ jobs: Status[] }>(`/api/roster/imports?orgId=${BUREAU}`);
		expect(listed.status).toBe(200);
		expect(listed.body.jobs).toHaveLength(2);
		expect(listed.body.jobs[1]?.jobId).toBe(firstJob);
		expect(listed.body.jobs.every((job) => job.state === 'done')).toBe(true);
	});

	it('refuses a superseded preview and one whose bureau changed since', async () => {
		const older = await preview('office1', {
			orgId: BUREAU,
			roster: roster(300, new Map([[1, '旧预览']]))
		});
		const newer = await preview('office1', {
			orgId: BUREAU,
			roster: roster(300, new Map([[2, '新预览']]))
		});
		expect((await run('office1', older.body.jobId)).body).toMatchObject({ error: 'stale' });
		// Someone renames a branch of the bureau after the preview: rows name branches.
		const branch = await world.db('directory').get('br2');
		await world.db('directory').put({ ...branch, name: '改名的第二党支部' });
		const stale = await run('office1', newer.body.jobId);
		expect(stale.status).toBe(409);
		expect(stale.body).toMatchObject({ error: 'stale' });
	});

	/** The names the updated file gave, kept by the files below. */
	const renamed = (more: [number, string][] = []) =>
		new Map<number, string>([[5, '改名党员五'], [7, '改名党员七'], ...more]);

	/** Another bureau's new member, with a contact carrying `mobile`. */
	const elsewhereMember = async (id: string, mobile: string) => {
		const updatedAt = new Date().toISOString();
		await world.db('members').put({
			_id: id,
			orgId: 'org-zcz',
			branchId: 'br7',
			name: '别局党员',
			skills: [],
			interests: [],
			duties: [],
			updatedAt,
			channels: ['branch:br7']
		});
		await world.db('contacts').put({
			_id: id,
			memberId: id,
			branchId: 'br7',
			phone: mobile,
			updatedAt,
			channels: ['branch:br7']
		});
	};

	it('runs a preview over profile edits and re-linked branches since, keeping the edits', async () => {
		const answer = await preview('office1', {
			orgId: BUREAU,
			roster: roster(300, renamed([[20, '改名党员二十']]))
		});
		expect(answer.body.runnable).toBe(true);
		const members = await bureauMembers(world.db('members'));
		const [editedId, edited] = [...members].find(([, doc]) => doc['name'] === '导入党员20')!;
		// After the preview: the member edits their skills, an office re-links br1.
		await world.db('members').put({ ...edited, skills: ['电工'] });
		const br1 = await world.db('directory').get('br1');
		await world.db('directory').put({ ...br1, linkedCommunityId: 'cm2' });
		const started = await run('office1', answer.body.jobId);
		expect(started.status).toBe(202);
		const after = await world.db('members').get(editedId);
		expect(after).toMatchObject({ name: '改名党员二十', skills: ['电工'] });
	});

	it('runs a preview over another bureau’s new member with an unrelated mobile', async () => {
		const answer = await preview('office1', {
			orgId: BUREAU,
			roster: roster(300, renamed([[21, '改名党员二一']]))
		});
		expect(answer.body.runnable).toBe(true);
		await elsewhereMember('mzcz-unrelated', '16799999999');
		const started = await run('office1', answer.body.jobId);
		expect(started.status).toBe(202);
		const members = await bureauMembers(world.db('members'));
		expect([...members.values()].some((doc) => doc['name'] === '改名党员二一')).toBe(true);
	});

	it('refuses a preview when another bureau’s member got one of its new mobiles since', async () => {
		const answer = await preview('admin', { orgId: BUREAU, roster: roster(301, renamed()) });
		expect(answer.body.runnable).toBe(true);
		expect(answer.body.summary['members']).toMatchObject({ create: 1 });
		await elsewhereMember('mzcz-taken', mobileOf(301));
		const stale = await run('admin', answer.body.jobId);
		expect(stale.status).toBe(409);
		expect(stale.body).toMatchObject({ error: 'stale' });
		const again = await preview('admin', { orgId: BUREAU, roster: roster(301, renamed()) });
		expect(again.body.runnable).toBe(false);
		expect(again.body.problems.map((p) => [p.row, p.code])).toEqual([[303, 'mobile-taken']]);
	});

	it('exports the roster with masked mobiles and no ID numbers, and logs it', async () => {
		const answer = await (
			await as('office1')
		).json<{ bureauName: string; members: Record<string, unknown>[] }>(
			`/api/roster/export?orgId=${BUREAU}`
		);
		expect(answer.status).toBe(200);
		expect(answer.body.bureauName).toBe('州住建局');
		const imported = answer.body.members.find((m) => m['name'] === '改名党员五');
		expect(imported).toMatchObject({
			branch: BRANCH1,
			mobile: '166****0005',
			residence: '宁边路街道/天山社区',
			roles: '党员',
			activated: false
		});
		const secretary = answer.body.members.find((m) => m['name'] === '新书记');
		expect(secretary).toMatchObject({ roles: '党员、支部书记', activated: true });
		for (const member of answer.body.members) {
			expect(Object.keys(member).sort()).toEqual(
				['activated', 'branch', 'mobile', 'name', 'residence', 'roles', 'username'].sort()
			);
			expect(String(member['mobile'])).toMatch(/^(\d{3}\*{4}\d{4})?$/);
		}
		const audit = await world.db('audit').allDocs({ include_docs: true });
		const actions = audit.rows.map((row) => row.doc?.['action']);
		expect(actions).toEqual(
			expect.arrayContaining(['roster.preview', 'roster.import', 'roster.export'])
		);
		const text = JSON.stringify(audit.rows.map((row) => row.doc));
		expect(text).not.toContain(mobileOf(5));
		// Each entry carries the address the request came from (loopback here), not 'unknown'.
		const entries = audit.rows.flatMap((row) =>
			String(row.doc?.['action']).startsWith('roster.') ? [row.doc!] : []
		);
		expect(entries.length).toBeGreaterThan(0);
		for (const entry of entries) expect(String(entry['address'])).toMatch(/127\.0\.0\.1$/);
	});

	it('refuses more rows than a roster may have, and a body over 8 MB', async () => {
		const rows = Array.from({ length: MAX_ROSTER_ROWS + 1 }, (_, i) => ({
			row: i + 2,
			name: '某',
			branch: BRANCH1,
			mobile: '1',
			secretary: false
		}));
		const tooMany = await preview('admin', {
			orgId: BUREAU,
			roster: { communities: [], branches: [], members: rows }
		});
		expect(tooMany.status).toBe(400);
		expect(tooMany.body).toMatchObject({ error: 'too_many_rows' });
		const huge = await (
			await as('admin')
		).request('/api/roster/previews', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ orgId: BUREAU, padding: 'x'.repeat(8 * 1024 * 1024) })
		});
		expect(huge.status).toBe(413);
		// Above the 4 MB of other JSON routes, the body is still read (and its shape refused).
		const large = await (
			await as('admin')
		).json('/api/roster/previews', {
			method: 'POST',
			json: { orgId: BUREAU, roster: { communities: [], padding: 'x'.repeat(5 * 1024 * 1024) } }
		});
		expect(large.status).toBe(400);
		expect(large.body).toMatchObject({ error: 'bad_request' });
	});

	it('lets an unstarted preview of the bureau expire, plan and all, when the bureau is previewed', async () => {
		const db = world.db('imports');
		// A preview made a day and a minute ago, never started.
		const createdAt = new Date(Date.now() - READY_TTL_MS - 60_000);
		const old = await storeJob(
			db,
			{
				jobId: newJobId(createdAt),
				orgId: BUREAU,
				state: 'ready',
				createdAt: createdAt.toISOString(),
				createdBy: 'office1',
				summary: {
					communities: { create: 0, update: 0, unchanged: 0 },
					branches: { create: 0, update: 0, unchanged: 0 },
					members: { create: 1, update: 0, unchanged: 0 }
				},
				fingerprint: 'f'
			},
			[{ database: 'members', doc: { id: 'mold', name: '旧计划' } }]
		);
		const answer = await preview('admin', { orgId: BUREAU, roster: roster(0) });
		expect(answer.status).toBe(200);
		expect(await readJob(db, old.jobId)).toMatchObject({ state: 'expired' });
		const plans = await db.allDocs({
			startkey: `plan:${old.jobId}:`,
			endkey: `plan:${old.jobId}:\uffff`
		});
		expect(plans.rows).toHaveLength(0);
		const status = await (await as('office1')).json<Status>(`/api/roster/imports/${old.jobId}`);
		expect(status.body.state).toBe('expired');
		expect((await run('office1', old.jobId)).body).toMatchObject({ error: 'stale' });
	});

	it('limits how often one person previews', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 12; i++) {
			statuses.push((await preview('office2', { orgId: 'org-zcz', roster: roster(0) })).status);
		}
		expect(statuses).toContain(429);
	});
});

describe('an interrupted roster import', () => {
	it('resumes at the next start from the last chunk it recorded, and says so', async () => {
		const dataDir = await mkdtemp(join(tmpdir(), 'baodao-roster-'));
		const first = await createBaodaoServer({ dataDir, summaries: false, claims: false });
		await seedDemoData(first.store, NOW, ['office1']);
		const post = (path: string, body: unknown, cookie?: string) =>
			first.handle(
				new Request(`http://localhost${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
					body: JSON.stringify(body)
				})
			)!;
		const signIn = await post('/api/session', { username: 'office1', password: DEMO_PASSWORD });
		const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
		const previewed = (await (
			await post('/api/roster/previews', { orgId: BUREAU, roster: roster(300) }, cookie)
		).json()) as Preview;
		expect(previewed.runnable).toBe(true);
		// The run the office started stops after one chunk, as when the process is killed.
		const db = first.store.db('imports');
		const job = (await readJob(db, previewed.jobId))!;
		const imports = new RosterImports(first.store, () => NOW, new AbortController().signal);
		const stopped = await imports.run(await saveJob(db, { ...job, state: 'running' }), {
			stopAfterChunks: 1
		});
		expect(stopped).toMatchObject({ state: 'running', done: CHUNK_WRITES });
		await first.close();

		// Later than the killed process's lease could last: the new one takes the job over.
		const server = await startTestServer({
			dataDir,
			now: () => new Date(NOW.getTime() + 2 * LEASE_STALE_MS)
		});
		try {
			await finished(server.app.store.db('imports'), previewed.jobId);
			const client = new HttpClient(server.url);
			await client.signIn('office1');
			const status = await client.json<Status>(`/api/roster/imports/${previewed.jobId}`);
			expect(status.body).toMatchObject({ state: 'done', resumedFrom: CHUNK_WRITES });
			expect(status.body.done).toBe(status.body.total);
			const members = await bureauMembers(server.app.store.db('members'));
			const imported = [...members.values()].filter((doc) =>
				String(doc['name']).startsWith('导入党员')
			);
			expect(imported).toHaveLength(300);
			// Written once each: the resumed run did not write the first chunk again.
			expect(imported.every((doc) => String(doc['_rev']).startsWith('1-'))).toBe(true);
		} finally {
			await server.close();
		}
	});
});
