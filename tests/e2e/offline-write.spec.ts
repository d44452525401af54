import { expect, test } from '@playwright/test';
import { expectDirectoryHeld, openTab } from './support/app';

test('a member signs in, edits offline, and the edit reaches the server when back online', async ({
	page,
	context,
	request
}) => {
	await page.goto('/');
	await expect(page).toHaveURL(/\/login$/);
	await page.getByLabel('用户名').fill('member5');
	await page.getByLabel('密码').fill('baodao-demo');
	await page.getByRole('button', { name: '登录' }).click();

	await expect(page.getByText('已全部同步')).toBeVisible();
	await openTab(page, '我的');
	await expect(page.getByRole('heading', { name: '我的资料' })).toBeVisible();
	await expectDirectoryHeld(page);

	await context.setOffline(true);
	await expect(page.getByText('离线', { exact: true })).toBeVisible();
	const background = `给排水工程 ${Date.now()}`;
	await page.getByLabel('个人简介').fill(background);
	await page.getByRole('button', { name: '保存' }).click();
	await expect(page.getByText('已保存在本设备，联网后将自动同步。')).toBeVisible();
	await expect(page.getByTestId('sync-pending')).toHaveText('1 条更改待同步');

	await context.setOffline(false);
	await expect(page.getByTestId('sync-pending')).toHaveText('已全部同步');

	// What the server holds, seen through the gateway by the member's branch secretary.
	const signIn = await request.post('/api/session', {
		data: { username: 'secretary1', password: 'baodao-demo' }
	});
	expect(signIn.ok()).toBe(true);
	const stored = await request.get('/sync/members/_all_docs?keys=["m005"]&include_docs=true');
	const body = (await stored.json()) as { rows: { doc: { background?: string } }[] };
	expect(body.rows[0]?.doc.background).toBe(background);
});

test('a wrong password shows a clear message in Chinese', async ({ page }) => {
	await page.goto('/login');
	await page.getByLabel('用户名').fill('member6');
	await page.getByLabel('密码').fill('wrong-password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
});
