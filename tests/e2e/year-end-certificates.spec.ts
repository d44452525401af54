import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { signIn } from './support/app';
import { look, PHONE, TABLET } from './support/look';

/**
 * `member1` (m001): the demo's member with approved service this year. The spec only issues
 * certificates for them (kind `certificate` of `evaluations`); it changes none of their records.
 */
const MEMBER = 'member1';

async function device(
	browser: Browser,
	baseURL: string | undefined,
	viewport: { width: number; height: number },
	username?: string
): Promise<Page> {
	const context = await browser.newContext({ baseURL, viewport });
	const page = await context.newPage();
	if (username) await signIn(page, username);
	return page;
}

/** The token with ten times its hours, in the same canonical spelling, under its own signature. */
function withMoreHours(token: string): string {
	const [prefix, keyId, payload, signature] = token.split('~');
	const fields = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as unknown[];
	fields[8] = Number(fields[8]) * 10;
	const edited = Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
	return [prefix, keyId, edited, signature].join('~');
}

/**
 * Issue 20, certificates end to end: member1 sees what a certificate for this year would say, is
 * told issuing needs a connection while offline, makes it online and prints it (A4 PDF); someone
 * without an account checks it by its QR link and by its typed number; a tampered token is
 * refused; office1 finds the member, revokes the certificate with a reason, and the public check
 * then says revoked.
 */
test('service certificates: preview, issue, print, public check, tampering, revocation', async ({
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(180_000);
	const member = await device(browser, baseURL, PHONE, MEMBER);
	let verifyUrl = '';
	let code = '';
	let name = '';
	let hours = '';

	await test.step('member1 sees what the certificate will say, offline too', async () => {
		await member.goto('/year-end/certificates');
		await expect(member.getByRole('heading', { name: '志愿服务证明', level: 1 })).toBeVisible();
		const preview = member.getByTestId('certificate-preview');
		await expect(preview.getByTestId('certificate-hours')).toContainText('小时');
		await expect(preview.getByText('不含往返路途时间')).toBeVisible();
		name = (await preview.locator('dd').first().innerText()).trim();
		hours =
			/([\d.]+) 小时/.exec(await preview.getByTestId('certificate-hours').innerText())?.[1] ?? '';
		expect(Number(hours)).toBeGreaterThan(0);
		await expect(member.getByText('还没有开具过证明。')).toBeVisible();
		await look(member, testInfo, 'member1-certificates');

		await member.context().setOffline(true);
		await member.getByTestId('certificate-make').click();
		await expect(member.getByRole('alert')).toHaveText('开具证明需要联网。请连接网络后再试。');
		await member.context().setOffline(false);
	});

	await test.step('online, member1 makes it and prints it on A4', async () => {
		await member.getByTestId('certificate-make').click();
		await expect(member).toHaveURL(/\/year-end\/certificates\/certificate\.[0-9A-Z]{12}$/);
		const sheet = member.locator('article.sheet');
		await expect(sheet.getByRole('heading', { name: '志愿服务记录证明' })).toBeVisible();
		await expect(sheet.getByText(`兹证明 ${name} 同志`)).toBeVisible();
		await expect(sheet.getByTestId('certificate-hours')).toContainText(`${hours} 小时`);
		code = (await sheet.getByTestId('certificate-code').innerText()).trim();
		expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		const qr = sheet.getByRole('img', { name: '查验本证明的二维码' });
		verifyUrl = (await qr.getAttribute('data-code')) ?? '';
		expect(verifyUrl).toMatch(/\/public\/verify#c=C1~/);
		await look(member, testInfo, 'member1-certificate-sheet');

		const pdf = testInfo.outputPath('certificate.pdf');
		await member.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
		await testInfo.attach('certificate.pdf', { path: pdf, contentType: 'application/pdf' });
		const bytes = await readFile(pdf);
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		// One A4 page: the app's chrome and toolbar are not printed.
		expect(bytes.toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(1);

		await member.goto('/year-end/certificates');
		await expect(member.getByTestId('certificate-item')).toHaveCount(1);
		await expect(member.getByTestId('certificate-item').getByText('有效')).toBeVisible();
	});

	const visitor = await device(browser, baseURL, PHONE);

	await test.step('without signing in, the QR link and the typed number say it is valid', async () => {
		await visitor.goto(new URL(verifyUrl).pathname + new URL(verifyUrl).hash);
		await expect(visitor.getByTestId('verify-verdict')).toHaveText('查验通过：证明真实有效。');
		await expect(visitor.getByText(name, { exact: true })).toBeVisible();
		await expect(visitor.getByTestId('certificate-code')).toHaveText(code);
		await look(visitor, testInfo, 'public-verify-valid');

		await visitor.goto('/public/verify');
		await visitor.getByLabel('证明编号').fill('1234');
		await visitor.getByRole('button', { name: '查验', exact: true }).click();
		await expect(visitor.getByRole('alert')).toHaveText(
			'编号应为 12 位字母或数字，请核对后重新输入。'
		);
		await visitor.getByLabel('证明编号').fill(code.toLowerCase());
		await visitor.getByRole('button', { name: '查验', exact: true }).click();
		await expect(visitor.getByTestId('verify-verdict')).toHaveText('查验通过：证明真实有效。');
	});

	await test.step('a tampered token is refused', async () => {
		const token = decodeURIComponent(new URL(verifyUrl).hash.slice('#c='.length));
		await visitor.goto(`/public/verify#c=${withMoreHours(token)}`);
		await visitor.reload();
		await expect(visitor.getByTestId('verify-verdict')).toHaveText(
			'查验未通过：这份证明的内容与签名不符，可能被篡改或伪造，请勿采信。'
		);
		await expect(visitor.getByText(name, { exact: true })).toHaveCount(0);
		await look(visitor, testInfo, 'public-verify-tampered');
	});

	await test.step('office1 finds the member and revokes the certificate with a reason', async () => {
		const office = await device(browser, baseURL, TABLET, 'office1');
		await office.goto('/year-end/certificates');
		await office.getByLabel('查找党员（姓名）').fill(name);
		await office.getByRole('button', { name, exact: true }).click();
		const item = office.getByTestId('certificate-item');
		await expect(item).toHaveCount(1);
		await item.getByRole('button', { name: '撤销' }).click();
		await item.getByRole('button', { name: '确认撤销' }).click();
		await expect(item.getByRole('alert')).toHaveText('请填写撤销原因。');
		await item.getByLabel('撤销原因').fill('服务时长登记有误，核实后重新开具');
		await item.getByRole('button', { name: '确认撤销' }).click();
		await expect(item.getByText('已撤销', { exact: true })).toBeVisible();
		await expect(item.getByText(/服务时长登记有误/)).toBeVisible();
		await look(office, testInfo, 'office1-certificates');
		await office.context().close();
	});

	await test.step('the public check now says revoked, without the reason', async () => {
		await visitor.goto(new URL(verifyUrl).pathname + new URL(verifyUrl).hash);
		await visitor.reload();
		await expect(visitor.getByTestId('verify-verdict')).toContainText('被出具单位撤销，不再有效');
		await expect(visitor.getByText(/服务时长登记有误/)).toHaveCount(0);
		await look(visitor, testInfo, 'public-verify-revoked');
	});

	for (const page of [member, visitor]) await page.context().close();
});
