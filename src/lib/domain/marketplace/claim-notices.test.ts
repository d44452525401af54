import { describe, expect, it } from 'vitest';
import { notices } from '../messages/notices';
import { claimNoticeItemId, claimNoticeOf } from './claim-notices';
import { claimId, type Claim } from './claim-record';

const AT = new Date('2026-06-01T01:00:00.000Z');
const claim = { id: claimId('it-a1', 'm001'), memberId: 'm001' } as Claim;

describe('claim notices', () => {
	it('have one id per move and position, and go to the member alone', () => {
		const waiting = claimNoticeOf(claim, { claimId: claim.id, topic: 'waiting', position: 2 }, AT);
		expect(waiting).toMatchObject({
			id: 'cl.it-a1.m001.waiting.2',
			kind: 'claim',
			memberId: 'm001',
			docId: claim.id,
			claimTopic: 'waiting',
			position: 2,
			channels: ['member:m001']
		});
		expect(notices.channelsOf(waiting)).toEqual(waiting.channels);
		const promoted = claimNoticeOf(claim, { claimId: claim.id, topic: 'promoted' }, AT);
		expect(promoted.id).toBe('cl.it-a1.m001.promoted');
		expect(promoted).not.toHaveProperty('position');
	});

	it('name their item through the claim’s id', () => {
		expect(claimNoticeItemId({ docId: claim.id, memberId: 'm001' })).toBe('it-a1');
		expect(claimNoticeItemId({ docId: claim.id, memberId: 'm002' })).toBeNull();
		expect(claimNoticeItemId({ docId: 'r.m001', memberId: 'm001' })).toBeNull();
		expect(claimNoticeItemId({ memberId: 'm001' })).toBeNull();
	});
});
