import { expect, test } from '@playwright/test';
import { buildDemoData } from '../../src/lib/server/demo/demo-data';
import { publishBranchActivity, signIn, waitForSync } from './support/app';

/** The demo's people, drawn from a fixed seed: the same numbers the app's store holds. */
const demo = buildDemoData(new Date());

const VIEWPORTS = [
	{ name: 'phone', width: 390, height: 844 },
	{ name: 'tablet', width: 1024, height: 768 }
];

/**
 * The organiser's attendance list while an activity runs (issue 13, item 4): a walk-in recorded
 * by name offline, one status per row, figures that filter the list.
 */
for (const viewport of VIEWPORTS) {
	test(`an organiser checks a walk-in in by name and filters the list, on a ${viewport.name}`, async ({
		page
	}, testInfo) => {
		test.setTimeout(90_000);
		await page.setViewportSize({ width: viewport.width, height: viewport.height });
		await signIn(page, 'secretary1');
		const title = `主题党日 ${viewport.name} ${Date.now().toString(36)}`;
		await publishBranchActivity(page, {
			type: '“党旗映天山”主题党日',
			title,
			place: '社区党群服务中心',
			startsIn: -30,
			endsIn: 90
		});

		// Online, a member of another branch on no list here is found by their full mobile number.
		const visitor = demo.docs.members.find((m) => m.id === 'm041');
		const visitorPhone = demo.docs.contacts.find((c) => c.id === 'm041')?.['phone'];
		await page.getByRole('button', { name: '手工签到' }).click();
		await page.getByLabel('成员').selectOption({ label: '名单外人员（按姓名登记）' });
		await page.getByLabel('手机号（联网时可查找本人）').fill(String(visitorPhone));
		await page.getByRole('button', { name: '查找', exact: true }).click();
		await expect(page.getByText(`找到：${String(visitor?.['name'])}`)).toBeVisible();
		await page.getByLabel('原因（必填）').fill('其他支部党员，没带手机');
		await page.getByRole('button', { name: '确认签到' }).click();
		await expect(page.getByText(`${String(visitor?.['name'])} 签到成功`)).toBeVisible();
		const list = page.getByTestId('attendance-list');
		await expect(list.locator('li[data-member-id="m041"]')).toBeVisible();
		await waitForSync(page);

		// The courtyard has no signal: a visitor from another unit, on no list, checked in by name.
		await page.context().setOffline(true);
		await page.getByLabel('成员').selectOption({ label: '名单外人员（按姓名登记）' });
		await page.getByLabel('姓名').fill('王小明');
		await page.getByLabel('原因（必填）').fill('其他单位党员，手机没电');
		await page.getByRole('button', { name: '确认签到' }).click();
		await expect(page.getByText('王小明 签到成功')).toBeVisible();
		await expect(list.getByTestId('walk-ins')).toContainText('王小明');

		// A member of the branch checked in by hand: one row, under 需核实 only.
		const member = page.getByLabel('成员');
		const firstMember = (await member.locator('option').nth(1).textContent()) ?? '';
		await member.selectOption({ index: 1 });
		await page.getByLabel('原因（必填）').fill('手机没电');
		await page.getByRole('button', { name: '确认签到' }).click();
		await expect(page.getByText(`${firstMember} 签到成功`)).toBeVisible();
		await expect(list).toContainText('已签到 2 人');
		await list.getByRole('button', { name: /^需核实/ }).click();
		await expect(list.getByRole('button', { name: /^需核实/ })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await expect(list.locator('li[data-member-id]')).toHaveCount(2);
		await expect(list.locator('li[data-member-id]').filter({ hasText: firstMember })).toHaveCount(
			1
		);
		// While the activity runs, nobody is missing a check-out yet.
		await expect(list).not.toContainText('未签退');
		// Those not yet here are not absent while it runs; the walk-in is listed apart.
		await list.getByRole('button', { name: /^未签到/ }).click();
		await expect(list.locator('li[data-member-id]').first()).toContainText('未签到');
		await expect(list).not.toContainText('缺席');
		await expect(list.getByTestId('walk-ins')).toHaveCount(0);
		await list.getByRole('button', { name: /^全部/ }).click();
		await page.screenshot({
			path: testInfo.outputPath(`${viewport.name}-attendance-list.png`),
			fullPage: true
		});

		await page.context().setOffline(false);
		await waitForSync(page);
	});
}
