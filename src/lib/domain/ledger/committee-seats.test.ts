import { describe, expect, it } from 'vitest';
import { office, secretary, staff } from '../../../test-data/test-actors';
import { FILE, pushLedger, seat } from '../../../test-data/ledger-fixtures';
import type { Actor } from '../access/roles';
import { kindOf } from '../registry';
import { committeeSeats, seatId } from './committee-seats';

const otherSecretary: Actor = {
	username: 'secretary2',
	roles: [{ role: 'secretary', branchId: 'br2' }]
};

describe('committee seats', () => {
	it("is the `committee-seat` kind, one per pair, in the pair's channels", () => {
		expect(kindOf('ledger', seat())).toBe(committeeSeats);
		expect(seatId('br1', 'cm2')).toBe('seat.br1.cm2');
		expect(seat().channels).toEqual(['branch:br1', 'bureau:org-a', 'community:cm2']);
		expect(committeeSeats.filesOf?.(seat())).toEqual([FILE]);
	});

	it("is written by the branch's secretary only", () => {
		expect(pushLedger(secretary, seat())).toEqual({ ok: true });
		for (const actor of [otherSecretary, staff, office]) {
			expect(pushLedger(actor, seat({ by: actor.username })), actor.username).toEqual({
				ok: false,
				reason: 'forbidden'
			});
		}
	});

	it('shows the appointment by one to three files', () => {
		expect(pushLedger(secretary, seat({ evidence: [] }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'evidence'
		});
		const four = ['a', 'b', 'c', 'd'].map((c) => c.repeat(64));
		expect(pushLedger(secretary, seat({ evidence: four }))).toMatchObject({ detail: 'evidence' });
		expect(pushLedger(secretary, seat({ evidence: four.slice(0, 3) }))).toEqual({ ok: true });
	});

	it('refuses a blank holder or post, and another id', () => {
		expect(pushLedger(secretary, seat({ memberName: ' ' }))).toMatchObject({
			detail: 'memberName'
		});
		expect(pushLedger(secretary, seat({ post: ' ' }))).toMatchObject({ detail: 'post' });
		expect(pushLedger(secretary, seat({ id: 'seat.br1.cm9' }))).toMatchObject({ detail: 'id' });
	});

	it('keeps the pair fixed, and goes when the post ends', () => {
		const prev = seat();
		expect(pushLedger(secretary, seat({ orgId: 'org-b' }), { prev })).toMatchObject({
			reason: 'immutable-field'
		});
		expect(pushLedger(secretary, prev, { prev, deleting: true })).toEqual({ ok: true });
	});
});
