import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../src/lib/domain/calendar/shanghai-calendar';
import type { Agreement } from '../../src/lib/domain/ledger/agreements';
import { agreementNoticeId, type Notice } from '../../src/lib/domain/messages/notices';
import { plainOf, type StoredDoc } from '../../src/lib/server/stored-doc';
import type { TestDevice } from '../support/test-device';
import { NOW, World } from '../support/world';

const DAY = 24 * 3_600_000;

/**
 * R3's reminder: the summary worker tells the secretary, once, that her branch's agreement ends
 * within 30 days. The demo's branch 1 agreement ends 20 days after the demo was made.
 */
describe('the agreement reminder', () => {
	let clock = NOW;
	let world: World;
	let tablet: TestDevice;
	let agreement: Agreement;

	beforeAll(async () => {
		world = await World.start(['secretary1', 'member2'], { now: () => clock });
		tablet = await world.device('secretary1');
		const rows = await world.db('ledger').allDocs({
			startkey: 'ag.br1.',
			endkey: 'ag.br1.\ufff0',
			include_docs: true
		});
		agreement = plainOf<Agreement>(rows.rows[0]?.doc as StoredDoc);
	});
	afterAll(() => world.close());

	async function agreementNotices(): Promise<StoredDoc[]> {
		const all = await world.db('notices').allDocs({ include_docs: true });
		return all.rows.flatMap((row) =>
			row.doc && row.doc['kind'] === 'agreement-ending' ? [row.doc as StoredDoc] : []
		);
	}

	it("writes one notice to the secretary's account about her branch's agreement", async () => {
		expect(agreement.endsOn).toBe(
			new Date(NOW.getTime() + 20 * DAY + 8 * 3_600_000).toISOString().slice(0, 10)
		);
		const notices = await agreementNotices();
		expect(notices.map((doc) => plainOf<Notice>(doc))).toEqual([
			{
				id: agreementNoticeId('secretary1', 'br1', agreement.endsOn),
				kind: 'agreement-ending',
				recipient: 'secretary1',
				branchId: 'br1',
				docCollection: 'ledger',
				docId: agreement.id,
				endsOn: agreement.endsOn,
				createdAt: NOW.toISOString(),
				channels: ['user:secretary1']
			}
		]);
	});

	it("reaches the secretary's device and no one else's", async () => {
		const id = agreementNoticeId('secretary1', 'br1', agreement.endsOn);
		await tablet.sync();
		const [held] = await tablet.waitFor('notices', { id });
		expect(held).toMatchObject({ kind: 'agreement-ending', endsOn: agreement.endsOn });
		const phone = await world.device('member2');
		await phone.sync();
		expect(await phone.find('notices', { id })).toEqual([]);
	});

	it('writes it only once, however many days the worker looks again', async () => {
		const [before] = await agreementNotices();
		for (const days of [1, 2, 10]) {
			clock = new Date(NOW.getTime() + days * DAY);
			await world.server.app.summaries?.idle();
			const checkpoint = (await world.db('config').get('summary-checkpoint')) as { day?: string };
			// The worker did look on that day.
			expect(checkpoint.day).toBe(shanghaiDay(clock));
			expect(await agreementNotices()).toEqual([before]);
		}
	});
});
