import { request, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { launchChromium, waitUntilSynced } from './chromium';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEMO_PASSWORD } from '../src/lib/server/demo/demo-data';
import { startBuiltApp, type BuiltApp } from './built-app';
import { fmtList, log, median } from './support';

/** The signed-in home screen is usable once this is on screen; change it with the home screen. */
export const HOME_USABLE_SELECTOR = 'main h2';

export interface ShellOptions {
	/** Measured reload pairs (offline and online), after one warm-up pair that is not counted. */
	runs: number;
}

export interface JsFile {
	path: string;
	/** The chunk's name in Vite's client manifest (`device.svelte` holds RxDB, Dexie and Ajv). */
	chunk: string;
	rawBytes: number;
	gzipBytes: number;
}

export interface ShellResult extends ShellOptions {
	/** Every script the cold home route loaded until usable, largest (gzip) first. */
	jsFiles: JsFile[];
	jsRawBytes: number;
	/** Each file gzipped on its own at level 9, summed. */
	jsGzipBytes: number;
	/** That cold first visit (no service worker, empty caches): navigation start → usable. */
	coldUsableMs: number;
	/** Navigation start → usable, per measured reload, with the service worker in control. */
	offlineRuns: number[];
	onlineRuns: number[];
	offlineMs: number;
	onlineMs: number;
}

const ROOT = new URL('../', import.meta.url).pathname;
const MEMBER = 'member1';
/** Where the device remembers the signed-in session (`src/lib/db/device.svelte.ts`). */
const SESSION_STORAGE_KEY = 'baodao.session';
const WAIT_MS = 60_000;

/** `node build` with a temporary store and the demo data, as `npm start` runs it. */
async function startDemoApp(): Promise<BuiltApp> {
	const dataDir = await mkdtemp(join(tmpdir(), 'baodao-bench-shell-'));
	const app = await startBuiltApp(dataDir, WAIT_MS, { demoData: true });
	return {
		url: app.url,
		pid: app.pid,
		stop: async () => {
			await app.stop();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}

/** Cookies and remembered session of a member signed in with `POST /api/session`. */
async function signedInState(url: string): Promise<BrowserContextOptions['storageState']> {
	const api = await request.newContext({ baseURL: url });
	try {
		const response = await api.post('/api/session', {
			data: { username: MEMBER, password: DEMO_PASSWORD }
		});
		if (!response.ok()) throw new Error(`Sign-in as ${MEMBER} answered ${response.status()}.`);
		const { cookies } = await api.storageState();
		const session = await response.text();
		return {
			cookies,
			origins: [{ origin: url, localStorage: [{ name: SESSION_STORAGE_KEY, value: session }] }]
		};
	} finally {
		await api.dispose();
	}
}

/** Runs in every document: notes when the home screen's content is first painted. */
function noteWhenUsable(selector: string) {
	const page = window as Window & { usableAt?: number };
	const observer = new MutationObserver(() => {
		if (!document.querySelector(selector)) return;
		observer.disconnect();
		requestAnimationFrame(() => (page.usableAt = performance.now()));
	});
	observer.observe(document, { childList: true, subtree: true });
}

/** Milliseconds from the navigation's start (the document's time origin) to usable. */
async function usableAfter(page: Page, navigate: () => Promise<unknown>): Promise<number> {
	await navigate();
	const handle = await page.waitForFunction(
		() => (window as Window & { usableAt?: number }).usableAt,
		undefined,
		{ timeout: WAIT_MS }
	);
	return (await handle.jsonValue()) ?? Number.NaN;
}

/** Chunk names by file, from the client build's Vite manifest. */
async function chunkNames(): Promise<Map<string, string>> {
	const path = join(ROOT, '.svelte-kit/output/client/.vite/manifest.json');
	if (!existsSync(path)) return new Map();
	const manifest = JSON.parse(await readFile(path, 'utf8')) as Record<
		string,
		{ file: string; name?: string }
	>;
	return new Map(Object.values(manifest).map((chunk) => [`/${chunk.file}`, chunk.name ?? '']));
}

/** (e) The member's home route, cold: every script until usable, gzipped one by one. */
async function coldHomeScripts(
	browser: Browser,
	url: string,
	storageState: BrowserContextOptions['storageState']
): Promise<{ files: JsFile[]; usableMs: number }> {
	const names = await chunkNames();
	// No service worker: it would fetch the whole app into its cache alongside the page.
	const context = await browser.newContext({ baseURL: url, storageState, serviceWorkers: 'block' });
	try {
		await context.addInitScript(noteWhenUsable, HOME_USABLE_SELECTOR);
		const page = await context.newPage();
		const files: Promise<JsFile>[] = [];
		page.on('response', (response) => {
			if (response.request().resourceType() !== 'script') return;
			const path = new URL(response.url()).pathname;
			files.push(
				response.body().then((body) => ({
					path,
					chunk: names.get(path) ?? '',
					rawBytes: body.length,
					gzipBytes: gzipSync(new Uint8Array(body), { level: 9 }).length
				}))
			);
		});
		const usableMs = await usableAfter(page, () => page.goto('/'));
		const loaded = await Promise.all(files.slice());
		return { files: loaded.sort((a, b) => b.gzipBytes - a.gzipBytes), usableMs };
	} finally {
		await context.close();
	}
}

/** (f) Reloads with the service worker in control, offline and online in turns. */
async function reloads(
	browser: Browser,
	url: string,
	storageState: BrowserContextOptions['storageState'],
	runs: number
): Promise<{ offline: number[]; online: number[] }> {
	const context = await browser.newContext({ baseURL: url, storageState });
	const times = { offline: [] as number[], online: [] as number[] };
	try {
		await context.addInitScript(noteWhenUsable, HOME_USABLE_SELECTOR);
		const page = await context.newPage();
		await page.goto('/');
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
			timeout: WAIT_MS
		});
		await waitUntilSynced(page, WAIT_MS);
		for (let round = 0; round <= runs; round++) {
			const order =
				round % 2 === 0 ? (['offline', 'online'] as const) : (['online', 'offline'] as const);
			for (const mode of order) {
				await context.setOffline(mode === 'offline');
				const ms = await usableAfter(page, async () => {
					const response = await page.reload();
					if (!response?.fromServiceWorker()) {
						throw new Error(`The ${mode} reload was not answered by the service worker.`);
					}
				});
				await context.setOffline(false);
				await waitUntilSynced(page, WAIT_MS);
				if (round > 0) times[mode].push(ms);
			}
		}
		return times;
	} finally {
		await context.close();
	}
}

/** (e) and (f): the installable shell in headless Chromium against the built app. */
export async function benchShell(options: ShellOptions): Promise<ShellResult> {
	const app = await startDemoApp();
	let browser: Browser | undefined;
	try {
		browser = await launchChromium();
		const storageState = await signedInState(app.url);
		const cold = await coldHomeScripts(browser, app.url, storageState);
		const sum = (key: 'rawBytes' | 'gzipBytes') =>
			cold.files.reduce((total, file) => total + file[key], 0);
		log(`(e) ${cold.files.length} scripts until usable; largest (gzip -9 / raw bytes):`);
		for (const file of cold.files.slice(0, 10)) {
			log(`    ${file.gzipBytes} / ${file.rawBytes}  ${file.path}  ${file.chunk}`);
		}
		const { offline, online } = await reloads(browser, app.url, storageState, options.runs);
		log(`(f) offline reloads: ${fmtList(offline)} ms; online: ${fmtList(online)} ms`);
		return {
			...options,
			jsFiles: cold.files,
			jsRawBytes: sum('rawBytes'),
			jsGzipBytes: sum('gzipBytes'),
			coldUsableMs: cold.usableMs,
			offlineRuns: offline,
			onlineRuns: online,
			offlineMs: median(offline),
			onlineMs: median(online)
		};
	} finally {
		await browser?.close();
		await app.stop();
	}
}
