import { describe, expect, it } from 'vitest';
import { breach, decision, response } from '../../../test-data/breach-fixtures';
import { confirmedBreaches, isBreachDoc } from './breach-status';

describe('breach status', () => {
	it('tells the breach kinds from the other evaluation documents', () => {
		expect([breach(), response(), decision()].every(isBreachDoc)).toBe(true);
		expect(isBreachDoc({ kind: 'member-year' })).toBe(false);
		expect(isBreachDoc({})).toBe(false);
	});

	it('finds the confirmed breaches, whatever the order, with the severity decided', () => {
		const other = breach({ id: 'breach.m001.ABCDEFGHJK', occurredOn: '2026-03-01' });
		const confirmed = confirmedBreaches([
			decision({ severity: 'serious' }),
			{ id: 'member-year.m001.2026', kind: 'member-year' },
			response(),
			breach(),
			other,
			decision({ id: `${other.id}.decision`, breachId: other.id, severity: 'severe' })
		]);
		expect(confirmed).toEqual([
			{
				breachId: other.id,
				memberId: 'm001',
				year: 2026,
				rule: 'no-badge',
				severity: 'severe',
				occurredOn: '2026-03-01',
				decidedAt: '2026-06-01T04:00:00.000Z',
				description: breach().description
			},
			expect.objectContaining({ breachId: breach().id, severity: 'serious' })
		]);
	});

	it('leaves out undecided and dismissed breaches, and decisions without their breach', () => {
		const dismissed = decision({ outcome: 'dismissed' });
		delete dismissed.severity;
		expect(confirmedBreaches([breach(), response()])).toEqual([]);
		expect(confirmedBreaches([breach(), dismissed])).toEqual([]);
		expect(confirmedBreaches([decision()])).toEqual([]);
	});
});
