import { expect, test, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { checkNewPassword } from '../../src/lib/domain/accounts/password-policy';
import { PASSWORD, signIn, waitForSync } from './support/app';
import { look, PHONE, TABLET } from './support/look';
import {
	memberRow,
	rosterMembers,
	rosterWorkbook,
	sheetHeaders,
	type RosterMember
} from './support/roster-files';

/*
 * Onboarding a bureau (issue 19), end to end: office1 imports a roster of 300 members from Excel
 * and a new member activates with a printed code; the admin unlocks and resets accounts and reads
 * the audit log; each bureau's office sees its own members only while a community's staff see
 * both bureaus' reports; a deactivated member's device is signed out and wiped. The tests run in
 * parallel: state they change is theirs alone (the imported members, second-bureau members
 * nobody else signs in as).
 */

/** A password the policy takes: long, three kinds of characters, no name or mobile in it. */
const STRONG = 'Willow-harbour-73';

/** IndexedDB databases of this origin that hold a user's replica (see sessions.spec.ts). */
async function replicaDatabases(page: Page, username: string): Promise<string[]> {
	const hex = Buffer.from(username).toString('hex');
	const names = await page.evaluate(async () =>
		(await indexedDB.databases()).map((d) => d.name ?? '')
	);
	return names.filter((name) => name.includes(hex));
}

const offlineReady = (page: Page) => page.getByRole('button', { name: '知道了' });

/** Opens a page of its own (cookies, storage) at the given size. */
type FreshPage = (viewport?: { width: number; height: number }) => Promise<Page>;

/**
 * `fresh` pages are closed with their contexts when the test ends, so their devices stop syncing.
 * The "ready to work offline" note the service worker brings up once is put away whenever it
 * stands in the way.
 */
const it = test.extend<{ fresh: FreshPage }>({
	fresh: async ({ browser, baseURL }, use) => {
		const contexts: BrowserContext[] = [];
		await use(async (viewport = PHONE) => {
			const context = await browser.newContext({ baseURL, viewport, acceptDownloads: true });
			contexts.push(context);
			const page = await context.newPage();
			await page.addLocatorHandler(offlineReady(page), (button) => button.click());
			return page;
		});
		for (const context of contexts) await context.close();
	}
});

/**
 * `look`, without the offline note over the screen when it has come up meanwhile: any action
 * lets the handler put it away first, and hovering the app's header changes nothing else.
 */
async function lookAt(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	if (await offlineReady(page).isVisible()) await page.getByRole('banner').hover();
	await look(page, testInfo, name);
}

/** Fills in the activation form; the code as printed (XXXXX-XXXXX). */
async function activate(page: Page, code: string, password: string): Promise<void> {
	await page.getByLabel('激活码').fill(code);
	await page.getByLabel('设置密码').fill(password);
	await page.getByLabel('再次输入密码').fill(password);
	await page.getByRole('button', { name: '激活并登录' }).click();
}

/** The five bad rows the office's first file has, and what the preview says of each. */
function withBadRows(members: readonly RosterMember[]) {
	const bad = members.map((member) => ({ ...member }));
	const at = (index: number) => bad[index] as RosterMember;
	const lastDigit = at(10).idNumber.endsWith('1') ? '2' : '1';
	at(10).idNumber = at(10).idNumber.slice(0, 17) + lastDigit;
	at(60).mobile = '';
	at(120).mobile = at(119).mobile;
	at(200).residence = '延安北路街道/幸福社区';
	at(280).branch = '州规划设计院党支部';
	at(280).role = '支部书记';
	const expected = [
		{ row: memberRow(10), column: '身份证号', says: /身份证号不对/ },
		{ row: memberRow(60), column: '手机号', says: /“手机号”没有填写/ },
		{ row: memberRow(120), column: '手机号', says: /在文件中已经出现过/ },
		{ row: memberRow(200), column: '居住社区', says: /找不到社区“延安北路街道\/幸福社区”/ },
		{ row: memberRow(280), column: '所在支部', says: /支部书记所在的支部“州规划设计院党支部”/ }
	];
	return { bad, expected };
}

it('office1 imports a roster of 300 members and a new member activates with a printed code', async ({
	fresh
}, testInfo) => {
	test.setTimeout(240_000);
	const office = await fresh(TABLET);
	await signIn(office, 'office1');
	await office.getByRole('link', { name: '名册导入' }).first().click();
	await expect(office.getByRole('heading', { level: 1, name: '名册导入' })).toBeVisible();

	// The template: three sheets headed as the reader knows them.
	const [download] = await Promise.all([
		office.waitForEvent('download'),
		office.getByRole('button', { name: '下载模板' }).click()
	]);
	expect(download.suggestedFilename()).toBe('双报到名册模板.xlsx');
	const templatePath = testInfo.outputPath('template.xlsx');
	await download.saveAs(templatePath);
	expect(await sheetHeaders(templatePath)).toEqual([
		{ sheet: '社区', headers: ['市（州）', '区（县）', '街道（乡镇）', '社区'] },
		{ sheet: '支部', headers: ['支部名称', '联系社区'] },
		{ sheet: '党员', headers: ['姓名', '所在支部', '手机号', '身份证号', '居住社区', '角色'] }
	]);
	await lookAt(office, testInfo, 'roster');

	// 300 members, five of them wrong: exactly those five are listed, by row and column.
	const members = rosterMembers(300);
	const { bad, expected } = withBadRows(members);
	await office
		.getByTestId('roster-file')
		.setInputFiles(await rosterWorkbook(bad, '名册-初稿.xlsx'));
	await expect(office.getByTestId('roster-fix-first')).toHaveText(/文件中有 5 个问题/);
	const problems = office.getByTestId('roster-problems').locator('tbody tr');
	await expect(problems).toHaveCount(5);
	for (const [index, problem] of expected.entries()) {
		const cells = problems.nth(index).getByRole('cell');
		await expect(cells.nth(0)).toHaveText('党员');
		await expect(cells.nth(1)).toHaveText(String(problem.row));
		await expect(cells.nth(2)).toHaveText(problem.column);
		await expect(cells.nth(3)).toHaveText(problem.says);
	}
	// Another person's full mobile or ID number never shows, only masked.
	await expect(office.getByTestId('roster-problems')).not.toContainText(members[119]?.mobile ?? '');
	await expect(office.getByTestId('roster-confirm')).toHaveCount(0);
	await lookAt(office, testInfo, 'roster-problems');

	// The fixed file: a summary of what changes, then the import runs to the end.
	const fixed = await rosterWorkbook(members, '名册-定稿.xlsx');
	await office.getByTestId('roster-file').setInputFiles(fixed);
	await expect(office.getByTestId('roster-confirm')).toBeVisible();
	const summary = office.getByTestId('roster-summary');
	await expect(summary.getByRole('row', { name: /^党员/ }).getByRole('cell')).toHaveText([
		'300',
		'0',
		'0'
	]);
	await expect(summary.getByRole('row', { name: /^支部/ }).getByRole('cell')).toHaveText([
		'0',
		'0',
		'5'
	]);
	await expect(office.getByTestId('roster-changes').getByRole('listitem')).toHaveCount(50);
	await lookAt(office, testInfo, 'roster-preview');
	await office.getByTestId('roster-confirm').click();
	await expect(office.getByTestId('roster-done')).toBeVisible({ timeout: 60_000 });
	const progress = office.getByRole('progressbar');
	await expect(progress).toHaveAttribute(
		'aria-valuenow',
		(await progress.getAttribute('aria-valuemax')) ?? 'none'
	);
	await expect(office.getByTestId('roster-done')).toContainText('新建');
	await lookAt(office, testInfo, 'roster-done');

	// The same file again: nothing to change.
	await office.getByTestId('roster-file').setInputFiles(fixed);
	await expect(office.getByTestId('roster-unchanged')).toHaveText('与现有名册一致，无需导入。');
	await expect(office.getByTestId('roster-confirm')).toHaveCount(0);

	// The imported members wait for activation.
	const second = members[1] as RosterMember;
	await office.goto('/accounts');
	await office.getByLabel('状态').selectOption({ label: '待激活' });
	await office.getByLabel('搜索姓名或用户名').fill(second.name);
	await office.getByRole('button', { name: '搜索' }).click();
	const listed = office
		.getByRole('listitem')
		.filter({ has: office.getByRole('link', { name: second.name, exact: true }) });
	await expect(listed).toHaveCount(1);
	await expect(listed).toContainText('待激活');
	await lookAt(office, testInfo, 'accounts-pending');

	// Slips for every pending account; the first member's slip is handed over.
	await office.goto('/roster');
	await office.getByRole('link', { name: '打印激活码' }).first().click();
	await expect(office.getByRole('heading', { level: 1, name: '激活码' })).toBeVisible();
	await office.getByTestId('codes-issue').click();
	// Every imported member is pending; other tests' pending accounts of the bureau may come on top.
	const issued = office.getByTestId('codes-count');
	await expect(issued).toHaveText(/已生成 \d+ 个激活码/);
	expect(Number(/\d+/.exec((await issued.textContent()) ?? '')?.[0])).toBeGreaterThanOrEqual(300);
	const first = members[0] as RosterMember;
	const slip = office
		.getByTestId('activation-slip')
		.filter({ has: office.getByText(first.name, { exact: true }) });
	await expect(slip).toHaveCount(1);
	await expect(slip).toContainText(first.branch);
	const code = (await slip.getByTestId('activation-code').textContent())?.trim() ?? '';
	expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
	// 300 slips with their QR codes: a screenshot to look at; roster-screens.spec.ts runs axe on a few.
	const slipsPath = testInfo.outputPath('tablet-roster-codes.png');
	await office.screenshot({ path: slipsPath });
	await testInfo.attach('tablet-roster-codes', { path: slipsPath, contentType: 'image/png' });

	// The member, on their own phone: a weak password first, then one the policy takes.
	const member = await fresh();
	await member.goto('/activate');
	await activate(member, code, 'short');
	await expect(member.getByRole('alert')).toHaveText('密码不符合要求，请按下方提示修改。');
	// The device cannot know the mobile; the server refuses a password made of it.
	const withMobile = `Ab-${first.mobile}`;
	expect(checkNewPassword(withMobile, { username: '' })).toEqual([]);
	const refusal = member.waitForResponse((r) => r.url().endsWith('/api/activate'));
	await activate(member, code, withMobile);
	const refused = await refusal;
	expect(refused.status()).toBe(400);
	expect(await refused.json()).toMatchObject({
		error: 'weak_password',
		problems: ['contains-mobile']
	});
	await expect(member.getByRole('alert')).toHaveText('密码不符合要求，请按下方提示修改。');
	await lookAt(member, testInfo, 'activate-weak');
	await activate(member, code, STRONG);
	const done = member.getByText(/^您的用户名是 (\S+)，以后用它登录。$/);
	await expect(done).toBeVisible();
	const username = /您的用户名是 (\S+)，/.exec((await done.textContent()) ?? '')?.[1] ?? '';
	await expect(slip).toContainText(username);
	await lookAt(member, testInfo, 'activate-done');
	await member.getByRole('link', { name: '进入首页' }).click();
	await expect(member).toHaveURL(/\/$/);
	await waitForSync(member);
	await lookAt(member, testInfo, 'new-member-home');

	// The code is spent: a second use has the one answer for used and expired codes.
	const again = await fresh();
	await again.goto('/activate');
	await activate(again, code, STRONG);
	await expect(again.getByRole('alert')).toHaveText(
		'激活码无效或已过期，请联系组织人事科重新获取。'
	);

	// The office's list says so too.
	await office.goto('/accounts');
	await office.getByLabel('搜索姓名或用户名').fill(username);
	await office.getByRole('button', { name: '搜索' }).click();
	await expect(office.getByRole('listitem').filter({ hasText: username })).toContainText('正常');
});

it('the admin unlocks and resets accounts, and the audit log lists it', async ({
	fresh,
	baseURL,
	request
}, testInfo) => {
	test.setTimeout(180_000);
	// Five wrong passwords lock member215 (of the second bureau), typed on their own phone.
	const person = await fresh();
	await person.goto('/login');
	for (let attempt = 1; attempt <= 5; attempt++) {
		await person.getByLabel('用户名').fill('member215');
		await person.getByLabel('密码').fill(`wrong-${attempt}`);
		const answer = person.waitForResponse((r) => r.url().endsWith('/api/session'));
		await person.getByRole('button', { name: '登录', exact: true }).click();
		expect((await answer).status()).toBe(401);
	}
	await expect(person.getByRole('alert')).toHaveText(/用户名或密码不正确/);
	const locked = await request.post('/api/session', {
		data: { username: 'member215', password: PASSWORD },
		headers: { origin: baseURL ?? '' }
	});
	expect(locked.status()).toBe(401);

	const admin = await fresh(TABLET);
	await signIn(admin, 'admin');
	await admin.getByRole('link', { name: /已锁定的账户/ }).click();
	await expect(admin).toHaveURL(/\/accounts\?state=locked$/);
	const row = admin.getByRole('listitem').filter({ hasText: 'member215' });
	await expect(row).toContainText('已锁定');
	await row.getByRole('link').click();
	await expect(admin.getByText(/已锁定，至/)).toBeVisible();
	await expect(admin.getByRole('cell', { name: '密码错误' }).first()).toBeVisible();
	await lookAt(admin, testInfo, 'account-locked');
	await admin.getByRole('button', { name: '解锁' }).click();
	await expect(admin.getByRole('status').filter({ hasText: '已解锁' })).toBeVisible();

	// Unlocked, the person signs in with the password they had.
	await person.getByLabel('用户名').fill('member215');
	await person.getByLabel('密码').fill(PASSWORD);
	await person.getByRole('button', { name: '登录', exact: true }).click();
	await expect(person).toHaveURL(/\/$/);
	await waitForSync(person);

	// A reset: the old password stops working, the new code activates.
	await admin.goto('/accounts/member216');
	await admin.getByRole('button', { name: '重置密码' }).click();
	await admin.getByRole('button', { name: '确认重置' }).click();
	const code = (await admin.getByTestId('activation-code').textContent())?.trim() ?? '';
	expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
	await lookAt(admin, testInfo, 'account-reset');
	const old = await request.post('/api/session', {
		data: { username: 'member216', password: PASSWORD },
		headers: { origin: baseURL ?? '' }
	});
	expect(old.status()).toBe(401);
	const reset = await fresh();
	await reset.goto(`/activate#code=${code.replace('-', '')}`);
	await expect(reset.getByLabel('激活码')).toHaveValue(code);
	await reset.getByLabel('设置密码').fill(STRONG);
	await reset.getByLabel('再次输入密码').fill(STRONG);
	await reset.getByRole('button', { name: '激活并登录' }).click();
	await expect(reset.getByText('您的用户名是 member216，以后用它登录。')).toBeVisible();
	const renewed = await request.post('/api/session', {
		data: { username: 'member216', password: STRONG },
		headers: { origin: baseURL ?? '' }
	});
	expect(renewed.status()).toBe(200);

	// The audit log: who did what to whom, from where.
	await admin.goto('/accounts/audit');
	const entries = admin.getByRole('row');
	await admin.getByLabel('操作').selectOption({ label: '解锁账户' });
	await expect(
		entries.filter({ hasText: 'admin' }).filter({ hasText: 'member215' }).first()
	).toContainText('解锁账户');
	await admin.getByLabel('操作').selectOption({ label: '重置密码' });
	const resetEntry = entries.filter({ hasText: 'admin' }).filter({ hasText: 'member216' });
	await expect(resetEntry.first()).toContainText('重置密码');
	await expect(resetEntry.first()).toContainText('127.0.0.1');
	await admin.getByLabel('操作').selectOption({ label: '激活账户' });
	await expect(entries.filter({ hasText: 'member216' }).first()).toContainText('激活账户');
	await lookAt(admin, testInfo, 'audit-log');
});

it('each office sees its own bureau, and community staff see reports of both', async ({
	fresh
}, testInfo) => {
	test.setTimeout(180_000);
	const office2 = await fresh(TABLET);
	await signIn(office2, 'office2');
	await office2.goto('/accounts');
	await expect(office2.getByRole('listitem').filter({ hasText: 'member211' })).toBeVisible();
	await lookAt(office2, testInfo, 'office2-accounts');
	for (const query of ['member1', 'secretary1', 'office1']) {
		await office2.getByLabel('搜索姓名或用户名').fill(query);
		await office2.getByRole('button', { name: '搜索' }).click();
		await expect(office2.getByText('没有符合条件的账户。')).toBeVisible();
	}
	// Asked directly: one answer for "missing" and "not yours".
	for (const path of [
		'/api/accounts/member1',
		'/api/accounts/no-such-person',
		'/api/roster/export?orgId=org-zjj'
	]) {
		expect((await office2.request.get(path)).status(), path).toBe(404);
	}
	expect((await office2.request.get('/api/accounts/member211')).status()).toBe(200);

	// community1's community is linked to br1 (bureau 1) and br8 (bureau 2): unit reports of both.
	const staff = await fresh(TABLET);
	await signIn(staff, 'community1');
	await staff.goto('/review');
	const branches = new Set<string>();
	for (const tab of [/^待审核/, /^已处理/]) {
		await staff.getByRole('button', { name: tab }).click();
		const units = staff
			.getByRole('listitem')
			.getByRole('button')
			.filter({ hasText: '单位联系社区' });
		const count = await units.count();
		for (let index = 0; index < count && branches.size < 2; index++) {
			await units.nth(index).click();
			const facts = staff.getByRole('article');
			await expect(facts.getByRole('term').first()).toHaveText('支部');
			branches.add((await facts.getByRole('definition').first().textContent())?.trim() ?? '');
		}
	}
	expect([...branches].sort()).toEqual(['局机关第一党支部', '州国库集中支付中心党支部'].sort());
	await lookAt(staff, testInfo, 'community1-review');
});

it('a deactivated member is signed out at the next sync and their replica wiped', async ({
	fresh
}, testInfo) => {
	test.setTimeout(180_000);
	const phone = await fresh();
	await signIn(phone, 'member217');
	expect(await replicaDatabases(phone, 'member217')).not.toEqual([]);

	const office2 = await fresh(TABLET);
	await signIn(office2, 'office2');
	await office2.goto('/accounts/member217');
	await office2.getByRole('button', { name: '停用账户' }).click();
	await office2.getByRole('button', { name: '确认停用' }).click();
	await expect(office2.getByRole('status').filter({ hasText: '账户已停用。' })).toBeVisible();
	await lookAt(office2, testInfo, 'account-deactivated');

	// The phone next talks to the server when it comes back to the foreground.
	await phone.evaluate(() => window.dispatchEvent(new Event('focus')));
	// Wiping the replica (stopping its sync, deleting its databases) takes a while on a busy machine.
	await expect(phone).toHaveURL(/\/login$/, { timeout: 30_000 });
	await expect(phone.getByRole('alert')).toHaveText(
		'您的账户已停用，本设备上的数据已删除。如有疑问，请联系组织人事科。'
	);
	await expect.poll(() => replicaDatabases(phone, 'member217')).toEqual([]);
	expect(await phone.evaluate(() => localStorage.getItem('baodao.session'))).toBeNull();
	await lookAt(phone, testInfo, 'login-deactivated');

	// Signing in again fails as a wrong password would; restored, the old password works.
	await phone.getByLabel('用户名').fill('member217');
	await phone.getByLabel('密码').fill(PASSWORD);
	const refused = phone.waitForResponse((r) => r.url().endsWith('/api/session'));
	await phone.getByRole('button', { name: '登录', exact: true }).click();
	expect((await refused).status()).toBe(401);
	await expect(phone.getByRole('alert').filter({ hasText: '用户名或密码不正确' })).toBeVisible();

	await office2.getByRole('button', { name: '恢复账户' }).click();
	await office2.getByRole('button', { name: '确认恢复' }).click();
	await expect(office2.getByRole('status').filter({ hasText: '账户已恢复。' })).toBeVisible();
	await signIn(phone, 'member217');
});
