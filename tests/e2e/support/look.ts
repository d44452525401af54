import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo, type ViewportSize } from '@playwright/test';

export const TABLET = { width: 1024, height: 768 };
export const PHONE = { width: 390, height: 844 };
/** A tablet held upright, the way the roster and accounts screens are used at the office desk. */
export const UPRIGHT_TABLET = { width: 820, height: 1180 };

/**
 * Looks at the screen on a phone and on a tablet: no sideways scrolling, no serious accessibility
 * violation, and a full-page screenshot of each kept with the test's results.
 */
export async function look(
	page: Page,
	testInfo: TestInfo,
	name: string,
	tablet: ViewportSize = TABLET
): Promise<void> {
	const original = page.viewportSize();
	for (const [size, viewport] of [
		['phone', PHONE],
		['tablet', tablet]
	] as const) {
		await page.setViewportSize(viewport);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - window.innerWidth
		);
		expect(overflow, `${name} scrolls sideways on a ${size}`).toBeLessThanOrEqual(0);
		const results = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
			.analyze();
		const serious = results.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
		expect(serious, `${name} accessibility on a ${size}`).toEqual([]);
		const path = testInfo.outputPath(`${size}-${name}.png`);
		await page.screenshot({ path, fullPage: true });
		await testInfo.attach(`${size}-${name}`, { path, contentType: 'image/png' });
	}
	if (original) await page.setViewportSize(original);
}
