import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { openTab, PASSWORD, signIn, waitForServiceWorkerControl } from './support/app';

/**
 * What waits on a device goes to the server the moment the network comes back or the page is
 * being left — not at the next round of reference data (every 2 minutes) or a back-off timer.
 * Each test writes the profile, which syncs in rounds, so only the event under test can push it.
 */
test.describe.configure({ mode: 'parallel' });

/** The profile's background as the server holds it, read as the members' branch secretary. */
async function backgroundOnServer(request: APIRequestContext, memberId: string) {
	const stored = await request.get(
		`/sync/members/_all_docs?keys=["${memberId}"]&include_docs=true`
	);
	const body = (await stored.json()) as { rows: { doc?: { background?: string } }[] };
	return body.rows[0]?.doc?.background;
}

async function signInAsSecretary(request: APIRequestContext) {
	const signedIn = await request.post('/api/session', {
		data: { username: 'secretary1', password: PASSWORD }
	});
	expect(signedIn.ok()).toBe(true);
}

async function saveBackground(page: Page, text: string) {
	await page.getByLabel('个人简介').fill(text);
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('sync-pending')).toHaveText('1 条更改待同步');
}

test('the online event pushes what waits, even before the session check gets through', async ({
	page,
	context,
	request
}) => {
	await signIn(page, 'member13');
	await waitForServiceWorkerControl(page);
	await signInAsSecretary(request);

	// The phone opens the app offline: sync has not started, since nobody could say who is signed in.
	await context.setOffline(true);
	await page.reload();
	await openTab(page, '我的');
	await expect(page.getByText('离线', { exact: true })).toBeVisible();
	const background = `断网后填写 ${Date.now()}`;
	await saveBackground(page, background);

	// The network is back, but the question "who is signed in" gets no answer (as when the
	// interface is up before the route is): only the online event itself can start the push.
	await page.route('**/api/session', (route) => route.abort('internetdisconnected'));
	await context.setOffline(false);

	await expect.poll(() => backgroundOnServer(request, 'm013')).toBe(background);
	await expect(page.getByTestId('sync-pending')).toHaveText('已全部同步');
});

test('while the server cannot be reached after the online event, the device asks again', async ({
	page,
	context
}) => {
	await signIn(page, 'member18');
	await context.setOffline(true);
	await expect(page.getByText('离线', { exact: true })).toBeVisible();

	// The first question after the network returns gets no answer, as when the interface is up
	// before the route is; the next one gets through.
	let asked = 0;
	await page.route('**/api/session', (route) => {
		asked += 1;
		return asked === 1 ? route.abort('internetdisconnected') : route.continue();
	});
	await context.setOffline(false);

	await expect.poll(() => asked).toBeGreaterThanOrEqual(2);
	await expect(page.getByTestId('sync-pending')).toHaveText('已全部同步');
});

for (const leaving of ['visibilitychange', 'pagehide'] as const) {
	test(`a page being left (${leaving}) pushes what waits at once`, async ({ page, request }) => {
		const memberId = leaving === 'pagehide' ? 'm015' : 'm014';
		// The page's timers run on a clock the test holds: the round that follows a write waits
		// 300 ms, and a page being left may be frozen before that.
		await page.clock.install();
		await signIn(page, leaving === 'pagehide' ? 'member15' : 'member14');
		await openTab(page, '我的');
		await signInAsSecretary(request);

		await page.clock.pauseAt(await page.evaluate(() => Date.now() + 500));
		const background = `离开前保存 ${Date.now()}`;
		await saveBackground(page, background);
		expect(await backgroundOnServer(request, memberId)).not.toBe(background);

		await page.evaluate((event) => {
			if (event === 'pagehide') {
				window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
				return;
			}
			Object.defineProperty(document, 'visibilityState', {
				configurable: true,
				get: () => 'hidden'
			});
			document.dispatchEvent(new Event('visibilitychange'));
		}, leaving);

		// Ten milliseconds on the page's clock per look: the round after the write never comes.
		await expect
			.poll(async () => {
				await page.clock.runFor(10);
				return backgroundOnServer(request, memberId);
			})
			.toBe(background);
	});
}
