import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RxCollection } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findHeld } from '../../src/lib/db/database';
import { communitiesWhere, orgsWhere } from '../../src/lib/db/directory';
import { Replica } from '../../src/lib/db/replica';
import { LAYOUT_VERSION } from '../../src/lib/domain/registry';
import { HttpClient } from '../support/http-client';
import { seedPreviousLayoutStore, syncPreviousLayoutDevice } from '../support/previous-layout';
import { startTestServer, type RunningServer } from '../support/test-server';
import { NOW } from '../support/world';

const ROUNDING = { stepMinutes: 30, mode: 'nearest' } as const;

/**
 * A device of the previous version holds edits it could not send yet; the server and then the app
 * are updated to the new layout. The edits must reach the server, and the device must end up in
 * the new layout with nothing of the old one left.
 */
describe('a replica of the previous layout with unsent changes', () => {
	let server: RunningServer;
	let client: HttpClient;
	let offline = false;
	const storage = getRxStorageMemory();
	const name = `upgrade-${Date.now()}`;
	const deviceFetch: typeof fetch = (input, init) => {
		if (offline) return Promise.reject(new TypeError('fetch failed: the device is offline'));
		const headers = new Headers(init?.headers);
		if (client.cookie) headers.set('cookie', client.cookie);
		return fetch(input, { ...init, headers });
	};

	beforeAll(async () => {
		const dataDir = await mkdtemp(join(tmpdir(), 'baodao-upgrade-'));
		await seedPreviousLayoutStore(dataDir, NOW, ['office1']);
		server = await startTestServer({ dataDir });
		client = new HttpClient(server.url);
		expect((await client.signIn('office1')).status).toBe(200);
	});

	afterAll(async () => {
		await server.close();
	});

	it('moved the store into the new layout, revisions and all', async () => {
		const branch = await server.app.store.db('directory').get('br1');
		const before = await server.app.store.db('orgs').get('br1');
		expect(branch._rev).toBe(before._rev);
		expect(branch['kind']).toBe('branch');
		const community = await server.app.store.db('directory').get('cm1');
		expect(community['kind']).toBe('community');
	});

	it('serves each legacy name from the directory, limited to its kind, for one more version', async () => {
		type Changes = { results: { id: string; doc: { kind: string } }[]; last_seq: string };
		// A position the old database issued means nothing here: the feed starts again.
		const stale = await client.json<Changes>('/sync/orgs/_changes?since=not.ours&limit=100');
		expect(stale.status).toBe(200);
		// Both demo bureaus: eight branches.
		expect(stale.body.results.map((r) => r.doc.kind).sort()).toEqual([
			...Array<string>(8).fill('branch'),
			'bureau',
			'bureau'
		]);
		// The collections of the layout still refuse such a position.
		expect((await client.json('/sync/directory/_changes?since=not.ours')).status).toBe(400);
		const next = await client.json<Changes>(
			`/sync/orgs/_changes?since=${encodeURIComponent(stale.body.last_seq)}`
		);
		expect(next.body.results).toEqual([]);

		// A community is not an organisation: under `orgs` it does not exist …
		const lookup = await client.json<{ rows: { key: string; error?: string }[] }>(
			'/sync/orgs/_all_docs',
			{ method: 'POST', json: { keys: ['cm1', 'br1'] } }
		);
		expect(lookup.body.rows.map((r) => r.error ?? 'found')).toEqual(['not_found', 'found']);
		// … and cannot be written through it.
		const community = await server.app.store.db('directory').get('cm1');
		const pushed = await client.json<{ id: string; error?: string; reason?: string }[]>(
			'/sync/orgs/_bulk_docs',
			{ method: 'POST', json: { docs: [{ ...community, name: '改名' }] } }
		);
		expect(pushed.body).toEqual([{ id: 'cm1', error: 'conflict', reason: 'invalid' }]);
		expect((await server.app.store.db('directory').get('cm1'))['name']).toBe(community['name']);
	});

	it('pushes what waited in the old layout once the new version is online, and leaves it', async () => {
		const { body: session } = await client.json<{ channels: string[] }>('/api/session');
		// The previous version syncs (through the legacy names the gateway still serves) …
		const old = await syncPreviousLayoutDevice({
			name,
			storage,
			serverUrl: server.url,
			fetch: deviceFetch,
			channels: session.channels
		});
		// … then, offline, the office sets the bureau's rounding and renames a community.
		const edit = async (collection: string, id: string, patch: Record<string, unknown>) => {
			const doc = await (old.collections[collection] as RxCollection<object>).findOne(id).exec();
			await doc?.incrementalPatch({ ...patch, updatedAt: NOW.toISOString() });
		};
		await edit('orgs', 'org-zjj', { serviceRounding: ROUNDING });
		await edit('communities', 'cm2', { name: '新名字社区' });
		await old.upsertLocal('pending-changes', { keys: ['orgs/org-zjj', 'communities/cm2'] });
		await old.close();

		// The new version starts offline: the old collections stay, with the unsent edits.
		offline = true;
		const replica = await Replica.open({
			username: 'office1',
			serverUrl: server.url,
			storage,
			databaseName: name,
			fetch: deviceFetch,
			retryTimeMs: 100,
			pollIntervalMs: 0,
			heartbeatMs: 2_000,
			waitForLeadership: false
		});
		expect(replica.status.pending).toBe(2);
		await replica.start(session.channels);
		expect((await replica.db.orgs?.findOne('org-zjj').exec())?.get('serviceRounding')).toEqual(
			ROUNDING
		);
		expect(replica.db.orgs).toBeDefined();
		// Until the directory has pulled, the device reads organisations from where they were.
		expect(await replica.db.directory.count().exec()).toBe(0);
		expect((await findHeld(replica.db, 'directory', 'org-zjj'))?.['serviceRounding']).toEqual(
			ROUNDING
		);
		expect(await firstValueFrom(orgsWhere(replica.db))).toHaveLength(10);
		expect(await firstValueFrom(communitiesWhere(replica.db))).toHaveLength(11);

		// Online: the edits are pushed, the directory catches up, the old collections go.
		offline = false;
		await replica.syncNow();
		const stored = await server.app.store.db('directory').get('org-zjj');
		expect(stored['serviceRounding']).toEqual(ROUNDING);
		expect((await server.app.store.db('directory').get('cm2'))['name']).toBe('新名字社区');
		expect(replica.db.orgs).toBeUndefined();
		expect(replica.db.communities).toBeUndefined();
		expect(replica.db.badges).toBeUndefined();
		expect((await replica.db.directory.findOne('org-zjj').exec())?.get('serviceRounding')).toEqual(
			ROUNDING
		);
		expect(await replica.db.directory.count().exec()).toBeGreaterThan(18);
		expect(replica.status.pending).toBe(0);
		expect((await replica.db.getLocal('layout'))?.get('version')).toBe(LAYOUT_VERSION);
		await replica.destroy();
	});
});
