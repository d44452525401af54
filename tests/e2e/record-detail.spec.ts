import { expect, test, type Page } from '@playwright/test';
import { signIn, waitForServiceWorkerControl, waitForSync } from './support/app';

/** Names of this origin's IndexedDB databases holding a user's kept detail. */
async function keptDatabases(page: Page, username: string): Promise<string[]> {
	const hex = Buffer.from(username).toString('hex');
	const names = await page.evaluate(async () =>
		(await indexedDB.databases()).map((d) => d.name ?? '')
	);
	return names.filter((name) => name.includes(hex) && name.endsWith('-kept'));
}

test('the office drills into a member online and reads the kept copy offline', async ({
	page,
	context
}) => {
	await signIn(page, 'office1');
	await waitForServiceWorkerControl(page);

	await page.goto('/coverage');
	await page.getByRole('link', { name: '局机关第一党支部' }).click();
	await expect(page.getByRole('heading', { name: '局机关第一党支部' })).toBeVisible();
	const first = page.getByTestId('branch-members').getByRole('link').first();
	const name = (await first.textContent())?.trim() ?? '';
	expect(name).not.toBe('');
	await first.click();

	// Fetched online: the member's reports and the year's check-ins.
	await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
	await expect(page.getByText(/^已联网获取：\d+月\d+日 \d\d:\d\d$/)).toBeVisible();
	await expect(page.getByRole('heading', { name: '报到记录' })).toBeVisible();
	const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
		new Date()
	);
	await expect(page.getByRole('heading', { name: `${year} 年活动签到` })).toBeVisible();
	expect(await keptDatabases(page, 'office1')).not.toEqual([]);

	await context.setOffline(true);
	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expect(page.getByText(/^离线查看：\d+月\d+日 \d\d:\d\d 获取的记录$/)).toBeVisible();
	await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { name: '报到记录' })).toBeVisible();

	// A member never opened online: it must be fetched online once.
	await page.goto('/coverage/member/m120');
	await expect(
		page.getByText('离线：本设备还没有获取过这些记录。', { exact: false })
	).toBeVisible();

	// Signing out deletes the kept copies with the replica.
	await context.setOffline(false);
	await page.goto('/');
	await waitForSync(page);
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await expect.poll(() => keptDatabases(page, 'office1')).toEqual([]);
});
