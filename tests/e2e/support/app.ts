import { expect, type Page } from '@playwright/test';
import { readBadgePresentation } from '../../../src/lib/domain/codes/badge-presentation';
import { readBadgeToken } from '../../../src/lib/domain/codes/badge-token';

/** Demo accounts the end-to-end tests act as (see src/lib/server/demo-data.ts). */
export const PASSWORD = 'baodao-demo';

/** Signs in through the form and waits until the replica has synced once. */
export async function signIn(page: Page, username: string): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(PASSWORD);
	await page.getByRole('button', { name: '登录', exact: true }).click();
	await expect(page).toHaveURL(/\/$/);
	await waitForSync(page);
}

/** Waits until nothing is waiting to sync and the replica has synced at least once. */
export async function waitForSync(page: Page): Promise<void> {
	await expect(page.getByTestId('sync-pending')).toHaveText('已全部同步', { timeout: 20_000 });
}

/** Follows a link of the app's navigation (tab bar on phones, side bar on tablets). */
export async function openTab(page: Page, name: string): Promise<void> {
	await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name }).click();
}

/**
 * Waits until the "data on this device" list counts at least the demo bureau's organisations and
 * communities in the directory (7 + 11; badge keys come on top, as many as have been issued).
 */
export async function expectDirectoryHeld(page: Page): Promise<void> {
	const count = page.locator('details[data-collection="directory"] .count');
	await expect
		.poll(async () => Number((await count.textContent())?.replace(/\D/g, '') || 0))
		.toBeGreaterThanOrEqual(18);
}

/**
 * Waits until the service worker controls the page: only then does the app open its screens with
 * the network gone (before, a lazily loaded screen's code is not in any cache yet).
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** `datetime-local` text of an instant in Asia/Shanghai, as the form reads it. */
function shanghaiLocal(at: number): string {
	return new Date(at + 8 * 3_600_000).toISOString().slice(0, 16);
}

export interface BranchActivity {
	/** The activity type's label in the form. */
	type: string;
	title: string;
	place: string;
	/** Minutes from now: the start (negative: already begun) and the end. */
	startsIn: number;
	endsIn: number;
}

/**
 * Publishes an activity for the whole branch as its secretary (signed in on `page`), waits until
 * it is on the server, and answers its id.
 */
export async function publishBranchActivity(page: Page, activity: BranchActivity): Promise<string> {
	await page.goto('/activities/new');
	await page.getByLabel('活动类型').selectOption({ label: activity.type });
	await page.getByLabel('活动名称').fill(activity.title);
	await page.getByLabel('地点').fill(activity.place);
	const at = (minutes: number) => shanghaiLocal(Date.now() + minutes * 60_000);
	await page.getByLabel('开始时间（北京时间）').fill(at(activity.startsIn));
	await page.getByLabel('结束时间（北京时间）').fill(at(activity.endsIn));
	await page.getByLabel(/主办支部全体党员/).check();
	await page.getByRole('button', { name: '发布', exact: true }).click();
	await expect(page).toHaveURL(/\/activities\/act-[a-z0-9]+$/);
	await waitForSync(page);
	return page.url().split('/').pop() ?? '';
}

/**
 * The member signed in on `page` takes a badge (this needs the network). The phone shows it as a
 * presentation signed for the current 30-second window, never the badge itself: answers that
 * presentation and the name it carries.
 */
export async function takeBadge(page: Page): Promise<{ presentation: string; name: string }> {
	await page.goto('/profile');
	await page.getByRole('button', { name: '领取胸牌' }).click();
	const badge = page.locator('[data-code^="BP1~"]');
	await expect(badge).toBeVisible({ timeout: 20_000 });
	const presentation = (await badge.getAttribute('data-code')) ?? '';
	const name = readBadgeToken(readBadgePresentation(presentation)?.token ?? '')?.claims.name ?? '';
	expect(name).not.toBe('');
	return { presentation, name };
}
