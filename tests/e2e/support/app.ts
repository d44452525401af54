import { expect, type Page } from '@playwright/test';

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
