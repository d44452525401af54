import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn, waitForSync } from './support/app';

/**
 * Every main screen of every role, on a phone and on a tablet: an accessibility check (axe, WCAG
 * 2.1 A/AA), no sideways scrolling, and a screenshot kept with the test results to look at.
 */
const SCREENS: { username: string; part: string; paths: string[] }[] = [
	{ username: 'member3', part: 'reporting', paths: ['/', '/report', '/notices', '/profile'] },
	{ username: 'member3', part: 'events', paths: ['/activities', '/activities/act-demo-br1-unity'] },
	{
		username: 'community2',
		part: 'all',
		paths: ['/', '/review', '/residents', '/activities/new', '/ledger']
	},
	{ username: 'secretary1', part: 'branch', paths: ['/', '/branch'] },
	{
		username: 'secretary1',
		part: 'ledger',
		paths: ['/ledger', '/ledger/print', '/ledger/meetings/act-demo-br1-joint']
	},
	{
		username: 'secretary1',
		part: 'events',
		paths: ['/activities', '/activities/act-demo-br1-partyday']
	},
	{
		username: 'office1',
		part: 'all',
		paths: ['/', '/coverage', '/coverage/pairing', '/coverage/br1', '/coverage/member/m003']
	},
	{ username: 'office1', part: 'ledger', paths: ['/coverage/ledger', '/ledger'] }
];

const VIEWPORTS = [
	{ name: 'phone', width: 390, height: 844 },
	{ name: 'tablet', width: 1024, height: 768 }
];

for (const viewport of VIEWPORTS) {
	for (const { username, part, paths } of SCREENS) {
		test(`${username}'s screens (${part}) on a ${viewport.name}`, async ({ page }, testInfo) => {
			// Several screens, each synced and checked by axe: more than one default test's time.
			test.setTimeout(120_000);
			await page.setViewportSize({ width: viewport.width, height: viewport.height });
			await signIn(page, username);
			for (const path of paths) {
				await page.goto(path);
				await waitForSync(page);
				await expect(page.locator('main')).not.toContainText('正在打开本地数据');

				const overflow = await page.evaluate(
					() => document.documentElement.scrollWidth - window.innerWidth
				);
				expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);

				const results = await new AxeBuilder({ page })
					.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
					.analyze();
				const serious = results.violations
					.filter((v) => v.impact === 'serious' || v.impact === 'critical')
					.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
				expect(serious, `${path} accessibility`).toEqual([]);

				const name = `${viewport.name}-${username}${path === '/' ? '-home' : path.replaceAll('/', '-')}.png`;
				await page.screenshot({ path: testInfo.outputPath(name), fullPage: true });
			}
		});
	}
}
