import { expect, test, type Request } from '@playwright/test';
import { signIn } from './support/app';

test('a device that has synced holds at most 2 long-lived connections', async ({ page }) => {
	const pending = new Set<Request>();
	page.on('request', (request) => pending.add(request));
	page.on('requestfinished', (request) => pending.delete(request));
	page.on('requestfailed', (request) => pending.delete(request));
	await signIn(page, 'member12');

	// Once the page is idle, only its long-lived connections stay open (one longpoll per live
	// collection used to keep four).
	await expect.poll(() => pending.size, { timeout: 30_000 }).toBeLessThanOrEqual(2);
	const held = [...pending];
	// A request sent now comes back while those stay open: they are long-lived, not merely slow.
	await page.evaluate(() => fetch('/api/session').then((response) => response.text()));
	const open = held.filter((request) => pending.has(request));
	expect(open.length).toBeLessThanOrEqual(2);
	expect(open.map((request) => new URL(request.url()).pathname)).toContain('/sync/_stream');
});
