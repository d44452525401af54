import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { signIn, waitForServiceWorkerControl, waitForSync } from './support/app';
import { look, TABLET } from './support/look';

/** member1 (m001, branch 1): the demo gives them approved records, a claim record waiting for
 * secretary1 and a 需核实 check-in at the branch's party day. */
const MEMBER = { username: 'member1', id: 'm001' };
const PARTY_DAY = 'act-demo-br1-partyday';
/** The server derives, approves and recomputes in the background: wait on the outcome. */
const SERVER = { timeout: 60_000 };

async function tablet(browser: Browser, baseURL: string | undefined, username: string) {
	const context = await browser.newContext({ baseURL, viewport: TABLET });
	const page = await context.newPage();
	await signIn(page, username);
	// Screens are opened offline later: their code must be in the worker's cache first.
	await waitForServiceWorkerControl(page);
	return page;
}

/** The record ids of the member's list in one state. */
async function recordsIn(page: Page, state: string): Promise<string[]> {
	const ids = await page
		.getByTestId('records-list')
		.locator(`li[data-state="${state}"]`)
		.evaluateAll((items) => items.map((item) => item.getAttribute('data-record') ?? ''));
	return ids.filter((id) => id !== '');
}

/** A line of the points explanation: the one whose source is the record. */
function pointsLine(page: Page, recordId: string): Locator {
	return page
		.getByTestId('points-explanation')
		.locator('li', { has: page.locator(`a[href="/records/${encodeURIComponent(recordId)}"]`) });
}

async function pointsOf(line: Locator): Promise<number> {
	const text = (await line.locator('.points strong').textContent()) ?? '';
	return Number(text.replace(/[^\d-]/g, ''));
}

/** The `合计 N 分` of the explanation. */
async function totalOf(page: Page): Promise<string> {
	return (
		(await page
			.getByTestId('points-explanation')
			.getByRole('heading', { level: 2 })
			.textContent()) ?? ''
	);
}

/**
 * Issue 17 end to end: secretary1's tablet, offline, returns a record with a reason, approves the
 * rest of the branch's queue in one tap and resolves member1's 需核实 check-in; back online
 * everything syncs, the server re-derives the party-day record and the secretary approves it;
 * member1 sees each point with its source, rule and version, and the grade with its reasons;
 * office1 raises the points of a rule from 1 January and member1's explanation follows.
 */
test('approve offline, resolve 需核实, points and grade explained, a rule changed by the office', async ({
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(420_000);
	const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

	// member1's starting point: what waits for the secretary, the 需核实 party day, the points.
	const member = await tablet(browser, baseURL, MEMBER.username);
	await member.goto('/records');
	await expect(member.getByRole('heading', { name: '我的服务记录与积分' })).toBeVisible();
	await expect(member.getByTestId('records-list').locator('li').first()).toBeVisible();
	const waiting = await recordsIn(member, 'needs-approval');
	expect(waiting.length, 'member1 has a record waiting for the secretary').toBeGreaterThan(0);
	const partyDayRecord = `sr.${PARTY_DAY}.${MEMBER.id}`;
	await expect(
		member.getByTestId('records-list').locator(`li[data-record="${partyDayRecord}"]`)
	).toHaveAttribute('data-state', 'flagged');
	await look(member, testInfo, 'member1-records-before');
	await member.getByRole('link', { name: /^为什么是 \d+ 分？$/ }).click();
	await expect(member).toHaveURL(/\/records\/points$/);
	await expect(member.getByTestId('points-explanation')).toBeVisible();
	for (const id of waiting) await expect(pointsLine(member, id)).toHaveCount(0);
	await expect(pointsLine(member, partyDayRecord)).toHaveCount(0);
	const totalBefore = await totalOf(member);

	// secretary1's tablet goes offline with the queue open.
	const secretary = await tablet(browser, baseURL, 'secretary1');
	await secretary.goto('/branch/approvals');
	const rows = secretary.getByTestId('approval-rows');
	for (const id of waiting) await expect(rows.locator(`li[data-record-id="${id}"]`)).toBeVisible();
	await secretary.context().setOffline(true);
	await expect(secretary.getByText('离线', { exact: true })).toBeVisible();

	// Return another member's record: without a reason the form says what is missing.
	const toReturn = rows.locator('li[data-record-id]').filter({
		hasNot: secretary.locator(waiting.map((id) => `[data-record-id="${id}"]`).join(', '))
	});
	const returnedId = (await toReturn.first().getAttribute('data-record-id')) ?? '';
	expect(returnedId).not.toBe('');
	await rows.locator(`li[data-record-id="${returnedId}"] button.row`).click();
	const detail = secretary.getByTestId('approval-detail');
	await detail.getByRole('button', { name: '退回', exact: true }).click();
	await detail.getByRole('button', { name: '确认退回' }).click();
	await expect(detail.getByRole('alert')).toHaveText('退回时请填写原因，党员需要知道如何修改。');
	const reason = '服务时长与社区登记不符，请核对后重新提交。';
	await detail.getByLabel('退回原因（党员会看到）').fill(reason);
	await detail.getByRole('button', { name: '确认退回' }).click();
	await expect(detail).toContainText('已保存在本设备，联网后将自动同步。');
	await expect(rows.locator(`li[data-record-id="${returnedId}"]`)).toHaveCount(0);

	// Approve the rest of the queue, member1's waiting record among them, in one tap.
	await secretary.getByLabel('全选').check();
	for (const id of waiting) {
		await expect(rows.locator(`li[data-record-id="${id}"] input[type="checkbox"]`)).toBeChecked();
	}
	const approve = secretary.getByTestId('approve-selected');
	const count = Number(((await approve.textContent()) ?? '').replace(/\D/g, ''));
	expect(count, 'a batch, not a single record').toBeGreaterThanOrEqual(10);
	await approve.click();
	await expect(secretary.getByRole('status').filter({ hasText: '已批准' })).toHaveText(
		`已批准 ${count} 条。`
	);
	await expect(
		secretary.getByText('没有待审批的记录。社区确认后的记录会出现在这里。')
	).toBeVisible();
	await expect(secretary.getByTestId('sync-pending')).toHaveText(/条更改待同步/);
	await look(secretary, testInfo, 'secretary1-approvals-offline');

	// Still offline: resolve member1's 需核实 check-in at the party day as present.
	await secretary.goto(`/activities/${PARTY_DAY}`);
	const list = secretary.getByTestId('attendance-list');
	await list.getByRole('button', { name: /^需核实/ }).click();
	const row = list.locator(`li[data-member-id="${MEMBER.id}"]`);
	await row.getByRole('button', { name: /^核实 .+ 的出勤$/ }).click();
	const fix = secretary.getByTestId('fix-form');
	await fix.getByText('确认出席').click();
	await fix.getByRole('button', { name: '保存核实结果' }).click();
	await expect(fix.getByRole('alert')).toContainText('请填写核实说明');
	await fix
		.getByLabel('核实说明（必填，200 字以内）')
		.fill('对照纸质签到表和现场照片，确认全程参加。');
	await fix.getByRole('button', { name: '保存核实结果' }).click();
	await expect(fix).toHaveCount(0);
	await expect(list.getByRole('status').filter({ hasText: '的核实结果。' })).toBeVisible();
	await expect(list).toContainText('已保存在本设备，联网后将自动同步。');
	await expect(row).toHaveCount(0);
	await list.getByRole('button', { name: /^全部/ }).click();
	await expect(row.getByTestId('fix-note')).toContainText('核实出席：对照纸质签到表');
	await look(secretary, testInfo, 'secretary1-partyday-resolved-offline');

	// Back online, the secretary's writes reach the server.
	await secretary.context().setOffline(false);
	await waitForSync(secretary);

	// The server re-derives the party-day record without the flag; the secretary approves it.
	await secretary.goto('/branch/approvals');
	const resolved = rows.locator(`li[data-record-id="${partyDayRecord}"]`);
	await expect(resolved).toBeVisible(SERVER);
	await resolved.locator('button.row').click();
	await detail.getByTestId('approve-one').click();
	await expect(resolved).toHaveCount(0);
	await waitForSync(secretary);

	// member1 sees each new point with its source and rule, and the grade with its reasons.
	for (const id of [...waiting, partyDayRecord]) {
		await expect(pointsLine(member, id)).toBeVisible(SERVER);
	}
	await expect(
		member.locator('section[data-rule="party-day"]').locator('li', {
			has: member.locator(`a[href="/records/${encodeURIComponent(partyDayRecord)}"]`)
		})
	).toContainText('5 分');
	expect(await totalOf(member)).not.toBe(totalBefore);
	const grade = member.getByTestId('grade-summary');
	await expect(grade).toHaveAttribute('data-grade', /^(good|fairly-good|average|poor)$/);
	await expect(grade).toContainText('若今年结束，等级为');
	await expect(grade).toContainText(/按积分 \d+ 分为「(好|较好|一般|差)」/);
	await look(member, testInfo, 'member1-points-after-approval');

	// office1 raises the points of the rule member1's approved record scored under, from 1 January.
	const line = pointsLine(member, waiting[0] ?? '');
	const rule = await line.evaluate(
		(li) => li.closest('section[data-rule]')?.getAttribute('data-rule') ?? 'none'
	);
	expect(rule, 'the approved record scores under a rule').not.toBe('none');
	const pointsBefore = await pointsOf(line);
	await expect(line).toContainText('按默认积分规则');

	const office = await tablet(browser, baseURL, 'office1');
	await office.goto('/coverage/points');
	await expect(office.getByRole('heading', { name: `${year}年现行规则：默认规则` })).toBeVisible();
	await office.getByRole('button', { name: '修改积分规则' }).click();
	const rulePoints = office
		.locator(`div.rule[data-rule="${rule}"]`)
		.getByLabel('分值', { exact: true });
	const raised = Number(await rulePoints.inputValue()) + 3;
	await rulePoints.fill(String(raised));
	await office.getByLabel('从哪天起生效').fill(`${year}-01-01`);
	await office
		.getByLabel('修改说明（为什么改，最多 200 字）')
		.fill('按区委要求提高分值，从年初起适用。');
	await look(office, testInfo, 'office1-scheme-form');
	await office.getByRole('button', { name: '保存为新版本' }).click();
	await expect(
		office.getByRole('heading', { name: new RegExp(`^${year}年现行规则：第 1 版`) })
	).toBeVisible();
	await waitForSync(office);
	await look(office, testInfo, 'office1-scheme-saved');

	// Schemes are reference data, pulled when the app starts or comes back to the front (and every
	// two minutes): member1 opens the app again, and the same record scores under version 1.
	await member.reload();
	await expect(line).toContainText('按第 1 版积分规则', SERVER);
	expect(await pointsOf(line)).toBe(pointsBefore + 3);
	await look(member, testInfo, 'member1-points-after-rule-change');

	for (const page of [member, secretary, office]) await page.context().close();
});

/** Bad input on the scheme editor is told in Chinese, beside the field, and nothing is saved. */
test('the points scheme form explains what is wrong', async ({ browser, baseURL }, testInfo) => {
	const office = await tablet(browser, baseURL, 'office1');
	await office.goto('/coverage/points');
	await office.getByRole('button', { name: '修改积分规则' }).click();
	await office
		.locator('div.rule[data-rule="lecture"]')
		.getByLabel('分值', { exact: true })
		.fill('');
	await office
		.locator('div.rule[data-rule="emergency"]')
		.getByLabel('分值', { exact: true })
		.fill('2.5');
	await office.getByRole('button', { name: '保存为新版本' }).click();
	await expect(office.getByRole('alert').first()).toHaveText('有 2 处需要修改，见各项下方的红字。');
	await expect(office.locator('div.rule[data-rule="lecture"] .form-error')).toHaveText('请填写');
	await expect(office.locator('div.rule[data-rule="emergency"] .form-error')).toHaveText(
		'请填写整数'
	);
	await expect(office.locator('div.rule[data-rule="lecture"]').getByLabel(/^分值/)).toBeFocused();
	await look(office, testInfo, 'office1-scheme-form-problems');
	// Not saved: the form stays open with what was typed.
	await expect(office.getByRole('button', { name: '保存为新版本' })).toBeVisible();
	await office.context().close();
});
