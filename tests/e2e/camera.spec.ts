import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './support/app';
import { launchWithCamera, writeQrVideo } from './support/fake-camera';

async function openScanCheck(
	browser: Browser,
	baseURL: string | undefined,
	viewport: { width: number; height: number }
): Promise<Page> {
	const context = await browser.newContext({ baseURL, viewport });
	const page = await context.newPage();
	await signIn(page, 'member1');
	await page.goto('/scan-check');
	return page;
}

for (const viewport of [
	{ name: 'phone', width: 390, height: 844 },
	{ name: 'tablet', width: 1024, height: 768 }
]) {
	test(`the scanner reads a code from the camera on a ${viewport.name}`, async ({
		baseURL
	}, testInfo) => {
		const text = `BAODAO-CHECK-${viewport.name}`;
		const video = testInfo.outputPath('qr.y4m');
		writeQrVideo(text, video);
		const browser = await launchWithCamera(video);
		try {
			const page = await openScanCheck(browser, baseURL, viewport);
			await expect(page.getByTestId('decoded').first()).toHaveText(text, { timeout: 15_000 });
			await expect(page.getByTestId('scan-feedback')).toHaveText(text);

			// The picture fills the width and leaves room below it for the answer.
			const box = await page.getByLabel('扫码摄像头画面').boundingBox();
			const card = await page
				.locator('.card')
				.filter({ has: page.locator('video') })
				.boundingBox();
			expect(box && card).toBeTruthy();
			if (box && card) {
				expect(box.width).toBeGreaterThan(card.width - 2 * 16 - 1);
				expect(box.height).toBeLessThanOrEqual(viewport.height * 0.6 + 1);
			}
		} finally {
			await browser.close();
		}
	});
}

test('pausing the scanner releases the camera, and resuming opens it again', async ({
	baseURL
}, testInfo) => {
	const video = testInfo.outputPath('qr.y4m');
	writeQrVideo('BAODAO-PAUSE', video);
	const browser = await launchWithCamera(video);
	try {
		const page = await openScanCheck(browser, baseURL, { width: 390, height: 844 });
		await expect(page.getByTestId('decoded').first()).toHaveText('BAODAO-PAUSE', {
			timeout: 15_000
		});
		// Keeps the tracks the scanner opened, to see them end.
		const opened = await page.evaluateHandle(() => {
			const stream = document.querySelector('video')?.srcObject;
			return stream instanceof MediaStream ? stream.getTracks() : [];
		});
		expect(await opened.evaluate((tracks) => tracks.length)).toBeGreaterThan(0);

		await page.getByLabel('暂停扫码').check();
		await expect(page.getByText('扫码已暂停')).toBeVisible();
		await expect
			.poll(() => opened.evaluate((tracks) => tracks.every((t) => t.readyState === 'ended')))
			.toBe(true);

		await page.getByLabel('暂停扫码').uncheck();
		await expect(page.getByText('将二维码放在画面中间，稍停片刻')).toBeVisible();
	} finally {
		await browser.close();
	}
});

test('without a camera the scanner says so', async ({ baseURL }) => {
	const browser = await launchWithCamera(null);
	try {
		const page = await openScanCheck(browser, baseURL, { width: 390, height: 844 });
		const cameras = await page.evaluate(async () =>
			(await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput')
		);
		test.skip(cameras.length > 0, 'this machine has a real camera');
		await expect(page.getByRole('alert')).toContainText('没有找到摄像头');
		await expect(page.getByRole('button', { name: '重试' })).toBeVisible();
	} finally {
		await browser.close();
	}
});

test('a refused camera permission says how to allow it', async ({ baseURL }, testInfo) => {
	const video = testInfo.outputPath('qr.y4m');
	writeQrVideo('BAODAO-DENIED', video);
	// A camera, but no flag granting it: headless Chromium refuses the permission.
	const browser = await launchWithCamera(video, []);
	try {
		const page = await openScanCheck(browser, baseURL, { width: 390, height: 844 });
		await expect(page.getByRole('alert')).toContainText('没有使用摄像头的权限');
		await expect(page.getByRole('alert')).toContainText('允许');
	} finally {
		await browser.close();
	}
});
