import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shanghaiYear } from '../../src/lib/domain/calendar/shanghai-calendar';
import { reportId } from '../../src/lib/domain/registry';
import { reportToSubmit } from '../../src/lib/domain/reporting/report-drafts';
import type { Member } from '../../src/lib/domain/registry';
import { seedDemoData, toStored } from '../../src/lib/server/demo/demo-seed';
import { openStore, type Store } from '../../src/lib/server/store';
import { testStore, type TestStore } from '../support/test-store';
import { NOW } from '../support/world';
import { leaseHolderPid, storedSummary } from '../support/summary-lease';

const LEASE_MS = 1_500;
const WAIT = { timeout: 30_000, interval: 50 };

interface AppProcess {
	child: ChildProcess;
	pid: number;
	exited: Promise<unknown>;
}

/** An app process of its own on the shared CouchDB (tests/support/summary-process.ts). */
async function startApp(couchUrl: string, prefix: string): Promise<AppProcess> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'tests/support/summary-process.ts', couchUrl, prefix, String(LEASE_MS)],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	const exited = once(child, 'exit');
	const lines = createInterface({ input: child.stdout });
	for await (const line of lines) {
		const pid = /^ready (\d+)$/.exec(line)?.[1];
		if (pid) return { child, pid: Number(pid), exited };
	}
	throw new Error('The app process ended before it was ready.');
}

/**
 * Two app processes share one CouchDB; the summary worker runs in whichever holds the lease. When
 * that process dies without a word, the other takes the lease over once it has expired and carries
 * on from the checkpoint.
 */
describe('the summary lease across processes', () => {
	let shared: TestStore;
	let store: Store;
	const apps: AppProcess[] = [];
	const year = shanghaiYear(new Date());

	beforeAll(async () => {
		shared = testStore();
		const { couchUrl, prefix } = shared.options;
		if (!couchUrl || !prefix) throw new Error('The lease test runs on the couchdb project only.');
		store = openStore({ couchUrl, prefix });
		// The first process creates the databases; the demo bureau then goes into them.
		apps.push(await startApp(couchUrl, prefix));
		await seedDemoData(store, NOW, []);
		apps.push(await startApp(couchUrl, prefix));
	});

	afterAll(async () => {
		for (const app of apps) {
			if (app.child.exitCode === null && app.child.signalCode === null) {
				app.child.kill('SIGTERM');
				await app.exited;
			}
		}
		await store?.close();
		await shared?.drop();
	});

	const holder = () => leaseHolderPid(store);
	const summary = (id: string) => storedSummary(store, id);

	it('runs the worker in one process, which sums up the bureau', async () => {
		await vi.waitFor(async () => {
			expect(await summary(`bureau-year.org-zjj.${year}`)).toMatchObject({
				coverage: { members: 121 }
			});
		}, WAIT);
		expect(apps.map((app) => app.pid)).toContain(await holder());
	});

	it('moves to the other process when the holder is killed, and catches up', async () => {
		const first = await holder();
		const victim = apps.find((app) => app.pid === first);
		const survivor = apps.find((app) => app.pid !== first);
		expect(victim && survivor).toBeTruthy();
		victim?.child.kill('SIGKILL');
		await victim?.exited;

		// Written after the kill: only the survivor can sum it up.
		const member = (await store.db('members').get('m001')) as unknown as Member & { _id: string };
		const report = reportToSubmit({
			member: { ...member, id: 'm001' },
			kind: 'residence',
			communityId: 'cm1',
			existing: null,
			note: '',
			now: new Date()
		});
		expect(report.id).toBe(reportId('m001', 'residence', 'cm1'));
		await store.db('reports').put(toStored(report));

		await vi.waitFor(async () => {
			expect(await summary(`member-year.m001.${year}`)).toMatchObject({ residence: 'waiting' });
		}, WAIT);
		expect(await holder()).toBe(survivor?.pid);
	});
});
