import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueRows } from '../../src/lib/domain/records/approval-queue';
import type { Approval } from '../../src/lib/domain/records/approvals';
import { isCorrection } from '../../src/lib/domain/records/corrections';
import { approvalOf } from '../../src/lib/domain/records/record-drafts';
import { recordViews } from '../../src/lib/domain/records/record-status';
import { isServiceRecord } from '../../src/lib/domain/records/service-record';
import { isReview } from '../../src/lib/domain/reporting/reviews';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

/**
 * The secretary's "批准所选" writes every approval of a batch in one bulk write, each checked as
 * the gateway would: one the gateway would refuse refuses the batch before anything is stored.
 */
describe('approving a batch on the tablet', () => {
	let world: World;
	let tablet: TestDevice;

	beforeAll(async () => {
		world = await World.start(['secretary1']);
		tablet = await world.device('secretary1');
		await tablet.sync();
	});
	afterAll(async () => {
		await tablet.setOffline(false);
		await world.close();
	});

	async function waitingRows() {
		const reports = await tablet.find('reports');
		const reviews = await tablet.find('reviews');
		const rows = queueRows(
			recordViews({
				records: reports.filter(isServiceRecord),
				corrections: reports.filter(isCorrection),
				reviews: reviews.filter(isReview),
				approvals: reviews.filter((doc): doc is Approval => !isReview(doc))
			})
		);
		return rows.filter((row) => row.state === 'needs-approval' && row.subject === 'record');
	}

	it('stores none of a batch holding one approval the gateway would refuse', async () => {
		await tablet.setOffline(true);
		const rows = (await waitingRows()).slice(0, 3);
		expect(rows).toHaveLength(3);
		const batch = rows.map(({ view: { record } }, index) => ({
			// The last one claims another approver: not the signed-in secretary's to write.
			next: approvalOf(
				record,
				index === 2 ? 'secretary9' : 'secretary1',
				{ decision: 'approved' },
				new Date()
			),
			subject: record
		}));
		await expect(tablet.writeAllChecked('reviews', batch)).rejects.toMatchObject({
			reason: 'not-owner'
		});
		const held = await tablet.ids('reviews');
		for (const { next } of batch) expect(held).not.toContain(next.id);
	});

	it('stores a whole batch offline at once, each record then approved', async () => {
		const rows = (await waitingRows()).slice(0, 5);
		await tablet.writeAllChecked(
			'reviews',
			rows.map(({ view: { record } }) => ({
				next: approvalOf(record, 'secretary1', { decision: 'approved' }, new Date()),
				subject: record
			}))
		);
		const stillWaiting = new Set((await waitingRows()).map((row) => row.id));
		for (const row of rows) expect(stillWaiting.has(row.id)).toBe(false);
		expect((await tablet.status()).pending).toBe(5);
	});
});
