import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './support/app';
import { look, PHONE, TABLET } from './support/look';

/** `YYYY-MM-DD` in Asia/Shanghai, `days` from now, as the date inputs read it. */
function shanghaiDay(days: number): string {
	return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

const CONTACT = '13900001111';

/** Adds the first member the picker offers to the draft; returns the name added. */
async function addNominee(award: Locator): Promise<string> {
	const editor = award.getByTestId('nominee-editor');
	const picker = editor.getByLabel('添加人选');
	const name = (await picker.locator('option').nth(1).innerText()).trim();
	await picker.selectOption({ label: name });
	await editor.getByRole('button', { name: '添加', exact: true }).click();
	await expect(editor.getByTestId('nominee').filter({ hasText: name })).toBeVisible();
	return name;
}

/** Creates a draft from the proposals (none qualify in the demo's year so far) and decides it. */
async function draftAndDecide(award: Locator, count: number): Promise<string[]> {
	await award.getByRole('button', { name: /生成/ }).click();
	await expect(award.getByTestId('award-state')).toHaveText('草稿');
	const names: string[] = [];
	for (let i = 0; i < count; i++) names.push(await addNominee(award));
	await award
		.getByTestId('nominee-editor')
		.getByLabel('事迹简介（公示内容）')
		.first()
		.fill('全年坚持每周为独居老人送餐，带动支部党员参与社区志愿服务。');
	await award.getByRole('button', { name: '确定人选' }).click();
	await expect(award.getByTestId('award-state')).toHaveText('已决定');
	return names;
}

async function announce(award: Locator, startsOn: string, days: number): Promise<void> {
	const form = award.getByTestId('announce-form');
	await form.getByLabel('公示开始日期').fill(startsOn);
	await form.getByLabel('公示天数').fill(String(days));
	await form.getByRole('button', { name: '开始公示' }).click();
	await expect(award.getByTestId('award-state')).toHaveText('公示中');
}

/** Asks the server for new objections until the one with the receipt is on the office's device. */
async function objectionWith(page: Page, award: Locator, receipt: string): Promise<Locator> {
	const objection = award.getByTestId('objection').filter({ hasText: receipt });
	await expect(async () => {
		await award.getByRole('button', { name: '检查新异议' }).click();
		await expect(objection).toBeVisible({ timeout: 2_000 });
	}).toPass({ timeout: 30_000 });
	await expect(page.getByRole('button', { name: '检查新异议' }).first()).toBeEnabled();
	return objection;
}

/**
 * R18 end to end: office1 drafts and decides the 志愿服务之星, announces it (公示) for 7 days from
 * today; a resident on a phone, not signed in, objects on the public page and gets a receipt; the
 * office sees the objection with the contact (the public never does), upholds it and takes the
 * nominee off; publishing is refused while the period runs. A second award, on a paper notice
 * posted ten days ago, is published; the public page and a member's app show the results.
 */
test('awards: decide, 公示, an objection from the public page, its outcome, publishing', async ({
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(300_000);
	const officeContext = await browser.newContext({ baseURL, viewport: TABLET });
	const office = await officeContext.newPage();
	await signIn(office, 'office1');
	await office.goto('/year-end/awards');
	const star = office.getByTestId('award-volunteer-star');
	await expect(star.getByTestId('proposals')).toBeVisible();
	await look(office, testInfo, 'office-awards-proposals');

	const [kept, objected] = await draftAndDecide(star, 2);
	if (!kept || !objected) throw new Error('two nominees expected');
	await announce(star, shanghaiDay(0), 7);
	await expect(star.getByTestId('notice-status')).toContainText('公示中，接受异议');
	await star.getByRole('button', { name: '公布结果' }).click();
	await expect(star.locator('[data-problem="period-not-ended"]')).toBeVisible();
	const link = await star.getByTestId('notice-link').getAttribute('href');
	if (!link) throw new Error('no link to the public notice');
	await look(office, testInfo, 'office-award-announced');

	// A resident with the notice's link on a phone: no account, no session.
	const visitorContext = await browser.newContext({ baseURL, viewport: PHONE });
	const visitor = await visitorContext.newPage();
	await visitor.goto(link);
	const notice = visitor.getByTestId('public-notice');
	await expect(notice).toContainText('志愿服务之星');
	await expect(visitor.getByTestId('public-nominee')).toHaveCount(2);
	await look(visitor, testInfo, 'public-notice-open');
	const form = visitor.getByTestId('objection-form');
	await form.getByRole('button', { name: '提交异议' }).click();
	await expect(form.getByRole('alert')).toHaveText('请填写异议内容。');
	await form.getByLabel('针对的人选').selectOption({ label: objected });
	await form.getByLabel('异议内容（必填）').fill('该同志今年多次服务记录与实际不符，请核实。');
	await form.getByLabel('联系方式（可不填，仅供核实，不会公开）').fill(CONTACT);
	await form.getByRole('button', { name: '提交异议' }).click();
	const received = visitor.getByTestId('objection-receipt');
	await expect(received).toContainText('已收到您的异议');
	const receipt = /受理编号 ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(await received.innerText())?.[1];
	if (!receipt) throw new Error('no receipt');
	await look(visitor, testInfo, 'public-objection-received');
	await visitor.reload();
	await expect(notice).toBeVisible();
	await expect(visitor.locator('body')).not.toContainText(CONTACT);

	// The office: the objection with its contact; upheld, the nominee comes off the notice.
	const objection = await objectionWith(office, star, receipt);
	await expect(objection).toContainText(CONTACT);
	await expect(objection).toContainText(`针对：${objected}`);
	await star.getByRole('button', { name: '公布结果' }).click();
	await expect(star.locator('[data-problem="objections-unanswered"]')).toBeVisible();
	await objection.locator('label', { hasText: '异议成立' }).click();
	await objection.getByLabel('处理意见').fill('经核实，部分服务记录有误，异议成立。');
	await objection.getByRole('button', { name: '记录处理结果' }).click();
	await expect(objection.getByTestId('objection-outcome')).toContainText('异议成立');
	await objection.getByRole('button', { name: `撤销 ${objected} 的人选资格` }).click();
	await expect(star.getByTestId('nominee')).toHaveCount(1);
	await expect(star.getByTestId('nominee')).toContainText(kept);
	await star.getByRole('button', { name: '公布结果' }).click();
	await expect(star.locator('[data-problem="period-not-ended"]')).toBeVisible();
	await expect(star.locator('[data-problem="objections-unanswered"]')).toHaveCount(0);
	await look(office, testInfo, 'office-objection-upheld');

	// A notice posted on paper ten days ago for seven days: over, so the result is published.
	const cadre = office.getByTestId('award-exemplary-cadre');
	const [cadreName] = await draftAndDecide(cadre, 1);
	if (!cadreName) throw new Error('one nominee expected');
	await announce(cadre, shanghaiDay(-10), 7);
	await expect(cadre.getByTestId('notice-status')).toContainText('公示期已满');
	await cadre.getByRole('button', { name: '公布结果' }).click();
	await expect(cadre.getByTestId('award-state')).toHaveText('已公布');
	await expect(cadre.getByTestId('published-at')).toBeVisible();
	await look(office, testInfo, 'office-awards-published');

	const cadreLink = await cadre.getByTestId('notice-link').getAttribute('href');
	if (!cadreLink) throw new Error('no link to the published notice');
	await visitor.goto(cadreLink);
	await expect(visitor.getByTestId('public-published')).toBeVisible();
	await expect(visitor.getByTestId('public-nominee')).toHaveText([new RegExp(cadreName)]);
	await expect(visitor.getByTestId('objection-form')).toHaveCount(0);
	await look(visitor, testInfo, 'public-notice-published');
	// The first notice now lists only the nominee who stands.
	await visitor.goto(link);
	await expect(visitor.getByTestId('public-nominee')).toHaveText([new RegExp(kept)]);
	// A draft or an unknown award: the same "not found".
	await visitor.goto('/public/notices/award.org-zjj.2026.nothing');
	await expect(visitor.getByRole('alert')).toHaveText('没有找到这份公示，请核对链接。');

	// A member's app: what the bureau announced and published, from the replica.
	const memberContext = await browser.newContext({ baseURL, viewport: PHONE });
	const member = await memberContext.newPage();
	await signIn(member, 'member1');
	await member.goto('/year-end/awards');
	const results = member.getByTestId('announced-award');
	await expect(results).toHaveCount(2);
	await expect(results.filter({ hasText: '最美下沉干部' })).toContainText('已公布');
	await expect(results.filter({ hasText: '志愿服务之星' })).toContainText('公示中');
	await expect(member.locator('body')).not.toContainText(CONTACT);
	await look(member, testInfo, 'member-award-results');

	await Promise.all([officeContext.close(), visitorContext.close(), memberContext.close()]);
});
