import { describe, expect, it } from 'vitest';
import { AUDIT_PAGE, readAudit, recordAudit, signInsOf } from './audit-log';
import { STORE_TIMEOUT_MS, useTempStore } from '../../test-data/test-store';

const store = useTempStore('audit');
const T0 = Date.parse('2026-11-20T04:00:00.000Z');

describe('the audit log', { timeout: STORE_TIMEOUT_MS }, () => {
	it('reads newest first, a page at a time, filtered by action and actor', async () => {
		for (let i = 0; i < AUDIT_PAGE + 10; i++) {
			await recordAudit(store(), {
				at: new Date(T0 + i * 1000),
				actor: i % 2 === 0 ? 'office1' : 'admin',
				action: i % 3 === 0 ? 'account.unlock' : 'account.reset',
				target: `member${i}`,
				address: '198.51.100.20'
			});
		}
		const first = await readAudit(store(), {});
		expect(first.entries).toHaveLength(AUDIT_PAGE);
		expect(first.entries[0]).toMatchObject({ target: `member${AUDIT_PAGE + 9}`, actor: 'admin' });
		const second = await readAudit(store(), { cursor: first.next! });
		expect(second.entries.map((e) => e.target)).toEqual(
			Array.from({ length: 10 }, (_, i) => `member${9 - i}`)
		);
		expect(second.next).toBeUndefined();
		const unlocks = await readAudit(store(), { action: 'account.unlock', actor: 'office1' });
		expect(unlocks.entries.map((e) => e.target)).toEqual(
			Array.from({ length: 10 }, (_, i) => `member${54 - i * 6}`)
		);
	});

	it("keeps each account's sign-ins apart, the last ones first", async () => {
		for (let i = 0; i < 25; i++) {
			await recordAudit(store(), {
				at: new Date(T0 + i * 1000),
				actor: i % 5 === 0 ? 'member10' : 'member1',
				action: i % 4 === 0 ? 'sign-in.failed' : 'sign-in',
				address: `10.0.0.${i}`
			});
		}
		await recordAudit(store(), {
			at: new Date(T0),
			actor: 'member1',
			action: 'account.unlock',
			address: 'x'
		});
		const mine = await signInsOf(store(), 'member1');
		expect(mine).toHaveLength(20);
		expect(mine[0]).toMatchObject({
			actor: 'member1',
			address: '10.0.0.24',
			action: 'sign-in.failed'
		});
		expect(mine.every((entry) => entry.actor === 'member1')).toBe(true);
		expect(await signInsOf(store(), 'member10')).toHaveLength(5);
	});
});
