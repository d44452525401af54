import { expect, test, type Browser, type Page } from '@playwright/test';
import { openTab, signIn, waitForServiceWorkerControl, waitForSync } from './support/app';
import { look, PHONE, TABLET } from './support/look';

/** `member7` (m007, branch 1, linked to community 1): an electrician the demo asks nothing of. */
const MEMBER = { username: 'member7', id: 'm007' };
const SKILL = '电工维修';
const FIELD = '医疗卫生';

async function device(
	browser: Browser,
	baseURL: string | undefined,
	viewport: { width: number; height: number },
	username: string
): Promise<Page> {
	const context = await browser.newContext({ baseURL, viewport });
	const page = await context.newPage();
	await signIn(page, username);
	// Screens are opened offline later: their code must be in the worker's cache first.
	await waitForServiceWorkerControl(page);
	return page;
}

/** `YYYY-MM-DD` and `YYYY-MM-DDTHH:mm` in Asia/Shanghai, `days` from now, as the forms read them. */
function shanghaiDay(days: number): string {
	return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A real photo: a JPEG the browser encodes from a drawn canvas, as a phone camera would give. */
async function jpeg(page: Page, hue: number): Promise<Buffer> {
	const base64 = await page.evaluate((h) => {
		const canvas = document.createElement('canvas');
		canvas.width = 1200;
		canvas.height = 900;
		const g = canvas.getContext('2d');
		if (!g) throw new Error('no 2d context');
		const gradient = g.createLinearGradient(0, 0, 1200, 900);
		gradient.addColorStop(0, `hsl(${h} 70% 55%)`);
		gradient.addColorStop(1, `hsl(${(h + 120) % 360} 60% 35%)`);
		g.fillStyle = gradient;
		g.fillRect(0, 0, 1200, 900);
		g.fillStyle = 'white';
		g.font = '96px sans-serif';
		g.fillText('服务照片', 360, 480);
		return canvas.toDataURL('image/jpeg', 0.9).split(',')[1] ?? '';
	}, hue);
	return Buffer.from(base64, 'base64');
}

function duties(page: Page, memberId: string) {
	return page.getByTestId('duty-member-year').locator(`li[data-member-id="${memberId}"]`);
}

/** Publishes an item from the community's desk and answers its id, once it is on the server. */
async function publish(page: Page, kind: 'project' | 'micro-wish', fill: () => Promise<void>) {
	await page.goto('/services/desk');
	await page.getByTestId(`desk-publish-${kind}`).click();
	await expect(page.locator(`form[data-testid="item-form"][data-kind="${kind}"]`)).toBeVisible();
	await fill();
	await page.getByRole('button', { name: '发布', exact: true }).click();
	await expect(page).toHaveURL(/\/services\/desk\/it-[a-z0-9-]+$/);
	await waitForSync(page);
	return page.url().split('/').pop() ?? '';
}

/**
 * The marketplace end to end (R15, R16): the community publishes a project and a micro-wish; the
 * member whose skills they ask for sees them first with the reason, claims both and marks the wish
 * done with a photo, all offline; back online the photo reaches the community, which confirms;
 * and the branch secretary sees the member's micro-wish counted toward the year's duties.
 */
test('publish, claim offline, done with a photo offline, confirmed, counted for R16', async ({
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(360_000);
	const stamp = Date.now().toString(36);
	const projectTitle = `楼道线路检修 ${stamp}`;
	const wishTitle = `修好老人家的台灯 ${stamp}`;

	// The secretary's starting point: member7 has no micro-wish this year.
	const secretary = await device(browser, baseURL, TABLET, 'secretary1');
	await secretary.goto('/branch');
	await expect(duties(secretary, MEMBER.id).locator('[data-part="wish"]')).toHaveAttribute(
		'data-met',
		'false'
	);

	// Community 1 publishes a project and a micro-wish asking for an electrician.
	const community = await device(browser, baseURL, TABLET, 'community1');
	const projectId = await publish(community, 'project', async () => {
		await community.getByLabel('标题', { exact: true }).fill(projectTitle);
		await community.getByLabel('内容说明').fill('检查楼道线路和照明，更换损坏的开关。');
		await community.getByRole('checkbox', { name: SKILL }).check();
		await community.getByRole('checkbox', { name: FIELD }).check();
		await community.getByLabel('开始时间', { exact: true }).fill(`${shanghaiDay(3)}T09:00`);
		await community.getByLabel('结束时间', { exact: true }).fill(`${shanghaiDay(3)}T12:00`);
		await community.getByLabel('地点', { exact: true }).fill('丰收社区3号楼');
		await community.getByLabel('名额', { exact: true }).fill('2');
	});
	const wishPhoto = await jpeg(community, 30);
	const wishId = await publish(community, 'micro-wish', async () => {
		await community.getByLabel('标题', { exact: true }).fill(wishTitle);
		await community.getByLabel('内容说明').fill('独居老人的台灯不亮了，希望有人帮忙修好。');
		await community.getByRole('checkbox', { name: SKILL }).check();
		await community.getByLabel('截止日期', { exact: true }).fill(shanghaiDay(10));
		await community
			.locator('form[data-testid="item-form"] input[type="file"]')
			.first()
			.setInputFiles({ name: 'wish.jpg', mimeType: 'image/jpeg', buffer: wishPhoto });
		await community.getByLabel('居民姓名').fill('马桂兰');
	});
	await look(community, testInfo, 'community1-desk-item');

	// The member sees both first, each with the reason.
	const member = await device(browser, baseURL, PHONE, MEMBER.username);
	await openTab(member, '服务');
	const list = member.getByTestId('service-items').locator('article[data-item]');
	await expect(list.nth(0)).toHaveAttribute('data-item', projectId);
	await expect(list.nth(1)).toHaveAttribute('data-item', wishId);
	await expect(list.nth(0).getByTestId('match-reasons')).toContainText(`匹配：${SKILL}`);
	await expect(list.nth(0).getByTestId('match-reasons')).toContainText(FIELD);
	await expect(list.nth(1).getByTestId('match-reasons')).toContainText(`匹配：${SKILL}`);
	await look(member, testInfo, 'member7-services');

	// Offline: claim the project and the wish.
	await member.context().setOffline(true);
	await expect(member.getByText('离线', { exact: true })).toBeVisible();
	await list.nth(0).getByRole('link', { name: projectTitle }).click();
	const panel = member.getByTestId('claim-panel');
	await panel.getByRole('button', { name: '认领', exact: true }).click();
	await expect(panel).toContainText('已认领，等待服务器确认名额');
	await expect(panel).toContainText('服务开始后才能标记完成');

	await member.goto(`/services/${wishId}`);
	await expect(member.getByTestId('resident')).toContainText('某小区居民');
	await panel.getByRole('button', { name: '认领', exact: true }).click();
	await expect(member.getByTestId('claim-status')).toHaveAttribute('data-status', 'pending');
	await look(member, testInfo, 'member7-wish-claimed-offline');

	// Online, the server gives the places in the order it received the claims.
	await member.context().setOffline(false);
	await waitForSync(member);
	await expect(member.getByTestId('claim-status')).toHaveAttribute('data-status', 'holding', {
		timeout: 30_000
	});

	// Offline again, the member marks the wish done with a photo taken on the phone.
	await member.context().setOffline(true);
	await expect(member.getByText('离线', { exact: true })).toBeVisible();
	await member.getByRole('button', { name: '标记完成' }).click();
	await member.getByLabel('服务说明').fill('换了灯泡和开关，台灯能用了。');
	await member.getByLabel('服务时长（分钟）').fill('45');
	const donePhoto = await jpeg(member, 200);
	await member
		.locator('input[type="file"]')
		.first()
		.setInputFiles({ name: 'done.jpg', mimeType: 'image/jpeg', buffer: donePhoto });
	await member.getByRole('button', { name: '提交完成情况' }).click();
	await expect(panel).toContainText('已提交，等待社区确认');
	await expect(member.getByTestId('claim-status')).toHaveAttribute('data-status', 'done');
	await look(member, testInfo, 'member7-wish-done-offline');

	// Online again: the claim, then the photo, reach the server.
	await member.context().setOffline(false);
	await waitForSync(member);
	await expect(member.getByTestId('evidence-waiting')).toHaveCount(0, { timeout: 90_000 });

	// The community sees the done claim with its photo, and confirms it.
	await community.goto(`/services/desk/${wishId}`);
	const claim = community.locator('article[data-testid="desk-claim"]');
	await expect(claim).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
	await expect(claim.getByRole('heading', { level: 3 })).toBeVisible();
	const photo = claim.locator('img');
	await expect
		.poll(
			async () => {
				await community.reload();
				await waitForSync(community);
				// Wait until the photo is loaded or known missing: an image only once the server has it.
				await expect(claim.locator('[aria-busy="true"]')).toHaveCount(0);
				if ((await photo.count()) === 0) return 0;
				return photo.first().evaluate((img) => (img as HTMLImageElement).naturalWidth);
			},
			{ timeout: 120_000 }
		)
		.toBeGreaterThan(0);
	await look(community, testInfo, 'community1-claim-with-photo');
	await claim.getByRole('button', { name: '确认完成' }).click();
	await expect(claim).toHaveAttribute('data-status', 'confirmed');
	await waitForSync(community);

	// The member's micro-wish now counts: on the secretary's branch screen and the member's own.
	await expect(duties(secretary, MEMBER.id).locator('[data-part="wish"]')).toHaveAttribute(
		'data-met',
		'true',
		{ timeout: 30_000 }
	);
	await expect(duties(secretary, MEMBER.id).locator('[data-part="wish"]')).toContainText(
		'微心愿 1/1'
	);
	await look(secretary, testInfo, 'secretary1-branch');

	await expect(member.getByTestId('claim-status')).toHaveAttribute('data-status', 'confirmed', {
		timeout: 30_000
	});
	await openTab(member, '活动');
	await expect(member.getByTestId('my-duties').locator('[data-part="wish"]')).toHaveAttribute(
		'data-met',
		'true'
	);

	for (const page of [secretary, community, member]) await page.context().close();
});
