import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { members as memberKind, type Member } from '../domain/people/members';
import {
	CHUNK_WRITES,
	LEASE_STALE_MS,
	READY_TTL_MS,
	readJob,
	saveJob,
	storeJob,
	type StoredWrite
} from './roster-jobs';
import { readExistingState } from './roster-existing';
import { RosterImports } from './roster-runner';
import { openStore, type Store } from './store';

const NOW = new Date('2026-11-20T04:00:00.000Z');

function memberWrite(index: number): StoredWrite {
	const doc: Member = {
		id: `mx${index}`,
		orgId: 'org-a',
		branchId: 'br1',
		name: `党员${index}`,
		skills: [],
		interests: [],
		duties: [],
		updatedAt: NOW.toISOString(),
		channels: []
	};
	return {
		database: 'members',
		doc: { ...doc, channels: memberKind.channelsOf(doc) } as unknown as Record<string, unknown>
	};
}

const accountWrite: StoredWrite = {
	database: 'accounts',
	account: {
		username: 'mx0',
		displayName: '党员0',
		memberId: 'mx0',
		branchId: 'br1',
		orgId: 'org-a',
		roles: [{ role: 'member' }]
	}
};

describe('RosterImports', () => {
	let dir: string;
	let store: Store;

	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'roster-runner-'));
		store = openStore({ dataDir: dir });
	});
	afterEach(async () => {
		await store.close();
		await rm(dir, { recursive: true, force: true });
	});

	const newJob = (writes: StoredWrite[], jobId = '0000000ab-AAAAAAAAAAAA', createdAt = NOW) =>
		storeJob(
			store.db('imports'),
			{
				jobId,
				orgId: 'org-a',
				state: 'ready',
				createdAt: createdAt.toISOString(),
				createdBy: 'office1',
				summary: {
					communities: { create: 0, update: 0, unchanged: 0 },
					branches: { create: 0, update: 0, unchanged: 0 },
					members: { create: writes.length, update: 0, unchanged: 0 }
				},
				fingerprint: 'f'
			},
			writes
		);

	it('fails with a reason, and a failed job picks up where it stopped', async () => {
		const writes = [
			...Array.from({ length: CHUNK_WRITES + 10 }, (_, i) => memberWrite(i)),
			accountWrite
		];
		const job = await newJob(writes);
		expect(job.chunks).toBe(2);
		// Someone else holds the username the plan gives the new member.
		await store.db('accounts').put({
			_id: 'mx0',
			memberId: 'someone-else',
			roles: [],
			passwordHash: '',
			failedLogins: 0,
			displayName: '别人'
		});
		const imports = new RosterImports(store, () => NOW, new AbortController().signal);
		const failed = await imports.run(
			await saveJob(store.db('imports'), { ...job, state: 'running' })
		);
		expect(failed).toMatchObject({ state: 'failed', done: CHUNK_WRITES });
		expect(failed.failure).toContain('mx0');

		const account = await store.db('accounts').get('mx0');
		await store.db('accounts').remove(account);
		const restarted = await imports.start(job.jobId, 'org-a');
		expect(restarted).toMatchObject({ state: 'running', resumedFrom: CHUNK_WRITES });
		expect(restarted.failure).toBeUndefined();
		const finished = await imports.settled(job.jobId);
		expect(finished).toMatchObject({ state: 'done', done: writes.length });
		expect(await store.db('accounts').get('mx0')).toMatchObject({ memberId: 'mx0' });
		// The plan, with its personal data, is gone.
		expect(
			await store.db('imports').allDocs({ startkey: 'plan:', endkey: 'plan:\uffff' })
		).toMatchObject({
			rows: []
		});
		expect((await readJob(store.db('imports'), job.jobId))?.state).toBe('done');
	});

	it('stops at a chunk boundary when the server closes, leaving the job running', async () => {
		const job = await newJob(Array.from({ length: 3 }, (_, i) => memberWrite(i)));
		const closing = new AbortController();
		closing.abort();
		const imports = new RosterImports(store, () => NOW, closing.signal);
		const stopped = await imports.run(
			await saveJob(store.db('imports'), { ...job, state: 'running' })
		);
		expect(stopped).toMatchObject({ state: 'running', done: 0 });
	});

	const at = (ms: number) => () => new Date(NOW.getTime() + ms);
	const planDocs = async () =>
		(await store.db('imports').allDocs({ startkey: 'plan:', endkey: 'plan:\uffff' })).rows.map(
			(row) => row.id
		);
	const twoChunks = () => Array.from({ length: CHUNK_WRITES + 10 }, (_, i) => memberWrite(i));

	it.each([
		['at its start', (imports: RosterImports) => imports.resumeInterrupted()],
		['on a POST', (imports: RosterImports) => imports.start('0000000ab-AAAAAAAAAAAA', 'org-a')]
	])(
		'takes a running job over %s only once its lease is stale, writing each document once',
		async (_when, takeOver) => {
			const writes = twoChunks();
			const job = await newJob(writes);
			const signal = new AbortController().signal;
			// Another process ran one chunk and holds the lease (as if killed now).
			const other = new RosterImports(store, at(0), signal);
			const stopped = await other.run(
				await saveJob(store.db('imports'), { ...job, state: 'running' }),
				{ stopAfterChunks: 1 }
			);
			expect(stopped).toMatchObject({ state: 'running', done: CHUNK_WRITES, runner: other.runner });

			const early = new RosterImports(store, at(LEASE_STALE_MS - 1_000), signal);
			await takeOver(early);
			expect(early.settled(job.jobId)).toBeUndefined();
			expect(await readJob(store.db('imports'), job.jobId)).toMatchObject({
				_rev: stopped._rev,
				runner: other.runner
			});
			await early.close();

			const late = new RosterImports(store, at(LEASE_STALE_MS), signal);
			await takeOver(late);
			const finished = await late.settled(job.jobId);
			expect(finished).toMatchObject({
				state: 'done',
				done: writes.length,
				resumedFrom: CHUNK_WRITES,
				runner: late.runner
			});
			const members = await store.db('members').allDocs();
			expect(members.rows).toHaveLength(writes.length);
			expect(members.rows.every((row) => row.value.rev.startsWith('1-'))).toBe(true);
			await late.close();
		}
	);

	it('stops quietly when another process holds the lease it meets, and goes on over a stale one', async () => {
		const job = await newJob(twoChunks());
		const db = store.db('imports');
		const read = await saveJob(db, { ...job, state: 'running' });
		const imports = new RosterImports(store, at(0), new AbortController().signal);

		// Another process claimed the job after this one read it.
		const claimed = await saveJob(db, {
			...read,
			runner: 'elsewhere',
			heartbeatAt: NOW.toISOString()
		});
		const yielded = await imports.run(read);
		expect(yielded).toMatchObject({ state: 'running', runner: 'elsewhere', _rev: claimed._rev });
		expect(yielded.failure).toBeUndefined();
		expect((await store.db('members').allDocs()).rows).toHaveLength(0);

		// The same, but that process stopped a while ago: its lease is stale.
		await saveJob(db, {
			...claimed,
			heartbeatAt: new Date(NOW.getTime() - LEASE_STALE_MS).toISOString()
		});
		const finished = await imports.run(claimed);
		expect(finished).toMatchObject({ state: 'done', runner: imports.runner });
	});

	it.each([
		['an unrelated mobile', '13900000002', 'running'],
		['a mobile the plan gives a new member', '13900000001', 'stale']
	])(
		'checks a ready job’s new mobiles against other bureaus: one got %s',
		async (_what, mobile, outcome) => {
			const base = { updatedAt: NOW.toISOString(), channels: [] };
			await store.db('directory').put({ _id: 'org-a', kind: 'bureau', name: '局', ...base });
			await store
				.db('directory')
				.put({ _id: 'br1', kind: 'branch', name: '支部', parentId: 'org-a', ...base });
			const state = await readExistingState(store, 'org-a');
			const contact: StoredWrite = {
				database: 'contacts',
				doc: { id: 'mx0', memberId: 'mx0', branchId: 'br1', phone: '13900000001', ...base }
			};
			const job = await storeJob(
				store.db('imports'),
				{
					jobId: '0000000ab-AAAAAAAAAAAA',
					orgId: 'org-a',
					state: 'ready',
					createdAt: NOW.toISOString(),
					createdBy: 'office1',
					summary: {
						communities: { create: 0, update: 0, unchanged: 0 },
						branches: { create: 0, update: 0, unchanged: 0 },
						members: { create: 1, update: 0, unchanged: 0 }
					},
					fingerprint: state!.fingerprint
				},
				[memberWrite(0), contact]
			);
			// Meanwhile another bureau's member gets a contact.
			await store.db('members').put({ _id: 'mb', orgId: 'org-b', branchId: 'brb', name: '乙' });
			await store.db('contacts').put({ _id: 'mb', memberId: 'mb', phone: mobile });
			const imports = new RosterImports(store, () => NOW, new AbortController().signal);
			const started = imports.start(job.jobId, 'org-a');
			if (outcome === 'stale') {
				await expect(started).rejects.toMatchObject({ code: 'stale' });
				expect((await readJob(store.db('imports'), job.jobId))?.state).toBe('ready');
			} else {
				expect(await started).toMatchObject({ state: 'running' });
				expect(await imports.settled(job.jobId)).toMatchObject({ state: 'done' });
			}
		}
	);

	it('lets a preview not started within a day expire and drops its plan', async () => {
		const old = await newJob(
			[memberWrite(1)],
			'000000001-AAAAAAAAAAAA',
			new Date(NOW.getTime() - READY_TTL_MS)
		);
		const young = await newJob([memberWrite(2)], '000000002-AAAAAAAAAAAA', at(-3_600_000)());
		const imports = new RosterImports(store, at(0), new AbortController().signal);
		await imports.resumeInterrupted();
		expect((await readJob(store.db('imports'), old.jobId))?.state).toBe('expired');
		expect((await readJob(store.db('imports'), young.jobId))?.state).toBe('ready');
		expect(await planDocs()).toEqual([`plan:${young.jobId}:00000`]);
		await expect(imports.start(old.jobId, 'org-a')).rejects.toMatchObject({ code: 'stale' });

		// Started after its day, before anything swept it: it expires then.
		const later = new RosterImports(store, at(READY_TTL_MS), new AbortController().signal);
		await expect(later.start(young.jobId, 'org-a')).rejects.toMatchObject({ code: 'stale' });
		expect((await readJob(store.db('imports'), young.jobId))?.state).toBe('expired');
		expect(await planDocs()).toEqual([]);
	});
});
