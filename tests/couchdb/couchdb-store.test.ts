import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import databases from '../../couch/databases.json' with { type: 'json' };
import channelsDesign from '../../couch/design/channels.json' with { type: 'json' };
import security from '../../couch/security.json' with { type: 'json' };
import { reportId, reports, type Report } from '../../src/lib/domain/reporting/reports';
import { createAccount } from '../../src/lib/server/accounts';
import { applyCouchSetup } from '../../src/lib/server/couch-setup';
import { couchRequest, withoutCredentials } from '../support/real-couch';
import { testStore, type TestStore } from '../support/test-store';
import { startTestServer, type RunningServer } from '../support/test-server';

/**
 * The `COUCHDB_URL` path: the whole gateway on the run's real Apache CouchDB (the `couchdb`
 * project, tests/support/real-couch-setup.ts), through PouchDB's HTTP adapter.
 */

const member = { memberId: 'm-mei', branchId: 'br-1', orgId: 'org-1' };

let shared: TestStore;
let couchUrl: string;
let PREFIX: string;
let server: RunningServer;
let cookie: string;

/** A request to CouchDB as its server admin. */
function couchFetch(path: string, init: RequestInit = {}): Promise<Response> {
	return couchRequest(couchUrl, path, init);
}

async function couchJson<T>(path: string): Promise<T> {
	const response = await couchFetch(path);
	expect(response.status, `GET ${path}`).toBe(200);
	return (await response.json()) as T;
}

function gateway(path: string, init: RequestInit = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	headers.set('cookie', cookie);
	if (init.body) headers.set('content-type', 'application/json');
	return fetch(server.url + path, { ...init, headers });
}

function report(communityId: string, kind: Report['kind'] = 'residence', who = member) {
	const now = new Date().toISOString();
	const fields = {
		id: reportId(who.memberId, kind, communityId),
		...who,
		communityId,
		kind,
		submission: 1,
		submittedAt: now,
		updatedAt: now,
		channels: [] as string[]
	};
	const { id, ...rest } = { ...fields, channels: reports.channelsOf(fields) };
	return { _id: id, ...rest };
}

interface ChangesResponse {
	results: { id: string; doc?: Record<string, unknown>; deleted?: boolean }[];
	last_seq: string;
}

beforeAll(async () => {
	shared = testStore();
	couchUrl = inject('realCouchUrl') ?? '';
	PREFIX = shared.options.prefix ?? '';
	// A longpoll held longer than any test may run: its answer can only come from a change. No
	// summary worker: its lease renewals would move `config` on while setup is checked.
	server = await startTestServer({
		...shared.options,
		maxLongpollMs: 10 * 60_000,
		summaries: false
	});
	await createAccount(server.app.store.db('accounts'), {
		username: 'mei',
		password: 'a long enough password',
		displayName: 'Mei',
		...member,
		roles: [{ role: 'member' }]
	});
	// The places the pushed reports name, the profile saying where Mei lives and her branch's link.
	for (const id of ['c-home', 'c-elsewhere']) {
		await server.app.store.db('directory').put({
			_id: id,
			kind: 'community',
			name: id,
			updatedAt: new Date().toISOString(),
			channels: ['public']
		});
	}
	await server.app.store
		.db('members')
		.put({ _id: member.memberId, residenceCommunityId: 'c-home', channels: [] });
	await server.app.store.db('directory').put({
		_id: member.branchId,
		kind: 'branch',
		name: 'Branch 1',
		linkedCommunityId: 'c-elsewhere',
		updatedAt: new Date().toISOString(),
		channels: ['public']
	});
	const response = await fetch(server.url + '/api/session', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: 'mei', password: 'a long enough password' })
	});
	expect(response.status).toBe(200);
	const setCookie = response.headers.getSetCookie()[0];
	expect(setCookie).toBeDefined();
	cookie = (setCookie ?? '').split(';')[0] ?? '';
});

afterAll(async () => {
	await server?.close();
	await shared?.drop();
});

describe('the store on Apache CouchDB', () => {
	it('uses the CouchDB store', () => {
		expect(server.app.store.kind).toBe('couchdb');
	});

	it('creates every database with the prefix', async () => {
		const names = await couchJson<string[]>('/_all_dbs');
		const expected = [...databases.replicated, ...databases.serverOnly].map((n) => PREFIX + n);
		expect(names).toEqual(expect.arrayContaining(expected));
	});

	it('puts the channel design document in every replicated database, and only there', async () => {
		for (const name of databases.replicated) {
			const design = await couchJson<Record<string, unknown>>(`/${PREFIX}${name}/_design/channels`);
			const { _rev, ...content } = design;
			expect(_rev).toEqual(expect.any(String));
			expect(content).toEqual(channelsDesign);
		}
		for (const name of databases.serverOnly) {
			const response = await couchFetch(`/${PREFIX}${name}/_design/channels`);
			expect(response.status).toBe(404);
		}
	});

	it('sets the security object, so only server admins get in', async () => {
		for (const name of [...databases.replicated, ...databases.serverOnly]) {
			expect(await couchJson(`/${PREFIX}${name}/_security`)).toEqual(security);
		}
		const anonymous = await fetch(`${withoutCredentials(couchUrl)}/${PREFIX}reports/_all_docs`);
		expect(anonymous.status).toBe(401);
	});

	it('enforces validate_doc_update as defence in depth', async () => {
		const response = await couchFetch(`/${PREFIX}reports/no-channels`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ note: 'no channels' })
		});
		expect(response.status).toBe(403);
		expect(await response.json()).toMatchObject({ error: 'forbidden' });
	});

	it('applies the setup again without writing anything: every database stays where it was', async () => {
		const names = [...databases.replicated, ...databases.serverOnly].map((n) => PREFIX + n);
		const designPath = `/${PREFIX}reports/_design/channels`;
		const design = await couchJson<{ _rev: string }>(designPath);
		const seqs = async (): Promise<Record<string, unknown>> => {
			const infos = await Promise.all(
				names.map((name) => couchJson<{ db_name: string; update_seq: unknown }>(`/${name}`))
			);
			return Object.fromEntries(infos.map((info) => [info.db_name, info.update_seq]));
		};
		const before = await seqs();
		await applyCouchSetup(server.app.store);
		await applyCouchSetup(server.app.store);
		// CouchDB moves a database's update_seq on any PUT of `_security`, even an unchanged one.
		expect(await seqs()).toEqual(before);
		expect((await couchJson<{ _rev: string }>(designPath))._rev).toBe(design._rev);
		expect(await couchJson(`/${PREFIX}reports/_security`)).toEqual(security);
	});

	it('accepts a valid push and serves it in the changes feed', async () => {
		const doc = report('c-home');
		const push = await gateway('/sync/reports/_bulk_docs', {
			method: 'POST',
			body: JSON.stringify({ docs: [doc] })
		});
		expect(push.status).toBe(201);
		const rows = (await push.json()) as { ok?: boolean; id: string; rev?: string }[];
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ ok: true, id: doc._id });
		expect(rows[0]?.rev).toMatch(/^1-/);

		// Stored exactly as sent (principle 4).
		const stored = await couchJson<Record<string, unknown>>(`/${PREFIX}reports/${doc._id}`);
		expect(stored).toEqual({ ...doc, _rev: rows[0]?.rev });

		const changes = await gateway(
			'/sync/reports/_changes?feed=normal&style=all_docs&include_docs=true&since=0&limit=10'
		);
		expect(changes.status).toBe(200);
		const body = (await changes.json()) as ChangesResponse;
		expect(body.results.map((r) => r.id)).toContain(doc._id);
		expect(body.results.find((r) => r.id === doc._id)?.doc).toEqual({ ...doc, _rev: rows[0]?.rev });
		expect(typeof body.last_seq).toBe('string');

		// Read on from the token: nothing new.
		const next = await gateway(
			`/sync/reports/_changes?feed=normal&style=all_docs&include_docs=true&since=${encodeURIComponent(body.last_seq)}&limit=10`
		);
		expect(((await next.json()) as ChangesResponse).results).toEqual([]);
	});

	it('reads from the start when a position it signed is one CouchDB cannot read', async () => {
		// A token of the embedded store's integer sequences, still valid after a move to CouchDB
		// (the signing key travels in `config`): CouchDB refuses `since=5` with 400.
		const embedded = server.app.context.tokens.encode('reports', { seq: 5 });
		const fresh = await gateway('/sync/reports/_changes?since=0&limit=10');
		const response = await gateway(
			`/sync/reports/_changes?since=${encodeURIComponent(embedded)}&limit=10`
		);
		expect(response.status).toBe(200);
		const ids = (body: ChangesResponse) => body.results.map((r) => r.id);
		const expected = ids((await fresh.json()) as ChangesResponse);
		expect(expected.length).toBeGreaterThan(0);
		expect(ids((await response.json()) as ChangesResponse)).toEqual(expected);
	});

	it('answers a forged push as a conflict and then hands back the pushed content, deleted', async () => {
		const forged = report('c-home', 'residence', { ...member, memberId: 'm-someone-else' });
		const push = await gateway('/sync/reports/_bulk_docs', {
			method: 'POST',
			body: JSON.stringify({ docs: [forged] })
		});
		expect(push.status).toBe(201);
		const rows = (await push.json()) as { id: string; error?: string; reason?: string }[];
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ id: forged._id, error: 'conflict' });
		expect(rows[0]?.reason).toEqual(expect.any(String));

		const lookup = await gateway(
			`/sync/reports/_all_docs?keys=${encodeURIComponent(JSON.stringify([forged._id]))}&include_docs=true`
		);
		expect(lookup.status).toBe(200);
		const body = (await lookup.json()) as {
			rows: { key: string; doc?: Record<string, unknown> }[];
		};
		expect(body.rows).toHaveLength(1);
		expect(body.rows[0]?.key).toBe(forged._id);
		expect(body.rows[0]?.doc).toMatchObject({ ...forged, _deleted: true });

		// Never written to the store.
		expect((await couchFetch(`/${PREFIX}reports/${forged._id}`)).status).toBe(404);
	});

	it('wakes a longpoll from now on a write made by another request', async () => {
		const hub = server.app.context.hub('reports');
		// The hub's follower of the store's feed is in place upstream once it has seen a write.
		const seen = new Set<string | null>();
		const unwatch = hub.watch((id) => seen.add(id));
		await server.app.store.db('reports').put({ _id: 'probe', channels: [] });
		await vi.waitFor(() => expect(seen.has('probe')).toBe(true), { timeout: 10_000, interval: 5 });
		unwatch();
		const longpoll = gateway(
			'/sync/reports/_changes?feed=longpoll&style=all_docs&include_docs=true&since=now&limit=10'
		);
		// The gateway holds the request.
		await vi.waitFor(() => expect(hub.listening).toBe(1), { timeout: 10_000, interval: 5 });

		const doc = report('c-elsewhere', 'unit');
		const push = await gateway('/sync/reports/_bulk_docs', {
			method: 'POST',
			body: JSON.stringify({ docs: [doc] })
		});
		expect(((await push.json()) as { ok?: boolean }[])[0]?.ok).toBe(true);

		const response = await longpoll;
		expect(response.status).toBe(200);
		const body = (await response.json()) as ChangesResponse;
		// Without a heartbeat within the test's time, the row can only come from the write waking it.
		expect(body.results.map((r) => r.id)).toEqual([doc._id]);
		expect(hub.listening).toBe(0);
	});
});
