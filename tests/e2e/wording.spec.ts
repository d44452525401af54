import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { openTab, signIn, waitForServiceWorkerControl, waitForSync } from './support/app';

/**
 * What people read on the screens (issue 13, item 5): counts that mean something, names rather
 * than usernames, sync state that is true, dates in the chosen language, and layouts that fit a
 * tablet. Each screen changed is kept as a screenshot at both sizes.
 */

const VIEWPORTS = [
	{ name: 'phone', width: 390, height: 844 },
	{ name: 'tablet', width: 1024, height: 768 }
];

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

for (const viewport of VIEWPORTS) {
	test.describe(`on a ${viewport.name}`, () => {
		test.beforeEach(async ({ page }) => {
			await page.setViewportSize({ width: viewport.width, height: viewport.height });
		});

		test('the sign-in page shows no "works offline" notice', async ({ page }, testInfo) => {
			await page.goto('/login');
			await waitForServiceWorkerControl(page);
			await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible();
			await shoot(page, testInfo, `${viewport.name}-login`);
			await expect(page.getByText('已可离线使用')).toHaveCount(0);
		});

		test("a member's activities say nothing about counts they cannot know", async ({
			page
		}, testInfo) => {
			await signIn(page, 'member3');
			await page.goto('/activities');
			await waitForSync(page);
			await expect(page.locator('article[data-activity]').first()).toBeVisible();
			await shoot(page, testInfo, `${viewport.name}-member3-activities`);
			await expect(page.locator('main')).not.toContainText('本设备已知');
			await expect(page.locator('main')).not.toContainText('已报名 0 人');
		});

		test("a member's data on the device lists only what it holds", async ({ page }, testInfo) => {
			await signIn(page, 'member3');
			await page.goto('/profile');
			await expect(page.locator('details[data-collection="directory"]')).toBeVisible();
			await shoot(page, testInfo, `${viewport.name}-member3-profile`);
			const counts = await page.locator('details[data-collection] .count').allTextContents();
			expect(counts).not.toContain('0 条');
		});

		test('staff see how many signed up for their community activity', async ({
			page
		}, testInfo) => {
			await signIn(page, 'community1');
			await page.goto('/activities');
			await waitForSync(page);
			const cleanUp = page.locator('article[data-activity="act-demo-cm1-cleanup"]');
			await expect(cleanUp).toContainText(/已报名 \d+ 人/);
			await shoot(page, testInfo, `${viewport.name}-community1-activities`);
		});

		test('the English locale writes dates in English', async ({ page }, testInfo) => {
			await signIn(page, 'member3');
			await page.getByRole('button', { name: 'English', exact: true }).first().click();
			await page.goto('/activities');
			await expect(page.getByTestId('sync-pending')).toHaveText('All synced');
			const when = page.locator('article[data-activity] .when').first();
			await expect(when).toBeVisible();
			await shoot(page, testInfo, `${viewport.name}-member3-activities-en`);
			await expect(when).not.toContainText('月');
			await expect(when).toContainText(
				/\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/
			);
		});

		test('a review of a unit report says the phone is hidden, not missing', async ({
			page
		}, testInfo) => {
			await signIn(page, 'community2');
			await openTab(page, '审核');
			await page.getByRole('button').filter({ hasText: '单位联系社区' }).first().click();
			await expect(page.getByText('联系电话')).toBeVisible();
			await shoot(page, testInfo, `${viewport.name}-community2-review-unit`);
			await expect(page.locator('main')).toContainText('电话不向本社区显示');
			await expect(page.locator('main')).not.toContainText('未登记电话');
		});

		test('a narrow attendance panel leaves room for the titles', async ({ page }, testInfo) => {
			// member211 checked in at br8's party day without checking out: the longest note.
			await signIn(page, 'member211');
			await page.goto('/activities');
			await waitForSync(page);
			const history = page.locator('section').filter({ hasText: '我的参加记录' });
			await expect(history).toContainText('未签退');
			await shoot(page, testInfo, `${viewport.name}-member211-activities`);
			const squeezed = await history
				.locator('li a')
				.evaluateAll(
					(links) =>
						links.filter(
							(a) => a.getBoundingClientRect().width < 6 * parseFloat(getComputedStyle(a).fontSize)
						).length
				);
			expect(squeezed).toBe(0);
		});
	});
}

test('organisers are shown and picked by name', async ({ page }, testInfo) => {
	await signIn(page, 'secretary1');
	for (const viewport of VIEWPORTS) {
		await page.setViewportSize({ width: viewport.width, height: viewport.height });
		await page.goto('/activities/act-demo-br1-partyday');
		await waitForSync(page);
		const organisers = page
			.locator('dt', { hasText: '组织者' })
			.locator('xpath=following-sibling::dd[1]');
		await expect(organisers).toContainText('丰收社区工作人员');
		await expect(organisers).toContainText('冯芳');
		await expect(organisers).not.toContainText('community1');
		await shoot(page, testInfo, `${viewport.name}-secretary1-partyday`);

		await page.goto('/activities/new');
		const pick = page.getByRole('group', { name: '其他组织者（可选）' });
		await expect(pick.getByRole('checkbox', { name: '丰收社区工作人员' })).toBeVisible();
		await expect(page.locator('main')).not.toContainText('用逗号分隔');
		await shoot(page, testInfo, `${viewport.name}-secretary1-new-activity`);
	}
});

test('a device reloaded offline still says when it last synced', async ({ page, context }) => {
	await signIn(page, 'member4');
	await waitForServiceWorkerControl(page);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByText('离线', { exact: true })).toBeVisible();
	await expect(page.locator('header')).toContainText('上次同步');
	await expect(page.getByTestId('sync-pending')).not.toHaveText('尚未同步');
});

test('a note under a saved change turns to synced once the server has it', async ({ page }) => {
	await signIn(page, 'member4');
	await page.goto('/activities');
	await waitForSync(page);
	const card = page.locator('article[data-activity="act-demo-cm1-cleanup"]');
	await card.getByRole('button', { name: /报名/ }).click();
	await expect(card.getByRole('status')).toBeVisible();
	await expect(card).not.toContainText('正在同步');
	await expect(card.getByRole('status')).toHaveText('已保存并同步到服务器。');
});
