import { chromium, type Browser } from '@playwright/test';

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
