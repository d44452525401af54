import { request, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltApp } from './built-app';
import { launchChromium, waitUntilSynced } from './chromium';
import { putAccounts } from './fixtures';
import { planPointsBureau, secretaryOf } from './points-bureau';
import { seededStore } from './points-worker';
import { log } from './support';

export interface QueueBrowserOptions {
	branchSize: number;
	recordsPerMember: number;
	waiting: number;
	/** Reloads timed until the rows show, after the first visit's sync. */
	runs: number;
}

export interface QueueBrowserResult {
	/** The tablet's first visit: sign-in to the branch synced and the rows shown. */
	firstVisitMs: number;
	/** Each reload (the replica held): navigation start → every waiting row on screen. */
	renderRuns: number[];
	/** "批准所选" tapped → the 待审批 count at 0 (the bulk write and the queue recomputed). */
	approveMs: number;
	/** The same tap → every approval on the server (`已全部同步`). */
	syncedMs: number;
}

const PASSWORD = 'points-bench-password';
const TABLET = { width: 1024, height: 768 };
const WAIT_MS = 10 * 60_000;
/** Where the device remembers the signed-in session (`src/lib/db/device.svelte.ts`). */
const SESSION_STORAGE_KEY = 'baodao.session';
const ROWS = '[data-testid="approval-rows"] > li';
const SELECT_TAPS = 3;
const SELECT_WAIT_MS = 20_000;

/**
 * Seeds one branch into the embedded store in `dataDir` with its secretary's account. In a
 * process of its own: LevelDB locks its folders per process, and the app must open them next.
 */
async function prepare(dataDir: string, options: QueueBrowserOptions): Promise<void> {
	const bureau = planPointsBureau({
		members: options.branchSize,
		branchSize: options.branchSize,
		recordsPerMember: options.recordsPerMember,
		waitingPerBranch: options.waiting,
		// The app's worker withdraws derived records whose check-ins the store lacks.
		ownOnly: true
	});
	const store = await seededStore(dataDir, bureau);
	const branchId = bureau.members[0]?.branchId ?? '';
	await putAccounts(
		store.db('accounts'),
		[{ username: secretaryOf(branchId), roles: [{ role: 'secretary', branchId }] }],
		PASSWORD
	);
	await store.channelIndex.warm();
	await store.close();
}

function prepareInChild(dataDir: string, options: QueueBrowserOptions): Promise<void> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', new URL(import.meta.url).pathname, dataDir, JSON.stringify(options)],
		{ stdio: 'inherit' }
	);
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (code) =>
			code === 0 ? resolve() : reject(new Error(`Preparing the queue's store ended with ${code}.`))
		);
	});
}

async function signedInState(url: string, username: string) {
	const api = await request.newContext({ baseURL: url });
	try {
		const response = await api.post('/api/session', { data: { username, password: PASSWORD } });
		if (!response.ok()) throw new Error(`Sign-in as ${username} answered ${response.status()}.`);
		const { cookies } = await api.storageState();
		return {
			cookies,
			origins: [
				{ origin: url, localStorage: [{ name: SESSION_STORAGE_KEY, value: await response.text() }] }
			]
		};
	} finally {
		await api.dispose();
	}
}

/** In-page time (ms since the navigation began) once `count` rows are on screen. */
async function rowsShownAt(page: Page, count: number): Promise<number> {
	const handle = await page.waitForFunction(
		({ selector, n }) =>
			document.querySelectorAll(selector).length >= n ? performance.now() : false,
		{ selector: ROWS, n: count },
		{ polling: 'raf', timeout: WAIT_MS }
	);
	return Number(await handle.jsonValue());
}

/**
 * Taps 「全选」 until the batch holds every row: the first tap after a reload was seen to be lost
 * (the screen showed the rows, yet the selection stayed empty), a second one then worked.
 */
async function selectAll(page: Page, count: number): Promise<void> {
	const batch = page.getByTestId('approve-selected').filter({ hasText: `（${count}）` });
	for (let tap = 0; tap < SELECT_TAPS; tap++) {
		await page.getByRole('checkbox', { name: '全选' }).click();
		const selected = await batch.waitFor({ timeout: SELECT_WAIT_MS }).then(
			() => true,
			() => false
		);
		if (selected) return;
	}
	throw new Error(`(u) 「全选」 did not select the ${count} rows.`);
}

/**
 * (u) in Chromium: the secretary's `/branch/approvals` on the built app at 1024×768, her branch of
 * `branchSize` members with `waiting` records waiting — the rows shown after a reload, and
 * "全选" + "批准所选" until the queue shows none waiting.
 */
export async function benchQueueInBrowser(
	options: QueueBrowserOptions
): Promise<QueueBrowserResult> {
	const dataDir = await mkdtemp(join(tmpdir(), 'baodao-bench-queue-'));
	try {
		await prepareInChild(dataDir, options);
		const app = await startBuiltApp(dataDir, WAIT_MS);
		const browser = await launchChromium();
		try {
			const username = secretaryOf('br000');
			const context = await browser.newContext({
				viewport: TABLET,
				storageState: await signedInState(app.url, username)
			});
			const page = await context.newPage();
			await page.goto(`${app.url}/branch/approvals`);
			const firstVisitMs = await rowsShownAt(page, options.waiting);
			await waitUntilSynced(page, WAIT_MS);
			log(
				`    the tablet's first visit: ${options.waiting} rows in ${Math.round(firstVisitMs)} ms`
			);
			const renderRuns: number[] = [];
			for (let run = 0; run < options.runs; run++) {
				await page.reload();
				renderRuns.push(await rowsShownAt(page, options.waiting));
			}
			await waitUntilSynced(page, WAIT_MS);
			await selectAll(page, options.waiting);
			const tappedAt = await page.evaluate(() => {
				document.querySelector<HTMLButtonElement>('[data-testid="approve-selected"]')?.click();
				return performance.now();
			});
			const emptyAt = Number(
				await (
					await page.waitForFunction(
						() =>
							document
								.querySelector('button[data-state="needs-approval"]')
								?.textContent?.includes('（0）')
								? performance.now()
								: false,
						undefined,
						{ polling: 'raf', timeout: WAIT_MS }
					)
				).jsonValue()
			);
			await waitUntilSynced(page, WAIT_MS);
			const syncedAt = await page.evaluate(() => performance.now());
			return {
				firstVisitMs,
				renderRuns,
				approveMs: emptyAt - tappedAt,
				syncedMs: syncedAt - tappedAt
			};
		} finally {
			await browser.close();
			await app.stop();
		}
	} finally {
		await rm(dataDir, { recursive: true, force: true });
	}
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
	const [dataDir = '', options = '{}'] = process.argv.slice(2);
	await prepare(dataDir, JSON.parse(options) as QueueBrowserOptions);
	process.exit(0);
}
