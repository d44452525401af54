import { expect, test, type Page } from '@playwright/test';
import { openTab, signIn, waitForSync } from './support/app';

/**
 * The reporting slice end to end, in separate browser contexts: member1 is reminded by the
 * branch secretary, fills the profile and reports while offline, community1 confirms one report
 * and returns the other with a reason, and the secretary's coverage figure moves.
 */
test('a member reports offline, the community decides, the branch sees it', async ({ browser }) => {
	test.setTimeout(120_000);
	const [memberContext, staffContext, secretaryContext] = await Promise.all([
		browser.newContext(),
		browser.newContext(),
		browser.newContext()
	]);
	const member = await memberContext.newPage();
	const secretary = await secretaryContext.newPage();
	await Promise.all([signIn(member, 'member1'), signIn(secretary, 'secretary1')]);

	await openTab(member, '我的');
	const name = await member.getByLabel('姓名').inputValue();
	await openTab(member, '报到');
	await expect(residenceCard(member).getByText('未报到', { exact: true })).toBeVisible();

	await openTab(secretary, '支部');
	const coverage = secretary.getByTestId('branch-coverage');
	const before = await coverage.textContent();
	await secretary.getByRole('button', { name: `提醒 ${name}`, exact: true }).click();
	await expect(secretary.getByRole('button', { name: `今天已提醒 ${name}` })).toBeDisabled();
	await waitForSync(secretary);

	// A member's tab bar holds 服务 where 消息 was: messages open from the home screen.
	await openTab(member, '首页');
	await member.getByRole('link', { name: '查看消息' }).click();
	await expect(member.getByText('支部书记提醒您：请尽快向居住地社区报到。')).toBeVisible();

	await memberContext.setOffline(true);
	await openTab(member, '我的');
	await member.getByText('法律咨询', { exact: true }).click();
	await member.getByLabel('个人简介').fill('熟悉物业纠纷调解');
	await member.getByRole('button', { name: '保存' }).click();
	await expect(member.getByText('已保存在本设备，联网后将自动同步。')).toBeVisible();

	await openTab(member, '报到');
	const residence = residenceCard(member);
	await expect(residence.getByRole('radio', { name: '丰收社区' })).toBeChecked();
	await residence.getByLabel('报到说明（可选）').fill('周末可参加志愿服务');
	await residence.getByRole('button', { name: '提交报到' }).click();
	await expect(residence.getByText('已保存在本设备，联网后将自动同步。')).toBeVisible();
	await expect(residence.getByText('待确认', { exact: true })).toBeVisible();
	const unit = unitCard(member);
	await unit.getByRole('button', { name: '提交报到' }).click();
	await expect(unit.getByText('待确认', { exact: true })).toBeVisible();
	await expect(member.getByTestId('sync-pending')).toContainText('条更改待同步');

	await memberContext.setOffline(false);
	await waitForSync(member);

	const staff = await staffContext.newPage();
	await signIn(staff, 'community1');
	await openTab(staff, '审核');
	const rows = staff.getByRole('button').filter({ hasText: name });
	await rows.filter({ hasText: '居住地社区' }).click();
	await expect(staff.getByText('周末可参加志愿服务')).toBeVisible();
	await staff.getByRole('button', { name: '确认报到' }).click();
	await expect(staff.getByText('已保存并同步到服务器。')).toBeVisible();

	await staff.getByRole('button', { name: '待审核' }).click();
	await rows.filter({ hasText: '单位联系社区' }).click();
	await staff.getByRole('button', { name: '退回', exact: true }).click();
	await staff.getByRole('button', { name: '确认退回' }).click();
	await expect(staff.getByText('退回时请填写原因，党员需要知道如何修改。')).toBeVisible();
	await staff.getByLabel('退回原因（党员会看到）').fill('请注明可参加服务的时间');
	await staff.getByRole('button', { name: '确认退回' }).click();
	await waitForSync(staff);

	// The member's replica follows the reviews live: no reload.
	await expect(residence.getByText('已确认', { exact: true })).toBeVisible({ timeout: 30_000 });
	await expect(unit.getByText('退回原因：请注明可参加服务的时间')).toBeVisible({ timeout: 30_000 });
	await expect(unit.getByRole('button', { name: '修改后重新提交' })).toBeVisible();

	await expect(coverage).not.toHaveText(before ?? '', { timeout: 30_000 });
	await openTab(member, '首页');
	await expect(member.getByText('您已完成居住地社区报到，社区已确认。')).toBeVisible();

	await Promise.all([memberContext.close(), staffContext.close(), secretaryContext.close()]);
});

function residenceCard(page: Page) {
	return page.getByRole('region', { name: '居住地社区报到' });
}

function unitCard(page: Page) {
	return page.getByRole('region', { name: '单位联系社区' });
}
