import { expect, test } from '@playwright/test';
import { allocate } from '../../src/lib/domain/marketplace/allocation';
import type { ClaimReceipt } from '../../src/lib/domain/marketplace/claim-receipts';
import type { Claim } from '../../src/lib/domain/marketplace/claim-record';
import { isServiceItem, type ServiceItem } from '../../src/lib/domain/marketplace/service-items';
import { buildDemoData } from '../../src/lib/server/demo/demo-data';
import { signIn } from './support/app';

/**
 * The demo's claims, drawn from a fixed seed: the same the app's store holds, and the server's
 * claim worker places them as `allocate` does. A demo project has more claims than places.
 */
const demo = buildDemoData(new Date());
const attendance = demo.docs.attendance;
const waiting = demo.docs.activities
	.filter((doc) => isServiceItem({ kind: doc['kind'] }))
	.map((doc) => doc as unknown as ServiceItem)
	.flatMap((item) => {
		const claims = attendance.filter(
			(doc) => doc['kind'] === 'claim' && doc['itemId'] === item.id
		) as unknown as Claim[];
		const receipts = attendance.filter(
			(doc) => doc['kind'] === 'claim-receipt' && doc['itemId'] === item.id
		) as unknown as ClaimReceipt[];
		const { placements } = allocate(item, claims, receipts);
		return claims.flatMap((claim) => {
			const placement = placements.get(claim.id);
			const account = demo.accounts.find((a) => a.memberId === claim.memberId);
			return placement?.standing === 'waiting' && account
				? [{ item, username: account.username, position: placement.position }]
				: [];
		});
	})[0];

const VIEWPORTS = [
	{ name: 'phone', width: 390, height: 844 },
	{ name: 'tablet', width: 1024, height: 768 }
];

for (const viewport of VIEWPORTS) {
	test(`a member on the waiting list is told so in 消息, on a ${viewport.name}`, async ({
		page
	}) => {
		expect(waiting, 'the demo has a claim on a waiting list').toBeDefined();
		if (!waiting) return;
		await page.setViewportSize({ width: viewport.width, height: viewport.height });
		await signIn(page, waiting.username);
		// A member's tab bar has 服务 in its place: 消息 opens from the home screen.
		await page.getByRole('link', { name: '查看消息' }).click();
		const notice = page.locator('li[data-kind="claim"]').filter({ hasText: waiting.item.title });
		await expect(notice).toContainText(
			`「${waiting.item.title}」名额已满，您已在候补名单第 ${waiting.position} 位，有名额空出时会通知您。`,
			{ timeout: 30_000 }
		);
		await notice.getByRole('link', { name: '查看服务' }).click();
		await expect(page).toHaveURL(new RegExp(`/services/${waiting.item.id}$`));
		const hasScroll = await page.evaluate(
			() => document.documentElement.scrollWidth > document.documentElement.clientWidth
		);
		expect(hasScroll).toBe(false);
	});
}
