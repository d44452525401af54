import { expect, test } from '@playwright/test';
import { signIn } from './support/app';
import { look, UPRIGHT_TABLET } from './support/look';

/*
 * A smoke of the roster screens (issue 19): the second bureau's office reads a members' CSV with
 * bad rows, sees them listed, previews the fixed file without importing it, exports the roster, and
 * checks a file offline. Importing, slips and activation are onboarding.spec.ts's (the first
 * bureau): this test writes nothing, so the two never race.
 */

const HEADER = '姓名,所在支部,手机号,身份证号,居住社区,角色';
const BRANCH = '州财政局机关党支部';

/** Members nobody else has: the 197 prefix is not among the demo's. */
function member(index: number): string {
	return `测试党员${index},${BRANCH},1970000${String(1000 + index)},,宁边路街道/丰收社区,党员`;
}

function csv(lines: string[]): { name: string; mimeType: string; buffer: Buffer } {
	return {
		name: 'members.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8')
	};
}

test('the office checks a roster file, previews it and exports the roster', async ({
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(180_000);
	const context = await browser.newContext({ baseURL, viewport: UPRIGHT_TABLET });
	const page = await context.newPage();
	await signIn(page, 'office2');
	const offlineReady = page.getByRole('button', { name: '知道了' });
	if (await offlineReady.isVisible()) await offlineReady.click();

	await page.getByRole('link', { name: '名册导入' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '名册导入' })).toBeVisible();
	await look(page, testInfo, 'roster', UPRIGHT_TABLET);

	const good = [1, 2, 3, 4, 5].map(member);
	const bad = [
		...good.slice(0, 3),
		`测试党员9,${BRANCH},1380013,,宁边路街道/丰收社区,党员`,
		`,${BRANCH},19700009999,,宁边路街道/丰收社区,党员`
	];
	await page.getByTestId('roster-file').setInputFiles(csv(bad));
	await expect(page.getByTestId('roster-fix-first')).toBeVisible();
	await expect(page.getByTestId('roster-problems').locator('tbody tr')).toHaveCount(2);
	await expect(page.getByTestId('roster-confirm')).toHaveCount(0);
	await look(page, testInfo, 'roster-problems', UPRIGHT_TABLET);

	await page.getByTestId('roster-file').setInputFiles(csv(good));
	await expect(page.getByTestId('roster-confirm')).toBeVisible();
	await expect(page.getByTestId('roster-preview')).toContainText('名册尚未改动');
	await look(page, testInfo, 'roster-preview', UPRIGHT_TABLET);

	const exported = page.waitForEvent('download');
	await page.getByTestId('roster-export').click();
	expect((await exported).suggestedFilename()).toMatch(/党员名册\.xlsx$/);
	await expect(page.getByText(/已导出 \d+ 名党员/)).toBeVisible();

	// Offline the file is still read and checked on the device; importing waits for a connection.
	await context.setOffline(true);
	await expect(page.getByText('现在离线：导入需要联网')).toBeVisible();
	await page.getByTestId('roster-file').setInputFiles(csv(bad));
	await expect(page.getByTestId('roster-problems').locator('tbody tr')).toHaveCount(2);
	await expect(page.getByTestId('roster-preview')).toContainText('联网后才能与现有名册比对并导入');
	await look(page, testInfo, 'roster-offline', UPRIGHT_TABLET);

	await context.close();
});

test('the admin chooses the bureau whose roster to work on', async ({
	browser,
	baseURL
}, testInfo) => {
	const context = await browser.newContext({ baseURL, viewport: UPRIGHT_TABLET });
	const page = await context.newPage();
	await signIn(page, 'admin');
	await page.goto('/roster');
	const bureau = page.getByLabel('单位');
	await expect(bureau.locator('option')).toHaveCount(2);
	await bureau.selectOption({ label: '州财政局' });
	await expect(page).toHaveURL(/\/roster\?org=org-zcz$/);
	await expect(page.getByRole('link', { name: '打印激活码' })).toHaveAttribute(
		'href',
		'/roster/codes?org=org-zcz'
	);
	await look(page, testInfo, 'roster-admin', UPRIGHT_TABLET);
	await context.close();
});
