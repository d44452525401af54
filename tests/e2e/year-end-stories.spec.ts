import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn, waitForServiceWorkerControl, waitForSync } from './support/app';
import { look, PHONE, TABLET } from './support/look';

/** `member88` writes the story, `member89` reads it: no other spec uses either. */
const WRITER = 'member88';
const READER = 'member89';

/** A real photo: a JPEG the browser encodes from a drawn canvas, as a phone camera would give. */
async function jpeg(page: Page, hue: number): Promise<Buffer> {
	const base64 = await page.evaluate((h) => {
		const canvas = document.createElement('canvas');
		canvas.width = 1200;
		canvas.height = 900;
		const g = canvas.getContext('2d');
		if (!g) throw new Error('no 2d context');
		g.fillStyle = `hsl(${h} 60% 45%)`;
		g.fillRect(0, 0, 1200, 900);
		g.fillStyle = 'white';
		g.font = '96px sans-serif';
		g.fillText('服务照片', 360, 480);
		return canvas.toDataURL('image/jpeg', 0.9).split(',')[1] ?? '';
	}, hue);
	return Buffer.from(base64, 'base64');
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

/** Whether every photo in the area has loaded as a picture. */
async function expectPhotosShown(page: Page, count: number) {
	const images = page.locator('article img');
	await expect(images).toHaveCount(count);
	for (const image of await images.all()) {
		await expect
			.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
			.toBeGreaterThan(0);
	}
}

/**
 * R22 end to end: a member writes a story with a photo offline, it reaches the server once back
 * online; the office publishes it; it shows on the public page without signing in (phone first)
 * and in another member's app; taken down, the public page no longer has it.
 */
test('stories: written offline with a photo, published, public and in the app', async ({
	browser,
	baseURL,
	request
}, testInfo) => {
	test.setTimeout(240_000);
	const stamp = Date.now().toString(36);
	const title = `楼道灯亮了 ${stamp}`;
	const body =
		'小区楼道的灯坏了半年，我们和社区一起联系物业，\n三天后，灯亮了，老人们晚上下楼不再摸黑。';
	let storyId = '';

	const writer = await device(browser, baseURL, PHONE, WRITER);
	// The form is opened offline: the app's code must be in the worker's cache first.
	await waitForServiceWorkerControl(writer);

	await test.step('the member sees the published stories and an empty list of their own', async () => {
		await writer.goto('/year-end/stories');
		await expect(writer.getByTestId('published-stories')).toContainText('暴雨夜里的转移');
		await writer.getByRole('link', { name: '我的故事' }).click();
		await expect(writer.getByText('您还没有写过故事')).toBeVisible();
		await look(writer, testInfo, 'member-stories-empty');
	});

	await test.step('offline, the member writes a story with a photo and sends it', async () => {
		await writer.getByRole('link', { name: '写故事' }).click();
		const form = writer.getByTestId('story-form');
		await expect(form).toBeVisible();
		await writer.context().setOffline(true);
		await expect(writer.getByText('离线', { exact: true })).toBeVisible();
		// Nothing written: the form says what is missing.
		await form.getByRole('button', { name: '提交审核' }).click();
		await expect(form.locator('[data-problem="title-missing"]')).toHaveText('请填写标题。');
		await form.getByLabel('标题').fill(title);
		await form.getByText('急难险重').click();
		await form.getByLabel('正文').fill(body);
		await form
			.locator('input[type="file"]:not([capture])')
			.setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await jpeg(writer, 20) });
		await expect(form.locator('.thumbs img')).toHaveCount(1);
		await look(writer, testInfo, 'member-story-form-offline');
		await form.getByRole('button', { name: '提交审核' }).click();
		const mine = writer.getByTestId('my-stories');
		const item = mine.locator('li', { hasText: title });
		await expect(item).toContainText('待审核');
		await expect(writer.getByTestId('sync-pending')).not.toHaveText('已全部同步');
		storyId = (await item.getAttribute('data-story')) ?? '';
		expect(storyId).toMatch(/^story\.member88\.[a-z0-9]{12}$/);
		await look(writer, testInfo, 'member-my-stories-offline');
	});

	await test.step('back online, the story and its photo reach the server', async () => {
		await writer.context().setOffline(false);
		await waitForSync(writer);
		const session = await request.post('/api/session', {
			data: { username: WRITER, password: 'baodao-demo' }
		});
		expect(session.ok()).toBe(true);
		const stored = await request.get(
			`/sync/evaluations/_all_docs?keys=${JSON.stringify([storyId])}&include_docs=true`
		);
		const [row] = ((await stored.json()) as { rows: { doc?: Record<string, unknown> }[] }).rows;
		expect(row?.doc).toMatchObject({ title, category: 'emergency', orgId: 'org-zjj' });
		const [photo] = (row?.doc?.['photos'] as string[] | undefined) ?? [];
		await expect
			.poll(
				async () =>
					(
						await request.get(
							`/api/files/${photo}?doc=${encodeURIComponent(`evaluations/${storyId}`)}`
						)
					).status(),
				{ timeout: 60_000 }
			)
			.toBe(200);
	});

	// Not published yet: the public page answers as for a story that does not exist.
	const visitor = await (await browser.newContext({ baseURL, viewport: PHONE })).newPage();
	await visitor.goto(`/public/stories/${storyId}`);
	await expect(visitor.getByText('没有找到这篇故事')).toBeVisible();

	const office = await device(browser, baseURL, TABLET, 'office1');
	await test.step('the office finds it in its queue, and a member cannot publish', async () => {
		await office.goto('/year-end/stories');
		const queue = office.getByTestId('story-queue');
		await expect(queue).toContainText('疫苗接种点的志愿者');
		await expect(queue.getByRole('link', { name: title })).toBeVisible({ timeout: 30_000 });
		await look(office, testInfo, 'office-story-queue');
		// The member's own view of the story offers no review.
		await writer.goto(`/year-end/stories/${storyId}`);
		await expect(writer.getByRole('heading', { name: title })).toBeVisible();
		await expect(writer.getByTestId('review-panel')).toHaveCount(0);
	});

	await test.step('the office publishes it', async () => {
		await office.getByTestId('story-queue').getByRole('link', { name: title }).click();
		await expect(office.getByRole('heading', { name: title })).toBeVisible();
		await expectPhotosShown(office, 1);
		const panel = office.getByTestId('review-panel');
		await look(office, testInfo, 'office-story-review');
		await panel.getByRole('button', { name: '发布', exact: true }).click();
		await expect(panel).toContainText('已发布');
		await waitForSync(office);
	});

	await test.step('anyone reads it on the public page, on a phone, without signing in', async () => {
		await visitor.goto('/public/stories');
		const list = visitor.getByTestId('public-stories');
		await expect(list.getByRole('link', { name: title })).toBeVisible();
		await look(visitor, testInfo, 'public-stories');
		await list.getByRole('link', { name: title }).click();
		const story = visitor.getByTestId('public-story');
		await expect(story.getByRole('heading', { name: title })).toBeVisible();
		await expect(story).toContainText('三天后，灯亮了');
		await expect(story).toContainText('急难险重');
		await expectPhotosShown(visitor, 1);
		await look(visitor, testInfo, 'public-story');
	});

	await test.step("it shows in another member's app", async () => {
		const reader = await device(browser, baseURL, PHONE, READER);
		await reader.goto('/year-end/stories');
		const published = reader.getByTestId('published-stories');
		await expect(published.getByRole('link', { name: title })).toBeVisible({ timeout: 30_000 });
		await published.getByRole('link', { name: title }).click();
		await expect(reader.getByRole('heading', { name: title })).toBeVisible();
		await expectPhotosShown(reader, 1);
		await look(reader, testInfo, 'member-published-story');
		await reader.context().close();
	});

	await test.step('taken down with a reason, it leaves the public page; the author reads why', async () => {
		const panel = office.getByTestId('review-panel');
		await panel.getByRole('button', { name: '撤下' }).click();
		await expect(panel.locator('[data-problem="reason-missing"]')).toBeVisible();
		await panel.getByLabel('意见').fill('照片中有居民正脸，请更换后重新提交。');
		await panel.getByRole('button', { name: '撤下' }).click();
		await expect(panel).toContainText('已撤下');
		await waitForSync(office);
		await visitor.goto(`/public/stories/${storyId}`);
		await expect(visitor.getByText('没有找到这篇故事')).toBeVisible();
		await writer.goto('/year-end/stories?tab=mine');
		const item = writer.getByTestId('my-stories').locator('li', { hasText: title });
		await expect(item).toContainText('已撤下', { timeout: 30_000 });
		await expect(item).toContainText('照片中有居民正脸');
	});
});
