import { describe, expect, it } from 'vitest';
import type { Claim } from './claim-record';
import { decisionOf, RETURN_REASON_MAX, returnProblem } from './decision-drafts';

const claim: Claim = {
	id: 'cl.it-1.m-1',
	kind: 'claim',
	itemId: 'it-1',
	itemKind: 'micro-wish',
	communityId: 'c-1',
	memberId: 'm-1',
	memberName: '李明',
	branchId: 'b-1',
	orgId: 'o-1',
	claimedAt: '2026-05-02T00:00:00.000Z',
	state: 'done',
	done: { at: '2026-05-03T00:00:00.000Z', minutes: 30, note: '已送达', photos: [] },
	updatedAt: '2026-05-03T00:00:00.000Z',
	channels: []
};

describe('decisionOf', () => {
	it('decides the latest done, its time in the id, with the claim channels', () => {
		const decided = decisionOf(
			claim,
			{ decision: 'returned', reason: ' 请补充照片 ' },
			'community1',
			new Date('2026-05-04T00:00:00Z')
		);
		expect(decided).toMatchObject({
			id: `cl.it-1.m-1.decision.${Date.parse('2026-05-03T00:00:00.000Z')}`,
			claimId: 'cl.it-1.m-1',
			doneAt: '2026-05-03T00:00:00.000Z',
			decision: 'returned',
			reason: '请补充照片',
			decidedBy: 'community1',
			year: 2026
		});
		expect(decided.channels).toEqual(
			expect.arrayContaining(['member:m-1/2026', 'branch:b-1/2026', 'community:c-1/2026'])
		);
	});

	it('carries no reason on a confirmation and refuses a claim not marked done', () => {
		const confirmed = decisionOf(claim, { decision: 'confirmed' }, 'community1', new Date());
		expect('reason' in confirmed).toBe(false);
		expect(() =>
			decisionOf(
				{ ...claim, state: 'claimed' },
				{ decision: 'confirmed' },
				'community1',
				new Date()
			)
		).toThrow();
	});
});

describe('returnProblem', () => {
	it('wants a reason, not too long', () => {
		expect(returnProblem('  ')).toBe('reason-required');
		expect(returnProblem('字'.repeat(RETURN_REASON_MAX + 1))).toBe('reason-too-long');
		expect(returnProblem('照片看不清')).toBeNull();
	});
});
