import {
	expect,
	test,
	type Browser,
	type BrowserContext,
	type Page,
	type TestInfo
} from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeQrFrame } from '../../src/lib/components/scan/qr-frame-decoder';
import { cameraFrame, type Shot } from '../support/qr-corpus/camera-frame';
import type { RgbaFrame } from '../support/qr-corpus/grey-image';
import { nodeReadBarcodes } from '../support/qr-corpus/node-zxing-wasm';
import { decodeLikeOldScanner } from '../support/qr-corpus/old-decoder';
import {
	publishBranchActivity,
	signIn,
	takeBadge,
	waitForServiceWorkerControl,
	waitForSync
} from './support/app';
import {
	launchPersistentWithCamera,
	launchWithCamera,
	writeFrameVideo,
	writeQrVideo
} from './support/fake-camera';

const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 390, height: 844 };

/** A code as a camera sees it, before the test's changes: centred, sharp, dark on light. */
function shotOf(text: string, seed: number): Shot {
	return {
		text,
		pixelsPerModule: 4,
		rotation: 0,
		tilt: 0,
		tiltAxis: 0,
		offset: { x: 0, y: 0 },
		dark: 30,
		light: 220,
		blur: 0,
		noise: 0,
		background: [110, 140],
		seed
	};
}

/** A badge held out to the kiosk at an angle, the camera not quite focused on it. */
const blurredTiltedBadge = (text: string, attempt: number): Shot => ({
	...shotOf(text, attempt + 1),
	pixelsPerModule: 5,
	blur: 0.4,
	tilt: 20,
	tiltAxis: 20 + 17 * attempt,
	rotation: 8
});

/** An activity's code on the organiser's screen, scanned from across a table. */
const armsLengthCode = (text: string, attempt: number): Shot => ({
	...shotOf(text, attempt + 1),
	pixelsPerModule: 2 + attempt * 0.02,
	noise: 4,
	offset: { x: 0.2, y: -0.1 }
});

/**
 * A frame of `text` drawn by `shot` that the scanner's decoder reads in Node and the old one
 * (@zxing/library, before zxing-wasm) does not: the test then shows what the new decoder adds.
 * Tokens differ from run to run, so the first of a few nearby shots that qualifies is taken.
 */
async function frameOnlyTheNewDecoderReads(
	text: string,
	shot: (text: string, attempt: number) => Shot
): Promise<RgbaFrame> {
	const readBarcodes = await nodeReadBarcodes();
	for (let attempt = 0; attempt < 20; attempt++) {
		const { frame } = cameraFrame(shot(text, attempt));
		if (decodeLikeOldScanner(frame) !== null) continue;
		if ((await decodeQrFrame(frame, readBarcodes)) === text) return frame;
	}
	throw new Error(`No shot of ${text} that only the new decoder reads.`);
}

/** Every address a browser context asks for, the service worker's requests included. */
function recordRequests(context: BrowserContext): string[] {
	const urls: string[] = [];
	context.on('request', (request) => urls.push(request.url()));
	return urls;
}

/** The app's WebAssembly module as the page fetches it, and whether the worker answered. */
function wasmResponses(page: Page): Array<{ url: string; fromServiceWorker: boolean }> {
	const seen: Array<{ url: string; fromServiceWorker: boolean }> = [];
	page.on('response', (response) => {
		if (response.url().endsWith('.wasm')) {
			seen.push({ url: response.url(), fromServiceWorker: response.fromServiceWorker() });
		}
	});
	return seen;
}

/** Signs `username` in on a browser with its own profile, online, and closes the browser. */
async function firstVisit(
	profile: string,
	baseURL: string | undefined,
	viewport: { width: number; height: number },
	username: string,
	path: string
): Promise<void> {
	const browser = await launchPersistentWithCamera(profile, null, { baseURL, viewport });
	try {
		const page = browser.pages()[0] ?? (await browser.newPage());
		await signIn(page, username);
		// The worker precaches the app, the QR reader's module included, when it installs.
		await waitForServiceWorkerControl(page);
		await page.goto(path);
		await waitForSync(page);
	} finally {
		await browser.close();
	}
}

/**
 * The browser of `profile` started again with `video` as its camera and no network: what it asks
 * for must all be the app's (from the worker's cache), none of it from another origin.
 */
async function restartOffline(
	profile: string,
	video: string,
	baseURL: string | undefined,
	viewport: { width: number; height: number }
) {
	const browser = await launchPersistentWithCamera(profile, video, { baseURL, viewport });
	await browser.setOffline(true);
	const requests = recordRequests(browser);
	const page = browser.pages()[0] ?? (await browser.newPage());
	const wasm = wasmResponses(page);
	return { browser, page, requests, wasm };
}

function otherOrigins(urls: string[], baseURL: string | undefined): string[] {
	const app = new URL(baseURL ?? '').origin;
	return urls.filter((url) => /^https?:/.test(url) && new URL(url).origin !== app);
}

/**
 * Issue 14: after one visit online, a kiosk and a member's phone restarted with no network read a
 * blurred, tilted badge and an activity code at arm's length (codes the old decoder cannot read),
 * with the QR reader's WebAssembly module from the service worker's cache and no request leaving
 * the app's origin.
 */
test('kiosk and phone read hard codes offline after a browser restart', async ({
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(240_000);
	// Fresh profiles: a worker left from an earlier run must not answer for this build.
	const kioskProfile = mkdtempSync(join(tmpdir(), 'baodao-kiosk-'));
	const phoneProfile = mkdtempSync(join(tmpdir(), 'baodao-phone-'));
	try {
		await checkInOfflineAfterRestart(browser, baseURL, testInfo, kioskProfile, phoneProfile);
	} finally {
		rmSync(kioskProfile, { recursive: true, force: true });
		rmSync(phoneProfile, { recursive: true, force: true });
	}
});

async function checkInOfflineAfterRestart(
	browser: Browser,
	baseURL: string | undefined,
	testInfo: TestInfo,
	kioskProfile: string,
	phoneProfile: string
) {
	const title = `离线扫码演练 ${Date.now().toString(36)}`;

	const secretary = await browser.newPage({ viewport: TABLET });
	await signIn(secretary, 'secretary1');
	const activityId = await publishBranchActivity(secretary, {
		type: '民族团结联谊活动',
		title,
		place: '社区文化广场',
		startsIn: -30,
		endsIn: 120
	});

	// One visit online each: the kiosk (secretary1) and member17's phone.
	await firstVisit(kioskProfile, baseURL, TABLET, 'secretary1', `/activities/${activityId}`);
	await firstVisit(phoneProfile, baseURL, PHONE, 'member17', '/activities');

	// member16 takes a badge; their phone shows it as a presentation for the current window.
	const member = await browser.newPage({ viewport: PHONE });
	await signIn(member, 'member16');
	const { presentation: shown, name } = await takeBadge(member);

	// The kiosk's camera sees that badge blurred and tilted; its browser restarts with no network.
	const badgeVideo = testInfo.outputPath('badge.y4m');
	writeFrameVideo(await frameOnlyTheNewDecoderReads(shown, blurredTiltedBadge), badgeVideo);
	const kiosk = await restartOffline(kioskProfile, badgeVideo, baseURL, TABLET);
	try {
		await kiosk.page.goto(`/activities/${activityId}`);
		await expect(kiosk.page.getByRole('heading', { name: title })).toBeVisible();
		await kiosk.page.getByRole('button', { name: '扫胸牌' }).click();
		await expect(kiosk.page.getByTestId('scan-feedback')).toHaveText(`${name} 签到成功`, {
			timeout: 30_000
		});
		await expect(kiosk.page.getByText('扫码组件未能加载')).toHaveCount(0);
		expect(kiosk.wasm.length).toBeGreaterThan(0);
		expect(kiosk.wasm.every((response) => response.fromServiceWorker)).toBe(true);

		// Still offline, the kiosk shows the activity's code; member17's phone sees it from afar.
		await kiosk.page.getByRole('button', { name: '出示签到码' }).click();
		const code = (await kiosk.page.locator('[data-code^="A1~"]').getAttribute('data-code')) ?? '';
		const codeVideo = testInfo.outputPath('code.y4m');
		writeFrameVideo(await frameOnlyTheNewDecoderReads(code, armsLengthCode), codeVideo);
		const phone = await restartOffline(phoneProfile, codeVideo, baseURL, PHONE);
		try {
			await phone.page.goto('/activities');
			await phone.page.getByRole('link', { name: '扫码签到' }).first().click();
			await expect(phone.page.getByText(`签到成功：${title}`)).toBeVisible({ timeout: 30_000 });
			await expect(phone.page.getByText('扫码组件未能加载')).toHaveCount(0);
			expect(phone.wasm.length).toBeGreaterThan(0);
			expect(phone.wasm.every((response) => response.fromServiceWorker)).toBe(true);
			expect(phone.requests.some((url) => url.endsWith('.wasm'))).toBe(true);
			expect(otherOrigins(phone.requests, baseURL)).toEqual([]);
		} finally {
			await phone.browser.close();
		}
		expect(kiosk.requests.some((url) => url.endsWith('.wasm'))).toBe(true);
		expect(otherOrigins(kiosk.requests, baseURL)).toEqual([]);
	} finally {
		await kiosk.browser.close();
	}
}

test('where the reader’s module cannot load, the old reader scans and the screen says so', async ({
	baseURL
}, testInfo) => {
	const video = testInfo.outputPath('sharp.y4m');
	writeQrVideo('BAODAO-FALLBACK', video);
	const camera = await launchWithCamera(video);
	try {
		// Without the worker, so that the module's request reaches the route that refuses it.
		const context = await camera.newContext({ baseURL, viewport: PHONE, serviceWorkers: 'block' });
		await context.route('**/*.wasm', (route) => route.abort('failed'));
		const page = await context.newPage();
		await signIn(page, 'member1');
		await page.goto('/scan-check');
		await expect(page.getByRole('status').filter({ hasText: '扫码组件未能加载' })).toHaveText(
			'扫码组件未能加载，已改用备用识别方式，识别率较低'
		);
		await expect(page.getByTestId('decoded').first()).toHaveText('BAODAO-FALLBACK', {
			timeout: 15_000
		});
	} finally {
		await camera.close();
	}
});
