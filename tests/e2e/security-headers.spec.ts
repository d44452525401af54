import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { signIn, waitForSync } from './support/app';
import { launchWithCamera, writeQrVideo } from './support/fake-camera';

/**
 * The security headers on pages, API and sync answers, and the app working under its own Content
 * Security Policy: every screen of every role opens without the browser refusing anything.
 */

function expectCommonHeaders(response: APIResponse) {
	const headers = response.headers();
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['x-frame-options']).toBe('DENY');
	expect(headers['referrer-policy']).toBe('no-referrer');
	expect(headers['strict-transport-security']).toBeUndefined();
}

test('pages, API and sync answers carry the security headers', async ({ request }) => {
	const page = await request.get('/login');
	expect(page.headers()['content-type']).toMatch(/^text\/html/);
	expectCommonHeaders(page);
	const policy = page.headers()['content-security-policy'] ?? '';
	expect(policy).toContain("frame-ancestors 'none'");
	expect(policy).toContain("connect-src 'self'");
	expect(policy).toContain("worker-src 'self'");
	expect(policy).toContain("'wasm-unsafe-eval'");
	// The shell's inline start-up script is allowed by its hash alone, never by 'unsafe-inline'.
	expect(policy).toMatch(/script-src 'self'[^;]* 'sha256-[A-Za-z0-9+/=]+'/);
	expect(policy).not.toContain('unsafe-inline');

	for (const path of ['/api/session', '/sync/']) {
		const answer = await request.get(path);
		expect(answer.status()).toBe(401);
		expectCommonHeaders(answer);
		expect(answer.headers()['content-security-policy']).toBe(
			"default-src 'none'; frame-ancestors 'none'"
		);
	}
});

test('HSTS is sent when the proxy says the request came over HTTPS', async ({ request }) => {
	for (const path of ['/login', '/api/session']) {
		const answer = await request.get(path, { headers: { 'x-forwarded-proto': 'https' } });
		expect(answer.headers()['strict-transport-security']).toBe('max-age=31536000');
	}
});

/** Collects what the page's policy refused, as events and as console errors, across navigations. */
async function watchPolicy(page: Page): Promise<string[]> {
	const refused: string[] = [];
	await page.exposeFunction('reportPolicyViolation', (text: string) => refused.push(text));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const host = window as unknown as { reportPolicyViolation: (text: string) => void };
			host.reportPolicyViolation(
				`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
			);
		});
	});
	page.on('console', (message) => {
		if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
			refused.push(message.text());
		}
	});
	return refused;
}

const SCREENS: { username: string; paths: string[] }[] = [
	{ username: 'member3', paths: ['/', '/report', '/notices', '/profile', '/activities'] },
	{ username: 'community2', paths: ['/', '/review', '/residents', '/activities/new'] },
	{ username: 'secretary1', paths: ['/branch', '/activities/act-demo-br1-partyday'] },
	{ username: 'office1', paths: ['/coverage', '/coverage/br1', '/coverage/member/m003'] }
];

for (const { username, paths } of SCREENS) {
	test(`${username}'s screens open without a policy violation`, async ({ page }) => {
		const refused = await watchPolicy(page);
		await signIn(page, username);
		for (const path of paths) {
			await page.goto(path);
			await waitForSync(page);
			await expect(page.locator('main')).not.toContainText('正在打开本地数据');
		}
		expect(refused).toEqual([]);
	});
}

test('the camera scanner works under the policy', async ({ baseURL }, testInfo) => {
	const video = testInfo.outputPath('qr.y4m');
	writeQrVideo('BAODAO-CSP', video);
	const browser = await launchWithCamera(video);
	try {
		const context = await browser.newContext({ baseURL });
		const page = await context.newPage();
		const refused = await watchPolicy(page);
		await signIn(page, 'member1');
		await page.goto('/scan-check');
		await expect(page.getByTestId('decoded').first()).toHaveText('BAODAO-CSP', {
			timeout: 15_000
		});
		expect(refused).toEqual([]);
	} finally {
		await browser.close();
	}
});
