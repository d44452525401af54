import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import readExcelFile from 'read-excel-file/node';
import { openTab, signIn, waitForServiceWorkerControl, waitForSync } from './support/app';
import { launchWithCamera, writeQrVideo } from './support/fake-camera';
import { look, PHONE, TABLET } from './support/look';

/** `member19` (m019, branch 1): a member no other spec checks in anywhere. */
const MEMBER = { username: 'member19', id: 'm019' };
/** The branch whose link the office changes and sets back: no other spec looks at br6's pair. */
const RELINKED = { branchId: 'br6', community: '和谐社区', other: '团结社区' };
const SHEETS = ['服务资源', '居民需求', '民生项目', '责任落实', '实事好事', '联席会议', '协议书'];

/** `YYYY-MM-DD` in Asia/Shanghai, `days` from now, as the date inputs read it. */
function shanghaiDay(days: number): string {
	return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The day `days` after `isoDay` (`YYYY-MM-DD`). */
function dayAfter(isoDay: string, days: number): string {
	return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** `datetime-local` text in Asia/Shanghai, `minutes` from now. */
function shanghaiLocal(minutes: number): string {
	return new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16);
}

/** The address a file is kept at: its SHA-256. */
function sha256(bytes: ArrayLike<number>): string {
	return createHash('sha256').update(Uint8Array.from(bytes)).digest('hex');
}

/** A day as the workbook writes it: 2026年3月1日. */
function chineseDay(isoDay: string): string {
	const [year, month, day] = isoDay.split('-').map(Number);
	return `${year}年${month}月${day}日`;
}

async function device(
	browser: Browser,
	baseURL: string | undefined,
	viewport: { width: number; height: number },
	username: string
): Promise<Page> {
	const context = await browser.newContext({ baseURL, viewport });
	const page = await context.newPage();
	await signIn(page, username);
	return page;
}

/** The office's branch reporting coverage figure on /coverage. */
function reporting(office: Page): Locator {
	return office.getByTestId('branch-reporting');
}

/** A list item on /ledger, by its title. */
function ledgerItem(page: Page, title: string): Locator {
	return page.getByTestId('ledger-lists').locator('article[data-testid="ledger-item"]', {
		has: page.getByRole('heading', { name: title, exact: true })
	});
}

/** The number of good deeds delivered this year, as /ledger shows it (已办成 n / 3 件). */
async function goodDeedsDelivered(page: Page): Promise<number> {
	const text = await page.getByTestId('ledger-good-deeds').locator('.progress strong').innerText();
	return Number(/已办成 (\d+) \/ 3 件/.exec(text)?.[1] ?? Number.NaN);
}

/**
 * Issue 18 end to end, each person on their own device: the office re-links a branch (with
 * history); secretary1 reports branch br1 to its linked community, which confirms; offline, the
 * secretary renews the co-building agreement and marks it signed with the scan, which reaches the
 * server once online; the four lists get an item each and a good deed is delivered; a joint
 * meeting is scheduled, a member checks in with the activity code and the minutes' decision
 * becomes a ledger item; the ledger is exported as .xlsx (read back here) and printed to A4 PDF.
 */
test('the co-building ledger: pairing, report, agreement offline, lists, meeting, Excel, print', async ({
	browser,
	baseURL,
	request
}, testInfo) => {
	test.setTimeout(600_000);
	const stamp = Date.now().toString(36);
	const year = Number(shanghaiDay(0).slice(0, 4));

	// The office's charts size themselves when drawn: drawn on a phone, they fit one.
	const office = await device(browser, baseURL, PHONE, 'office1');
	const secretary = await device(browser, baseURL, TABLET, 'secretary1');
	// The ledger is opened offline later: its code must be in the worker's cache first.
	await waitForServiceWorkerControl(secretary);
	const staff = await device(browser, baseURL, TABLET, 'community1');

	await test.step('office1 re-links a branch, sees the history, and sets it back', async () => {
		await office.goto('/coverage');
		await expect(reporting(office).getByText('4 / 6 个支部已报到（66%）')).toBeVisible();
		await expect(reporting(office).locator('li[data-branch-id="br1"]')).toContainText('未报到');
		await expect(reporting(office).locator('li[data-branch-id="br4"]')).toContainText('待确认');
		await office.getByRole('link', { name: '结对联系社区' }).click();
		const branch = office.locator(`section[data-branch-id="${RELINKED.branchId}"]`);
		await expect(branch.getByTestId('linked-community')).toHaveText(RELINKED.community);

		await branch.getByRole('button', { name: '更改联系社区' }).click();
		await branch.getByRole('radio', { name: RELINKED.other }).check();
		await branch.getByRole('button', { name: '保存' }).click();
		await expect(branch.getByText('已保存并同步到服务器。')).toBeVisible();
		await expect(branch.getByTestId('linked-community')).toHaveText(RELINKED.other);
		await expect(branch.getByText(`${RELINKED.community} → ${RELINKED.other}`)).toBeVisible();
		await look(office, testInfo, 'office1-pairing');

		// Its report went to the community it left: not counted until it reports to the new one.
		await office.goto('/coverage');
		await expect(reporting(office).getByText('3 / 6 个支部已报到（50%）')).toBeVisible();

		await office.getByRole('link', { name: '结对联系社区' }).click();
		await branch.getByRole('button', { name: '更改联系社区' }).click();
		await branch.getByRole('radio', { name: RELINKED.community }).check();
		await branch.getByRole('button', { name: '保存' }).click();
		await expect(branch.getByText('已保存并同步到服务器。')).toBeVisible();
		await expect(branch.getByTestId('linked-community')).toHaveText(RELINKED.community);
		await expect(branch.getByText(`${RELINKED.other} → ${RELINKED.community}`)).toBeVisible();
	});

	await test.step('secretary1 reports the branch; community1 confirms', async () => {
		await openTab(secretary, '支部');
		const card = secretary.getByTestId('branch-report');
		await expect(card.getByText('未报到', { exact: true })).toBeVisible();
		await expect(card.getByText('报到社区：丰收社区')).toBeVisible();
		await card.getByLabel(/备注/).fill('支部党员21名，联系人王书记');
		await card.getByRole('button', { name: '向社区报到' }).click();
		await expect(card.getByText('待确认', { exact: true })).toBeVisible();
		await expect(card.getByText(/等待社区确认/)).toBeVisible();
		await waitForSync(secretary);

		await openTab(staff, '审核');
		await staff.getByRole('button', { name: /^支部报到/ }).click();
		await staff.getByRole('button').filter({ hasText: '局机关第一党支部' }).click();
		const detail = staff.getByTestId('branch-report-review');
		await expect(detail.getByText('支部党员21名，联系人王书记')).toBeVisible();
		await detail.getByRole('button', { name: '确认报到' }).click();
		await expect(detail.getByText('已保存并同步到服务器。')).toBeVisible();

		// The secretary's replica follows the decision live; the office counts the branch.
		await expect(card.getByText('已确认', { exact: true })).toBeVisible({ timeout: 30_000 });
		await expect(card.getByText(/社区已于.*确认本支部报到/)).toBeVisible();
		await office.goto('/coverage');
		await waitForSync(office);
		await expect(reporting(office).getByText('5 / 6 个支部已报到（83%）')).toBeVisible({
			timeout: 30_000
		});
		await expect(reporting(office).locator('li[data-branch-id="br1"]')).toHaveCount(0);
	});

	// A real PDF for the signed scan: Chromium prints one.
	const scanPage = await browser.newPage();
	await scanPage.setContent('<h1>共驻共治共建协议书</h1><p>双方签字盖章。</p>');
	const scan = await scanPage.pdf({ format: 'A4' });
	await scanPage.close();
	const scanHash = sha256(scan);
	const signedOn = shanghaiDay(0);
	// The renewal starts where the form proposes (the day after the current one ends); it names it.
	let startsOn = '';
	let agreementId = '';
	const content = `共建服务阵地、共享服务资源、共办实事好事 ${stamp}`;

	await test.step('offline, secretary1 renews the agreement and marks it signed with the scan', async () => {
		await secretary.goto('/ledger');
		const agreement = secretary.getByTestId('ledger-agreement');
		await expect(agreement.getByRole('heading', { level: 3 })).toBeVisible();
		await secretary.context().setOffline(true);
		await expect(secretary.getByText('离线', { exact: true })).toBeVisible();

		await agreement.getByRole('button', { name: '签订新一期协议' }).click();
		const form = agreement.getByTestId('agreement-form');
		startsOn = await form.getByLabel('开始日期').inputValue();
		agreementId = `ag.br1.cm1.${startsOn.replaceAll('-', '')}`;
		// Bad input: a period that ends before it starts.
		await form.getByLabel('结束日期').fill(dayAfter(startsOn, -1));
		await form.getByLabel('主要内容').fill(content);
		await form.getByLabel('支部签字人').fill('王建国 支部书记');
		await form.getByLabel('社区签字人').fill('李秀兰 社区党委书记');
		await form.getByRole('button', { name: '保存协议书' }).click();
		await expect(form.locator('[data-problem="endsOn-before-start"]')).toHaveText(
			'协议结束日期必须晚于开始日期。'
		);
		await form.getByLabel('结束日期').fill(dayAfter(startsOn, 730));
		await form.getByRole('button', { name: '保存协议书' }).click();
		await expect(agreement.getByText('已保存在本设备，联网后将自动同步。')).toBeVisible();
		await expect(agreement.getByText('草稿', { exact: true })).toBeVisible();
		await expect(agreement.getByText(content)).toBeVisible();

		await agreement.getByRole('button', { name: '上传扫描件并标记已签订' }).click();
		const sign = agreement.getByTestId('sign-form');
		await sign
			.locator('input[type="file"][accept*="pdf"]')
			.setInputFiles({ name: '协议书.pdf', mimeType: 'application/pdf', buffer: scan });
		await expect(sign.getByText('PDF 文件')).toBeVisible();
		await sign.getByRole('button', { name: '标记已签订' }).click();
		await expect(agreement.getByText('已签订', { exact: true })).toBeVisible();
		await expect(agreement.getByText('已保存在本设备，联网后将自动同步。')).toBeVisible();
		await expect(secretary.getByTestId('sync-pending')).not.toHaveText('已全部同步');
		await look(secretary, testInfo, 'secretary1-agreement-offline');
	});

	await test.step('back online, the agreement and its scan reach the server', async () => {
		await secretary.context().setOffline(false);
		await waitForSync(secretary);
		const session = await request.post('/api/session', {
			data: { username: 'secretary1', password: 'baodao-demo' }
		});
		expect(session.ok()).toBe(true);
		const keys = JSON.stringify([agreementId]);
		const stored = await request.get(`/sync/ledger/_all_docs?keys=${keys}&include_docs=true`);
		const [row] = ((await stored.json()) as { rows: { doc?: Record<string, unknown> }[] }).rows;
		expect(row?.doc).toMatchObject({ content, startsOn, signedOn, file: scanHash });
		// The file follows its document: the device uploads it once the agreement is stored.
		await expect
			.poll(
				async () => {
					const file = await request.get(
						`/api/files/${scanHash}?doc=${encodeURIComponent(`ledger/${agreementId}`)}`
					);
					return file.ok() ? sha256(await file.body()) : '';
				},
				{ timeout: 60_000 }
			)
			.toBe(scanHash);
	});

	const titles = {
		resources: `党员志愿服务队 ${stamp}`,
		needs: `老旧小区楼道照明 ${stamp}`,
		projects: `社区儿童之家 ${stamp}`,
		responsibilities: `结对帮扶困难家庭 ${stamp}`
	};
	const dueOn = shanghaiDay(20);
	let delivered = 0;

	await test.step('secretary1 adds an item to each of the four lists and delivers a good deed', async () => {
		const lists = secretary.getByTestId('ledger-lists');
		delivered = await goodDeedsDelivered(secretary);
		for (const [list, title] of Object.entries(titles)) {
			await lists.locator(`button[data-list="${list}"]`).click();
			await lists.getByRole('button', { name: '新增事项' }).click();
			const form = lists.getByTestId('item-form');
			await form.getByLabel('事项', { exact: true }).fill(title);
			await form.getByLabel('完成时限').fill(dueOn);
			if (list === 'needs') await form.getByLabel('计为实事好事').check();
			if (list === 'resources') {
				// Bad input: an item without the person responsible.
				await form.getByRole('button', { name: '保存事项' }).click();
				await expect(form.locator('[data-problem="owner-missing"]')).toHaveText(
					'请填写责任人：每个事项都要有责任人。'
				);
			}
			await form.getByLabel('责任人').fill('王建国');
			await form.getByRole('button', { name: '保存事项' }).click();
			await expect(form).toHaveCount(0);
			const item = ledgerItem(secretary, title);
			await expect(item).toHaveAttribute('data-state', 'planned');
			await expect(item).toContainText('王建国');
			await expect(item).toContainText(chineseDay(dueOn));
		}

		await lists.locator('button[data-list="needs"]').click();
		const deedId = await ledgerItem(secretary, titles.needs).getAttribute('data-item-id');
		const deed = secretary.getByTestId('ledger-good-deeds').locator(`li[data-item-id="${deedId}"]`);
		await deed.getByRole('button', { name: '标记已办成' }).click();
		await expect(deed).toContainText('已完成');
		await expect.poll(() => goodDeedsDelivered(secretary)).toBe(delivered + 1);
		await expect(ledgerItem(secretary, titles.needs)).toHaveAttribute('data-state', 'done');
		await waitForSync(secretary);
	});

	const meetingTitle = `共驻共建联席会议 ${stamp}`;
	const agenda = `商议社区儿童之家建设 ${stamp}`;
	const decision = `年底前建成社区儿童之家 ${stamp}`;
	const decisionDue = shanghaiDay(25);
	let activityId = '';

	await test.step('secretary1 schedules a joint meeting; a member checks in with the code', async () => {
		await secretary.getByRole('link', { name: '安排联席会议' }).click();
		await expect(secretary.getByLabel('活动类型')).toHaveValue('joint-meeting');
		await secretary.getByLabel('活动名称').fill(meetingTitle);
		await secretary.getByLabel('地点').fill('丰收社区党群服务中心');
		await secretary.getByLabel('开始时间（北京时间）').fill(shanghaiLocal(-30));
		await secretary.getByLabel('结束时间（北京时间）').fill(shanghaiLocal(120));
		await secretary.getByLabel(/主办支部全体党员/).check();
		await secretary.getByLabel('会议议题').fill(agenda);
		await secretary.getByLabel('邀请单位').fill('丰收社区居委会\n辖区派出所');
		await secretary.getByRole('button', { name: '发布', exact: true }).click();
		await expect(secretary).toHaveURL(/\/ledger\/meetings\/act-[a-z0-9]+$/);
		activityId = secretary.url().split('/').pop() ?? '';
		await expect(secretary.getByRole('heading', { level: 1, name: meetingTitle })).toBeVisible();
		await expect(secretary.getByText(agenda)).toBeVisible();
		await waitForSync(secretary);

		await secretary.getByRole('link', { name: '活动页面（签到）' }).click();
		await secretary.getByRole('button', { name: '出示签到码' }).click();
		const shown = secretary.locator('[data-code^="A1~"]');
		await expect(shown).toBeVisible();
		const codeVideo = testInfo.outputPath('code.y4m');
		writeQrVideo((await shown.getAttribute('data-code')) ?? '', codeVideo);
		const camera = await launchWithCamera(codeVideo);
		try {
			const phone = await device(camera, baseURL, PHONE, MEMBER.username);
			await phone.goto('/activities');
			await phone.getByRole('link', { name: '扫码签到' }).first().click();
			await expect(phone.getByText(`签到成功：${meetingTitle}`)).toBeVisible({ timeout: 20_000 });
			// The phone stays open until the server holds the check-in (the request is secretary1's).
			const keys = JSON.stringify([`${activityId}.${MEMBER.id}.in`]);
			await expect
				.poll(
					async () => {
						const stored = await request.get(
							`/sync/attendance/_all_docs?keys=${keys}&include_docs=true`
						);
						const rows = ((await stored.json()) as { rows: { doc?: { method?: string } }[] }).rows;
						return rows[0]?.doc?.method;
					},
					{ timeout: 30_000 }
				)
				.toBe('code');
		} finally {
			await camera.close();
		}
	});

	await test.step('the minutes record a decision, which becomes a ledger item', async () => {
		await secretary.goto(`/ledger/meetings/${activityId}`);
		await expect(secretary.getByText('签到的党员（1）')).toBeVisible({ timeout: 30_000 });
		await secretary.getByLabel('姓名', { exact: true }).fill('张丽');
		await secretary.getByLabel('单位', { exact: true }).fill('丰收社区居委会');
		await secretary.getByRole('button', { name: '添加参会人员' }).click();
		await secretary.getByLabel('会议纪要').fill('会议商定由支部与社区共建儿童之家，年底前建成。');
		await secretary.getByRole('button', { name: '添加决定' }).click();
		const fields = secretary.locator('fieldset[data-decision="1"]');
		await fields.getByLabel('决定内容').fill(decision);
		await fields.getByLabel('完成时限').fill(decisionDue);
		await fields.getByLabel('纳入清单').selectOption({ label: '民生项目' });
		// Bad input: a decision nobody is responsible for.
		await secretary.getByRole('button', { name: '保存纪要' }).click();
		await expect(secretary.locator('[data-problem="decision-owner"]')).toHaveText(
			'第 1 项决定没有责任人：每项决定都要有责任人，才能列入台账。'
		);
		await fields.getByLabel('责任人').fill('李秀兰');
		await secretary.getByRole('button', { name: '保存纪要' }).click();
		const saved = secretary.locator('li[data-decision="1"]');
		await expect(saved).toContainText(decision);
		await expect(saved).toContainText('台账事项');
		await expect(saved).toContainText('计划中');
		await waitForSync(secretary);
		await look(secretary, testInfo, 'secretary1-meeting');

		await secretary.getByRole('link', { name: '返回共建台账' }).click();
		await secretary.getByTestId('ledger-lists').locator('button[data-list="projects"]').click();
		const item = ledgerItem(secretary, decision);
		await expect(item).toContainText('联席会议决定');
		await expect(item).toContainText('李秀兰');
		await expect(item).toContainText(chineseDay(decisionDue));
		await expect(secretary.getByRole('link', { name: meetingTitle })).toBeVisible();
		await look(secretary, testInfo, 'secretary1-ledger');
	});

	await test.step('the ledger exported as .xlsx holds the sheets and the rows added', async () => {
		const [download] = await Promise.all([
			secretary.waitForEvent('download'),
			secretary.getByTestId('ledger-export').click()
		]);
		expect(download.suggestedFilename()).toBe(`台账-局机关第一党支部-${year}.xlsx`);
		const file = testInfo.outputPath('ledger.xlsx');
		await download.saveAs(file);
		const sheets = await readExcelFile(file);
		expect(sheets.map((sheet) => sheet.sheet)).toEqual(SHEETS);
		const rowsOf = (name: string) => sheets.find((sheet) => sheet.sheet === name)?.data ?? [];
		const rowWith = (name: string, text: string) =>
			rowsOf(name).find((row) => row.some((cell) => cell === text || cell === `1. ${text}`));

		for (const [list, sheet] of [
			['resources', '服务资源'],
			['needs', '居民需求'],
			['projects', '民生项目'],
			['responsibilities', '责任落实']
		] as const) {
			expect(rowsOf(sheet)[0]).toEqual(expect.arrayContaining(['事项', '责任人', '完成时限']));
			expect(rowWith(sheet, titles[list]), sheet).toEqual(
				expect.arrayContaining(['王建国', chineseDay(dueOn)])
			);
		}
		expect(rowWith('居民需求', titles.needs)).toEqual(expect.arrayContaining(['已完成', '是']));
		expect(rowWith('民生项目', decision)).toEqual(
			expect.arrayContaining(['李秀兰', chineseDay(decisionDue), '联席会议决定第 1 项'])
		);
		expect(rowsOf('实事好事')[0]?.[0]).toBe(`本年度已办成 ${delivered + 1} 件，目标 3 件`);
		expect(rowWith('实事好事', titles.needs)).toEqual(expect.arrayContaining(['已完成']));
		expect(rowWith('联席会议', agenda)).toEqual(
			expect.arrayContaining([
				'丰收社区居委会、辖区派出所',
				'张丽（丰收社区居委会）',
				`1. ${decision}`,
				'李秀兰'
			])
		);
		const agreementRows = new Map(rowsOf('协议书').map((row) => [row[0], row[1]]));
		expect(agreementRows.get('主要内容')).toBe(content);
		expect(agreementRows.get('协议状态')).toBe('已签订');
		expect(agreementRows.get('签订日期')).toBe(chineseDay(signedOn));
		expect(agreementRows.get('协议文本')).toBe('已上传签字盖章扫描件');
	});

	await test.step('the community and the office read the ledger', async () => {
		// Two branches are linked to 丰收社区 (br1, and br8 of the second bureau): br1's is asked for.
		await staff.goto('/ledger?branch=br1');
		await staff.getByTestId('ledger-lists').locator('button[data-list="projects"]').click();
		await expect(ledgerItem(staff, decision)).toBeVisible({ timeout: 30_000 });
		await look(staff, testInfo, 'community1-ledger');

		// The office sees br1 reported, its renewed agreement signed and the good deed counted.
		await office.goto('/coverage/ledger');
		await waitForSync(office);
		const br1 = office.getByTestId('ledger-overview').locator('tr[data-branch-id="br1"]');
		await expect(br1.locator('td[data-label="支部报到"]')).toHaveText('已确认');
		await expect(br1.locator('td[data-label="协议书"]')).toHaveText('已签订');
		await expect(br1.locator('td[data-label="实事好事"]')).toHaveText(`${delivered + 1}/3`);
		await look(office, testInfo, 'office1-ledger-overview');
	});

	await test.step('the print view prints on A4', async () => {
		await secretary.getByRole('link', { name: '打印', exact: true }).click();
		await expect(secretary).toHaveURL(/\/ledger\/print\?branch=br1&year=\d{4}$/);
		await expect(secretary.getByText(titles.projects, { exact: true })).toBeVisible();
		await expect(secretary.getByText(decision, { exact: true }).first()).toBeVisible();
		await expect(secretary.getByText(content, { exact: true })).toBeVisible();
		const pdf = testInfo.outputPath('ledger.pdf');
		await secretary.pdf({ path: pdf, format: 'A4' });
		await testInfo.attach('ledger.pdf', { path: pdf, contentType: 'application/pdf' });
		await look(secretary, testInfo, 'secretary1-ledger-print');
	});

	for (const page of [office, secretary, staff]) await page.context().close();
});
