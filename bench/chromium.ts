import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from '../tests/support/chromium-launch';

/** Headless Debian Chromium as the benchmarks drive it (tests/support/chromium-launch.ts). */
export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [...QUIET_CHROMIUM_ARGS, '--disable-gpu']
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
