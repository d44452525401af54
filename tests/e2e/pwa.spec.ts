import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { MAIN_ROUTES } from './main-routes';
import { expectDirectoryHeld, waitForServiceWorkerControl } from './support/app';

// Offline emulation and the service worker. Playwright's `setOffline` long did not reach requests
// made by a service worker in Chromium (microsoft/playwright#2311), so a cached app could pass an
// "offline" test while its worker still fetched from the server. In Playwright 1.65 the worker's
// network is instrumented by default and `setOffline` is applied to it as well (checked: a fetch
// inside the worker fails). The tests do not take that on trust: `expectNetworkGone` makes the page
// and the worker each fetch, and every offline navigation must answer `fromServiceWorker()`.

interface ManifestIcon {
	src: string;
	sizes: string;
	type?: string;
	purpose?: string;
}

interface WebManifest {
	name: string;
	short_name: string;
	lang: string;
	display: string;
	theme_color: string;
	start_url: string;
	scope: string;
	icons: ManifestIcon[];
}

async function signIn(page: Page, username: string) {
	await page.goto('/login');
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill('baodao-demo');
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page.getByTestId('sync-pending')).toHaveText('已全部同步', { timeout: 20_000 });
}

/** Width and height from a PNG's IHDR chunk, which follows the 8-byte signature. */
function pngSize(bytes: Buffer): string {
	expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
	return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

async function expectNetworkGone(context: BrowserContext, page: Page) {
	const probe = `/favicon.svg?probe=${Date.now()}`;
	const fromPage = await page.evaluate(
		(url) =>
			fetch(url).then(
				() => 'reached',
				() => 'failed'
			),
		probe
	);
	expect(fromPage).toBe('failed');
	expect(context.serviceWorkers()).not.toEqual([]);
	for (const worker of context.serviceWorkers()) {
		const fromWorker = await worker.evaluate(
			(url) =>
				fetch(url).then(
					() => 'reached',
					() => 'failed'
				),
			probe
		);
		expect(fromWorker).toBe('failed');
	}
}

test('the web manifest and head links describe an installable app', async ({ page, request }) => {
	await page.goto('/login');
	const head = page.locator('head');
	await expect(head.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#c8102e');
	const manifestHref = await head.locator('link[rel="manifest"]').getAttribute('href');
	const manifestUrl = new URL(manifestHref ?? '', page.url());
	const response = await request.get(manifestUrl.href);
	expect(response.ok()).toBe(true);
	const manifest = (await response.json()) as WebManifest;
	expect(manifest).toMatchObject({
		name: '报到 · 在职党员双报到',
		short_name: '报到',
		lang: 'zh-CN',
		display: 'standalone',
		theme_color: '#c8102e',
		start_url: '/',
		scope: '/'
	});

	for (const icon of manifest.icons) {
		const answer = await request.get(new URL(icon.src, manifestUrl).href);
		expect(answer.status(), icon.src).toBe(200);
		expect(answer.headers()['content-type'], icon.src).toBe('image/png');
		expect(pngSize(await answer.body()), icon.src).toBe(icon.sizes);
	}
	const sizes = manifest.icons.map((icon) => icon.sizes);
	expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
	expect(manifest.icons.filter((icon) => icon.purpose === 'maskable')).not.toEqual([]);

	const appleTouch = await head.locator('link[rel="apple-touch-icon"]').getAttribute('href');
	const apple = await request.get(new URL(appleTouch ?? '', page.url()).href);
	expect(apple.headers()['content-type']).toBe('image/png');
	expect(pngSize(await apple.body())).toBe('180x180');
	for (const href of await head
		.locator('link[rel="icon"]')
		.evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href))) {
		const favicon = await request.get(href);
		expect(favicon.status(), href).toBe(200);
		// adapter-node's static files know no type for .ico; browsers recognise the icon's bytes.
		if (href.endsWith('.ico'))
			expect([...(await favicon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
		else expect(favicon.headers()['content-type'], href).toMatch(/^image\//);
	}
});

test('after one online visit, the app and every main route open offline', async ({
	page,
	context
}) => {
	// A full page load per main route, one after another: more than one test's usual time.
	test.slow();
	await signIn(page, 'member1');
	await waitForServiceWorkerControl(page);

	await context.setOffline(true);
	await expectNetworkGone(context, page);
	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expect(page.locator('header .brand')).toHaveText('报到');
	await expect(page.getByText('离线', { exact: true })).toBeVisible();
	// The home screen's content comes from the local replica.
	await expect(page.getByRole('heading', { name: '下一步' })).toBeVisible();

	for (const route of MAIN_ROUTES) {
		const response = await page.goto(route);
		expect(response?.fromServiceWorker(), route).toBe(true);
		await expect(page.locator('header .brand'), route).toHaveText('报到');
		await expect(page.locator('main'), route).not.toBeEmpty();
		await expect(page.locator('main'), route).not.toContainText('正在打开本地数据');
	}
	await page.goto('/profile');
	await expectDirectoryHeld(page);
});

test('a new tab opened while offline starts the app from the cache', async ({ page, context }) => {
	await signIn(page, 'member3');
	await waitForServiceWorkerControl(page);
	await page.close();

	await context.setOffline(true);
	const fresh = await context.newPage();
	const response = await fresh.goto('/');
	expect(response?.fromServiceWorker()).toBe(true);
	await expectNetworkGone(context, fresh);
	await expect(fresh.locator('header .brand')).toHaveText('报到');
	await expect(fresh.getByRole('heading', { name: '下一步' })).toBeVisible();
});
