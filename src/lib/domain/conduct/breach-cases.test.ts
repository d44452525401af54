import { describe, expect, it } from 'vitest';
import { breach, decision, response } from '../../../test-data/breach-fixtures';
import { office, otherMember, owner, otherStaff, staff } from '../../../test-data/test-actors';
import { breachCases, canDecide, canRespond, canWithdraw, waitingFor } from './breach-cases';

const later = breach({ id: 'breach.m001.ZZZZZZZZZZ', occurredOn: '2026-05-31' });

describe('breach cases', () => {
	it('joins each breach with its response and decision, latest first', () => {
		const cases = breachCases([
			decision(),
			breach(),
			response(),
			later,
			{ id: 'x', kind: 'feedback' }
		]);
		expect(cases.map((c) => [c.breach.id, c.state])).toEqual([
			[later.id, 'reported'],
			[breach().id, 'confirmed']
		]);
		expect(cases[1]?.response?.statement).toBe(response().statement);
		expect(breachCases([breach(), response()])[0]?.state).toBe('responded');
	});

	it('lets the member respond, the office decide, the community withdraw, until decided', () => {
		const [open] = breachCases([breach()]);
		const [decided] = breachCases([breach(), decision()]);
		if (!open || !decided) throw new Error('cases');
		expect([canRespond(owner, open), canRespond(otherMember, open)]).toEqual([true, false]);
		expect([canDecide(office, open), canDecide(owner, open)]).toEqual([true, false]);
		expect([canWithdraw(staff, open), canWithdraw(otherStaff, open)]).toEqual([true, false]);
		expect([
			canRespond(owner, decided),
			canDecide(office, decided),
			canWithdraw(staff, decided)
		]).toEqual([false, false, false]);
	});

	it('counts what waits for the person', () => {
		const cases = breachCases([breach(), later, response()]);
		expect(waitingFor(owner, cases)).toBe(1);
		expect(waitingFor(office, cases)).toBe(2);
		expect(waitingFor(staff, cases)).toBe(0);
	});
});
