import { expect, test, type Page } from '@playwright/test';
import { signIn, waitForSync } from './support/app';
import { look, PHONE } from './support/look';

/**
 * 述职评议 (R9) end to end: secretary1 edits the 述职 drafted from br1's data and submits it;
 * community1 rates it and prints rating slips; residents rate on a phone without an account, a
 * used slip is refused; street1 rates; office1 sees the summary across its branches.
 */
test('a secretary’s annual report is drafted, submitted, rated by the street, the community and residents', async ({
	browser
}, testInfo) => {
	test.setTimeout(240_000);
	const [secretaryContext, staffContext, streetContext, officeContext, residentContext] =
		await Promise.all([
			browser.newContext(),
			browser.newContext(),
			browser.newContext({ viewport: PHONE }),
			browser.newContext(),
			browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true })
		]);
	const secretary = await secretaryContext.newPage();
	const staff = await staffContext.newPage();
	const street = await streetContext.newPage();
	const office = await officeContext.newPage();
	// One at a time: four sign-ins at once keep a busy machine's hashing gate waiting.
	await signIn(secretary, 'secretary1');

	// The secretary: the draft comes from the branch's data on the device.
	await secretary.goto('/year-end/work-reports');
	const pairing = secretary.getByTestId('section-pairing');
	await expect(pairing).toHaveValue(/本支部与.+社区结对共建/);
	await expect(secretary.getByTestId('section-members')).toHaveValue(/支部党员\d+人/);
	await expect(secretary.getByText('这是根据数据起草的稿子，尚未保存。')).toBeVisible();
	await look(secretary, testInfo, 'work-report-draft');
	await secretary
		.getByLabel('下一年度工作打算')
		.fill('明年继续开展楼道照明排查，每季度召开一次联席会议。');
	await secretary.getByLabel('共建协议').fill('');
	await secretary.getByTestId('work-report-submit').click();
	await expect(secretary.getByText('除“下一年度工作打算”外，每一部分都要填写。')).toBeVisible();
	await secretary.getByLabel('共建协议').fill('与社区签订共建协议，按协议开展共建。');
	await secretary.getByTestId('work-report-submit').click();
	await expect(secretary.getByTestId('work-report-submitted')).toBeVisible();
	await expect(secretary.getByText('明年继续开展楼道照明排查')).toBeVisible();
	await waitForSync(secretary);
	await look(secretary, testInfo, 'work-report-submitted');

	// The community's staff: rate, then print slips for residents.
	await signIn(staff, 'community1');
	await staff.goto('/year-end/work-reports');
	const card = staff.getByTestId('ratable-report').filter({ hasText: '局机关第一党支部' });
	await expect(card).toBeVisible({ timeout: 30_000 });
	await card.getByText('查看述职全文').click();
	await expect(card.getByText('明年继续开展楼道照明排查')).toBeVisible();
	await card.getByRole('radio', { name: '满意', exact: true }).check();
	await card.getByRole('button', { name: '提交评议' }).click();
	await expect(card.getByText(/已保存/)).toBeVisible();
	await card.getByLabel('份数（1–200）').fill('2');
	await card.getByTestId('tokens-issue').click();
	await expect(card.getByTestId('tokens-issued')).toContainText('已生成2个评议码');
	const slips = staff.getByTestId('rating-slip');
	await expect(slips).toHaveCount(2);
	const link = await slips.first().locator('svg[data-code]').getAttribute('data-code');
	const typed = await slips.nth(1).getByTestId('rating-token').textContent();
	expect(link).toMatch(/\/public\/rate#t=[0-9A-Z]{16}$/);
	expect(typed).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
	await look(staff, testInfo, 'work-report-rate-and-slips');
	const pdf = await staff.pdf({ format: 'A4' });
	expect(pdf.byteLength).toBeGreaterThan(1000);

	// A resident on a phone, without an account: from the QR's link.
	const resident = await residentContext.newPage();
	await resident.goto(link ?? '');
	await expect(resident.getByRole('heading', { name: /局机关第一党支部/ })).toBeVisible();
	await expect(resident.getByText('明年继续开展楼道照明排查')).toBeVisible();
	await look(resident, testInfo, 'public-rate-report');
	await resident.getByRole('radio', { name: '基本满意' }).check();
	await resident.getByLabel(/意见建议/).fill('希望多来小区走走。');
	await resident.getByTestId('rating-submit').click();
	await expect(resident.getByTestId('rating-thanks')).toBeVisible();
	await look(resident, testInfo, 'public-rate-thanks');

	// The same slip again: refused.
	const again = await residentContext.newPage();
	await again.goto(link ?? '');
	await expect(again.getByRole('alert')).toHaveText('此评议码已使用，每个评议码只能评议一次。');

	// Another resident types the code from the slip.
	const typing = await residentContext.newPage();
	await typing.goto('/public/rate');
	await typing.getByTestId('rating-token-input').fill((typed ?? '').toLowerCase());
	await typing.getByRole('button', { name: '查看述职' }).click();
	await typing.getByRole('radio', { name: '不满意' }).check();
	await typing.getByTestId('rating-submit').click();
	await expect(typing.getByTestId('rating-thanks')).toBeVisible();
	await typing.goto('/public/rate');
	await typing.getByTestId('rating-token-input').fill(typed ?? '');
	await typing.getByRole('button', { name: '查看述职' }).click();
	await expect(typing.getByRole('alert')).toHaveText('此评议码已使用，每个评议码只能评议一次。');

	// The street's staff rate it too.
	await signIn(street, 'street1');
	await rateAsStreet(street);
	await look(street, testInfo, 'work-report-street');

	// The office: the summary across its branches.
	await signIn(office, 'office1');
	await office.goto('/year-end/work-reports');
	const row = office.getByTestId('bureau-row-br1');
	await expect(row).toContainText('已提交', { timeout: 30_000 });
	await expect(row.locator('td').last()).toHaveText('75%', { timeout: 30_000 });
	await expect(office.getByTestId('bureau-row-br2')).toContainText('未起草');
	await look(office, testInfo, 'work-report-office');

	await Promise.all(
		[secretaryContext, staffContext, streetContext, officeContext, residentContext].map((c) =>
			c.close()
		)
	);
});

async function rateAsStreet(street: Page): Promise<void> {
	await street.goto('/year-end/work-reports');
	const card = street.getByTestId('ratable-report').filter({ hasText: '局机关第一党支部' });
	await expect(card).toBeVisible({ timeout: 30_000 });
	await expect(card.getByText('以街道名义评议')).toBeVisible();
	await card.getByRole('radio', { name: '满意', exact: true }).check();
	await card.getByLabel(/意见/).fill('结对共建扎实。');
	await card.getByRole('button', { name: '提交评议' }).click();
	await expect(card.getByText(/已保存/)).toBeVisible();
	await waitForSync(street);
}
