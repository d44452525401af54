import { expect, test, type Page } from '@playwright/test';
import { openTab, signIn } from './support/app';

/** Names of this origin's IndexedDB databases that belong to a user's replica. */
async function replicaDatabases(page: Page, username: string): Promise<string[]> {
	const hex = Buffer.from(username).toString('hex');
	const names = await page.evaluate(async () =>
		(await indexedDB.databases()).map((d) => d.name ?? '')
	);
	return names.filter((name) => name.includes(hex));
}

test('an ended session keeps unsent work, and signing in again pushes it', async ({
	page,
	context,
	request
}) => {
	await signIn(page, 'member7');
	await openTab(page, '我的');
	// The server no longer knows this device's session (as after expiry).
	await context.clearCookies();
	const background = `暖通空调 ${Date.now()}`;
	await page.getByLabel('个人简介').fill(background);
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('登录已过期，请重新登录后继续同步')).toBeVisible();
	await expect(page.getByTestId('sync-pending')).toHaveText('1 条更改待同步');

	await page.getByRole('link', { name: '重新登录' }).click();
	await page.getByLabel('用户名').fill('member7');
	await page.getByLabel('密码').fill('baodao-demo');
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page.getByTestId('sync-pending')).toHaveText('已全部同步', { timeout: 20_000 });

	await request.post('/api/session', { data: { username: 'secretary1', password: 'baodao-demo' } });
	const stored = await request.get('/sync/members/_all_docs?keys=["m007"]&include_docs=true');
	const body = (await stored.json()) as { rows: { doc: { background?: string } }[] };
	expect(body.rows[0]?.doc.background).toBe(background);
});

test('signing out deletes the replica from the device', async ({ page }) => {
	await signIn(page, 'member8');
	expect(await replicaDatabases(page, 'member8')).not.toEqual([]);
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await expect.poll(() => replicaDatabases(page, 'member8')).toEqual([]);
});

test("another person signing in on the device deletes the previous person's replica", async ({
	page,
	context
}) => {
	await signIn(page, 'member9');
	await context.clearCookies();
	await signIn(page, 'member10');
	await expect.poll(() => replicaDatabases(page, 'member9')).toEqual([]);
	expect(await replicaDatabases(page, 'member10')).not.toEqual([]);
});

test('signing out while the reopened app is still resuming its sync ends at once', async ({
	page
}) => {
	await signIn(page, 'office1');
	// A reload resumes the session: the sign-out below comes while that resume is under way.
	await page.reload();
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await expect.poll(() => replicaDatabases(page, 'office1')).toEqual([]);
});
