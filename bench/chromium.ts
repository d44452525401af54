import { chromium, type Browser, type Page } from '@playwright/test';

/**
 * Headless Debian Chromium as the benchmarks drive it (CHROMIUM_PATH, else /usr/bin/chromium),
 * with the flags this machine needs (README): no sandbox, no background traffic of its own.
 */
export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-gpu'
		]
	});
}

/** Until the app's header says every change is on the server. */
export async function waitUntilSynced(page: Page, timeoutMs: number): Promise<void> {
	await page.waitForFunction(
		() =>
			document.querySelector('[data-testid="sync-pending"]')?.textContent?.trim() === '已全部同步',
		undefined,
		{ timeout: timeoutMs }
	);
}
