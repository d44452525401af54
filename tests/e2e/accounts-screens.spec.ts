import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, signIn } from './support/app';
import { look, UPRIGHT_TABLET } from './support/look';

/*
 * The accounts screens (issue 19): the admin's home, the accounts list and an account, a reset
 * whose code a member then activates with, a locked account unlocked, a staff account created,
 * the audit log; the office's list of its own bureau; the password form of the profile.
 */

// Long journeys, each through several screens looked at on two sizes.
test.describe.configure({ timeout: 180_000 });

const STRONG = 'Lantern-river-42';

/** The code a reset or a new account shows once, as typed on a slip. */
async function shownCode(page: Page): Promise<string> {
	const code = page.getByTestId('activation-code');
	await expect(code).toBeVisible();
	return (await code.textContent())?.trim() ?? '';
}

test('the admin manages accounts and a member activates with the new code', async ({
	browser,
	baseURL
}, testInfo) => {
	const admin = await (await browser.newContext({ baseURL })).newPage();
	await signIn(admin, 'admin');
	await expect(admin.getByRole('link', { name: /已锁定的账户/ })).toBeVisible();
	await look(admin, testInfo, 'admin-home', UPRIGHT_TABLET);

	// Five wrong passwords lock member60.
	for (let attempt = 0; attempt < 5; attempt++) {
		await admin.request.post('/api/session', {
			data: { username: 'member60', password: 'wrong-password' },
			headers: { origin: baseURL ?? '' }
		});
	}

	await admin.getByRole('link', { name: /已锁定的账户/ }).click();
	await expect(admin).toHaveURL(/\/accounts\?state=locked$/);
	await expect(admin.getByLabel('状态')).toHaveValue('locked');
	const locked = admin.locator('li', { hasText: 'member60' });
	await expect(locked).toBeVisible();
	await look(admin, testInfo, 'accounts-locked', UPRIGHT_TABLET);
	await locked.getByRole('link').click();
	await expect(admin.getByText(/已锁定，至/)).toBeVisible();
	await look(admin, testInfo, 'account-locked', UPRIGHT_TABLET);
	await admin.getByRole('button', { name: '解锁' }).click();
	await expect(admin.getByRole('status').filter({ hasText: '已解锁' })).toBeVisible();

	// A reset: explained first, then the code shown once.
	await admin.goto('/accounts/member50');
	await admin.getByRole('button', { name: '重置密码' }).click();
	await expect(admin.getByText(/旧密码立即失效/)).toBeVisible();
	await admin.getByRole('button', { name: '确认重置' }).click();
	const code = await shownCode(admin);
	await expect(admin.getByText('仅显示一次', { exact: false })).toBeVisible();
	await look(admin, testInfo, 'account-reset', UPRIGHT_TABLET);

	// The member opens the link on the slip: the code fills in and leaves the address bar.
	const member = await (await browser.newContext({ baseURL })).newPage();
	await member.goto(`/activate#code=${code.replace('-', '')}`);
	await expect(member.getByLabel('激活码')).toHaveValue(code);
	await expect.poll(() => new URL(member.url()).hash).toBe('');
	await member.getByLabel('设置密码').fill('short');
	await look(member, testInfo, 'activate-weak', UPRIGHT_TABLET);
	await member.getByLabel('设置密码').fill(STRONG);
	await member.getByLabel('再次输入密码').fill(STRONG);
	await member.getByRole('button', { name: '激活并登录' }).click();
	await expect(member.getByText('您的用户名是 member50，以后用它登录。')).toBeVisible();
	await look(member, testInfo, 'activate-done', UPRIGHT_TABLET);
	await member.getByRole('link', { name: '进入首页' }).click();
	await expect(member.getByRole('heading', { name: /，您好/ })).toBeVisible();

	// The same code again: one answer for used and expired.
	const again = await (await browser.newContext({ baseURL })).newPage();
	await again.goto('/activate');
	await again.getByLabel('激活码').fill(code);
	await again.getByLabel('设置密码').fill(STRONG);
	await again.getByLabel('再次输入密码').fill(STRONG);
	await again.getByRole('button', { name: '激活并登录' }).click();
	await expect(again.getByRole('alert')).toHaveText(
		'激活码无效或已过期，请联系组织人事科重新获取。'
	);

	// A staff account without a member.
	await admin.goto('/accounts/new');
	await admin.getByLabel('用户名').fill('street-e2e');
	await admin.getByLabel('姓名').fill('街道测试人员');
	await admin.getByLabel('角色类型').selectOption({ label: '街道工作人员' });
	await admin.getByRole('combobox', { name: /^街道/ }).selectOption({ index: 1 });
	await admin.getByRole('button', { name: '添加', exact: true }).click();
	await look(admin, testInfo, 'account-new', UPRIGHT_TABLET);
	await admin.getByRole('button', { name: '创建账户' }).click();
	await shownCode(admin);

	await admin.goto('/accounts/audit');
	await expect(admin.getByRole('cell', { name: '重置密码' }).first()).toBeVisible();
	await look(admin, testInfo, 'audit-log', UPRIGHT_TABLET);

	await admin.goto('/accounts/member50');
	await expect(admin.getByText('正常', { exact: true })).toBeVisible();
	await look(admin, testInfo, 'account-detail', UPRIGHT_TABLET);

	// Deactivated: the consequences first; the member's device learns it at its next sync.
	await admin.getByRole('button', { name: '停用账户' }).click();
	await expect(admin.getByText(/记录全部保留/)).toBeVisible();
	await admin.getByRole('button', { name: '确认停用' }).click();
	await expect(admin.getByText('已停用', { exact: true })).toBeVisible();
	await member.reload();
	await expect(member).toHaveURL(/\/login$/);
	await expect(member.getByRole('alert')).toHaveText(/您的账户已停用/);
	await look(member, testInfo, 'login-deactivated', UPRIGHT_TABLET);
	await admin.getByRole('button', { name: '恢复账户' }).click();
	await admin.getByRole('button', { name: '确认恢复' }).click();
	await expect(admin.getByText('正常', { exact: true })).toBeVisible();
});

test('the office lists its own bureau, offline says why not, and the profile changes a password', async ({
	browser,
	baseURL
}, testInfo) => {
	const context = await browser.newContext({ baseURL });
	const page = await context.newPage();
	await signIn(page, 'office1');
	await page.goto('/accounts');
	// By name: an import running meanwhile may push member1 off the first page.
	await page.getByLabel('搜索姓名或用户名').fill('member1');
	await page.getByLabel('搜索姓名或用户名').press('Enter');
	await expect(page.locator('li', { hasText: 'member1' }).first()).toBeVisible();
	await expect(page.getByRole('link', { name: '新建账户' })).toHaveCount(0);
	await look(page, testInfo, 'office-accounts', UPRIGHT_TABLET);

	await context.setOffline(true);
	await page.getByLabel('状态').selectOption({ label: '待激活' });
	await expect(page.getByRole('alert')).toHaveText(/账户管理需要联网/);
	await look(page, testInfo, 'accounts-offline', UPRIGHT_TABLET);
	await context.setOffline(false);

	const member = await (await browser.newContext({ baseURL })).newPage();
	await signIn(member, 'member70');
	await member.goto('/profile');
	await member.getByLabel('当前密码').fill(PASSWORD);
	await member.getByLabel('新密码', { exact: true }).fill(STRONG);
	await member.getByLabel('再次输入新密码').fill(STRONG);
	await look(member, testInfo, 'profile-password', UPRIGHT_TABLET);
	await member.getByRole('button', { name: '修改密码' }).click();
	await expect(member.getByRole('status').filter({ hasText: '密码已修改' })).toBeVisible();
});
