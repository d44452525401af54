import type { Browser } from '@playwright/test';
import { launchChromium } from './chromium';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { collectionNames, type CollectionName } from '../src/lib/domain/registry';
import { startBuiltApp } from './built-app';
import { prepareScaleStore, SCALE_PASSWORD, type PreparedStore } from './scale-prepare';
import { planScaleBureau, scaleAccounts, scaleDocs, type ScaleWorld } from './scale-seed';
import { fmtMs, log, since } from './support';

export interface ScaleOptions {
	/** Bureau sizes, in members; one store and one run each. */
	sizes: number[];
	/** How long one device may take for its first sync before the run stops. */
	syncLimitMs: number;
}

export type DeviceKind = 'member' | 'secretary' | 'staff' | 'office';

export interface DeviceFigures {
	kind: DeviceKind;
	username: string;
	/** Documents in the device's IndexedDB after its first sync, by collection. */
	held: Partial<Record<CollectionName, number>>;
	heldTotal: number;
	/** Of the seeded documents, how many are in the channels the session granted, by collection. */
	expected: Partial<Record<CollectionName, number>>;
	/** Submitting the login form → the sync indicator says everything is synced. */
	firstSyncMs: number;
	/** `navigator.storage.estimate()` after the sync: IndexedDB's part, and the origin's total. */
	indexedDbBytes: number;
	usageBytes: number;
}

export interface ScaleRun extends PreparedStore {
	members: number;
	branches: number;
	communities: number;
	activities: number;
	devices: DeviceFigures[];
}

export interface ScaleResult extends ScaleOptions {
	runs: ScaleRun[];
}

const KINDS: readonly DeviceKind[] = ['member', 'secretary', 'staff', 'office'];
const APP_START_MS = 10 * 60_000;

interface Held {
	held: Partial<Record<CollectionName, number>>;
	channels: string[];
	indexedDbBytes: number;
	usageBytes: number;
}

/** Counts, in the page, the documents of each collection in RxDB's Dexie databases. */
function readDevice(names: readonly string[]): Promise<Held> {
	const open = (name: string) =>
		new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(name);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(new Error(`Opening ${name}: ${String(request.error)}`));
		});
	const count = (db: IDBDatabase) =>
		new Promise<number>((resolve, reject) => {
			let live = 0;
			const cursor = db.transaction('docs').objectStore('docs').openCursor();
			cursor.onsuccess = () => {
				const row = cursor.result;
				if (!row) return resolve(live);
				const deleted = (row.value as { _deleted?: unknown })._deleted;
				if (deleted !== true && deleted !== '1' && deleted !== 1) live++;
				row.continue();
			};
			cursor.onerror = () => reject(new Error(`Counting: ${String(cursor.error)}`));
		});
	return (async () => {
		const held: Record<string, number> = {};
		for (const { name } of await indexedDB.databases()) {
			// RxDB's Dexie storage: one database per collection, `rxdb-dexie-<db>--<version>--<name>`.
			const collection = /^rxdb-dexie-.+--\d+--(.+)$/.exec(name ?? '')?.[1];
			if (!name || !collection || !names.includes(collection)) continue;
			const db = await open(name);
			held[collection] = await count(db);
			db.close();
		}
		const estimate = (await navigator.storage.estimate()) as StorageEstimate & {
			usageDetails?: { indexedDB?: number };
		};
		const session = JSON.parse(localStorage.getItem('baodao.session') ?? '{}') as {
			channels?: string[];
		};
		return {
			held,
			channels: session.channels ?? [],
			indexedDbBytes: estimate.usageDetails?.indexedDB ?? estimate.usage ?? 0,
			usageBytes: estimate.usage ?? 0
		};
	})();
}

/** A fresh phone: signs in through the login page and waits for its first sync to finish. */
async function firstSync(
	browser: Browser,
	url: string,
	username: string,
	limitMs: number
): Promise<Held & { firstSyncMs: number }> {
	const context = await browser.newContext({ baseURL: url });
	try {
		// tsx names the page function's inner functions with a helper the page does not have.
		await context.addInitScript('globalThis.__name = (f) => f');
		const page = await context.newPage();
		await page.goto('/login');
		await page.fill('input[name="username"]', username);
		await page.fill('input[name="password"]', SCALE_PASSWORD);
		const start = performance.now();
		await page.click('button[type="submit"]');
		// The indicator says so once every collection has completed its first sync (replica.ts).
		await page.waitForFunction(
			() =>
				document.querySelector('[data-testid="sync-pending"]')?.textContent?.trim() ===
				'已全部同步',
			undefined,
			{ timeout: limitMs, polling: 50 }
		);
		const firstSyncMs = since(start);
		return { ...(await page.evaluate(readDevice, collectionNames)), firstSyncMs };
	} finally {
		await context.close();
	}
}

/** Of the seeded documents, those in `channels`, by collection (generated again, not read). */
function expectedCounts(
	world: ScaleWorld,
	channelSets: readonly ReadonlySet<string>[]
): Partial<Record<CollectionName, number>>[] {
	const counts = channelSets.map((): Partial<Record<CollectionName, number>> => ({}));
	for (const name of collectionNames) {
		for (const doc of scaleDocs(world, name)) {
			channelSets.forEach((granted, i) => {
				const count = counts[i];
				if (count && doc.channels.some((c) => granted.has(c))) count[name] = (count[name] ?? 0) + 1;
			});
		}
	}
	return counts;
}

async function scaleRun(
	browser: Browser,
	members: number,
	options: ScaleOptions
): Promise<ScaleRun> {
	const now = new Date();
	const world = planScaleBureau(members, now);
	const accounts = scaleAccounts(world);
	const dataDir = await mkdtemp(join(tmpdir(), 'baodao-bench-scale-'));
	try {
		log(
			`  ${members.toLocaleString('en-US')} members: ${world.branches} branches, ${world.communities} communities, ${world.activities.length} activities`
		);
		const prepared = await prepareScaleStore(dataDir, members, now);
		const app = await startBuiltApp(dataDir, APP_START_MS);
		const devices: DeviceFigures[] = [];
		const channelSets: Set<string>[] = [];
		try {
			for (const kind of KINDS) {
				const { username } = accounts[kind];
				const device = await firstSync(browser, app.url, username, options.syncLimitMs);
				const heldTotal = Object.values(device.held).reduce((a, b) => a + b, 0);
				log(
					`    ${kind} (${username}): ${heldTotal.toLocaleString('en-US')} docs in ${fmtMs(device.firstSyncMs)}, IndexedDB ${(device.indexedDbBytes / 1e6).toFixed(1)} MB — ${JSON.stringify(device.held)}`
				);
				channelSets.push(new Set(device.channels));
				devices.push({
					kind,
					username,
					held: device.held,
					heldTotal,
					expected: {},
					firstSyncMs: device.firstSyncMs,
					indexedDbBytes: device.indexedDbBytes,
					usageBytes: device.usageBytes
				});
			}
		} finally {
			await app.stop();
		}
		expectedCounts(world, channelSets).forEach((expected, i) => {
			const device = devices[i];
			if (!device) return;
			device.expected = expected;
			const differ = Object.entries(expected)
				.filter(([name, n]) => device.held[name as CollectionName] !== n)
				.map(([name, n]) => `${name} ${device.held[name as CollectionName] ?? 0} (seeded ${n})`);
			// The server adds documents of its own to some (the badge issuer's key in directory).
			if (differ.length) log(`    ${device.kind} holds ${differ.join(', ')}`);
		});
		return {
			members,
			branches: world.branches,
			communities: world.communities,
			activities: world.activities.length,
			...prepared,
			devices
		};
	} finally {
		await rm(dataDir, { recursive: true, force: true });
	}
}

/** (h) Scale: a bureau after a year of use; each kind of device's first sync in Chromium. */
export async function benchScale(options: ScaleOptions): Promise<ScaleResult> {
	const browser = await launchChromium();
	try {
		const runs: ScaleRun[] = [];
		for (const members of options.sizes) runs.push(await scaleRun(browser, members, options));
		return { ...options, runs };
	} finally {
		await browser.close();
	}
}
