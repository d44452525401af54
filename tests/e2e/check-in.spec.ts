import { expect, test, type Browser, type Page } from '@playwright/test';
import { readBadgePresentation } from '../../src/lib/domain/codes/badge-presentation';
import {
	publishBranchActivity,
	signIn,
	takeBadge,
	waitForServiceWorkerControl,
	waitForSync
} from './support/app';
import { launchWithCamera, writeQrVideo } from './support/fake-camera';

const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 390, height: 844 };

async function deviceWithCamera(
	browser: Browser,
	baseURL: string | undefined,
	viewport: { width: number; height: number },
	username: string
): Promise<Page> {
	const context = await browser.newContext({ baseURL, viewport });
	const page = await context.newPage();
	await signIn(page, username);
	// The scanning screens are opened offline: their code must be in the worker's cache first.
	await waitForServiceWorkerControl(page);
	return page;
}

function missingFromUnityDay(page: Page, memberId: string) {
	return page.getByTestId('duty-ethnic-unity').locator(`[data-member-id="${memberId}"]`);
}

/**
 * The signature scene (R24): the secretary's kiosk reads a member's badge from the camera with the
 * network gone, another member's phone reads the activity's rotating code offline, and once both
 * reconnect the server holds the check-ins and the secretary's R8 gap list has moved on.
 */
test('check-in at an event with no signal, by badge and by activity code', async ({
	browser,
	baseURL,
	request
}, testInfo) => {
	test.setTimeout(180_000);
	const title = `民族团结联谊活动 ${Date.now().toString(36)}`;

	// The branch secretary plans the activity for the whole branch, starting half an hour ago.
	const secretary = await browser.newPage({ viewport: TABLET });
	await signIn(secretary, 'secretary1');
	const activityId = await publishBranchActivity(secretary, {
		type: '民族团结联谊活动',
		title,
		place: '社区文化广场',
		startsIn: -30,
		endsIn: 120
	});

	await secretary.goto('/branch');
	await expect(missingFromUnityDay(secretary, 'm001')).toBeVisible();
	await expect(missingFromUnityDay(secretary, 'm002')).toBeVisible();

	// member2 takes a badge on their phone, shown as a presentation for the current window.
	const member2 = await browser.newPage({ viewport: PHONE });
	await signIn(member2, 'member2');
	const { presentation: first, name } = await takeBadge(member2);
	const badge = member2.locator('[data-code^="BP1~"]');

	// The organiser's tablet, whose camera will see member2's phone; the courtyard has no signal.
	// Chromium reads the camera's file when the camera starts: written again right before.
	const badgeVideo = testInfo.outputPath('badge.y4m');
	// A presentation is a denser code than the activity's: smaller modules keep it in the frame.
	const video = { moduleSize: 5 };
	writeQrVideo(first, badgeVideo, video);
	const kioskBrowser = await launchWithCamera(badgeVideo);
	try {
		const kiosk = await deviceWithCamera(kioskBrowser, baseURL, TABLET, 'secretary1');
		await kiosk.goto(`/activities/${activityId}`);
		await expect(kiosk.getByRole('heading', { name: title })).toBeVisible();
		await kiosk.context().setOffline(true);
		// The phone's code moves on when its window ends; the camera sees the new one.
		await expect(badge).not.toHaveAttribute('data-code', first, { timeout: 35_000 });
		const current = (await badge.getAttribute('data-code')) ?? '';
		expect(readBadgePresentation(current)?.token).toBe(readBadgePresentation(first)?.token);
		writeQrVideo(current, badgeVideo, video);
		await kiosk.getByRole('button', { name: '扫胸牌' }).click();
		// A tablet left on a stand: full screen, the answer large and on top, the camera below it,
		// both in view without scrolling or touching the screen.
		await kiosk.getByRole('button', { name: '全屏签到模式' }).click();
		const answer = kiosk.getByTestId('scan-feedback');
		await expect(answer).toHaveText(`${name} 签到成功`, { timeout: 20_000 });
		const camera = kiosk.getByTestId('kiosk').locator('video');
		await expect(answer).toBeInViewport({ ratio: 1 });
		await expect(camera).toBeInViewport({ ratio: 1 });
		const [answerBox, cameraBox] = await Promise.all([answer.boundingBox(), camera.boundingBox()]);
		expect(answerBox?.y ?? Infinity).toBeLessThan(cameraBox?.y ?? 0);
		await expect(kiosk.getByTestId('kiosk-recent').locator('li')).toHaveCount(1);
		await kiosk.screenshot({ path: testInfo.outputPath('kiosk-full-screen.png') });
		await kiosk.getByRole('button', { name: '退出全屏' }).click();
		await expect(kiosk.getByTestId('sync-pending')).toHaveText('1 条更改待同步');
		await member2.close();

		// Still offline, the tablet shows the activity's code, signed with the key it holds.
		await kiosk.getByRole('button', { name: '出示签到码' }).click();
		const shown = kiosk.locator('[data-code^="A1~"]');
		await expect(shown).toBeVisible();
		const code = (await shown.getAttribute('data-code')) ?? '';

		// member1's phone camera sees that code; the phone is offline too.
		const codeVideo = testInfo.outputPath('code.y4m');
		writeQrVideo(code, codeVideo);
		const codeBrowser = await launchWithCamera(codeVideo);
		try {
			const phone = await deviceWithCamera(codeBrowser, baseURL, PHONE, 'member1');
			await phone.goto('/activities');
			await phone.context().setOffline(true);
			await phone.getByRole('link', { name: '扫码签到' }).first().click();
			await expect(phone.getByText(`签到成功：${title}`)).toBeVisible({ timeout: 20_000 });
			await expect(phone.getByTestId('sync-pending')).toHaveText('1 条更改待同步');

			// Back online, both devices hand their check-ins over.
			await phone.context().setOffline(false);
			await kiosk.context().setOffline(false);
			await waitForSync(phone);
			await waitForSync(kiosk);
		} finally {
			await codeBrowser.close();
		}
	} finally {
		await kioskBrowser.close();
	}

	// The server holds both, verified: the badge scan and the member's own scan of the code.
	const session = await request.post('/api/session', {
		data: { username: 'secretary1', password: 'baodao-demo' }
	});
	expect(session.ok()).toBe(true);
	const keys = JSON.stringify([`${activityId}.m002.in`, `${activityId}.m001.in`]);
	const stored = await request.get(`/sync/attendance/_all_docs?keys=${keys}&include_docs=true`);
	const rows = ((await stored.json()) as { rows: { doc?: { method?: string } }[] }).rows;
	expect(rows.map((row) => row.doc?.method)).toEqual(['badge', 'code']);

	// The secretary's R8 list no longer counts them as missing.
	await expect(missingFromUnityDay(secretary, 'm002')).toHaveCount(0, { timeout: 20_000 });
	await expect(missingFromUnityDay(secretary, 'm001')).toHaveCount(0);
});
