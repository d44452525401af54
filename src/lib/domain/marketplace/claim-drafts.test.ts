import { describe, expect, it } from 'vitest';
import { cancelledClaim, newClaim, readDoneDraft } from './claim-drafts';
import type { ServiceItem } from './service-items';

const item = {
	id: 'it-abc',
	kind: 'post',
	communityId: 'cm1'
} as ServiceItem;
const claimer = { memberId: 'm1', memberName: '张三', branchId: 'br1', orgId: 'org1' };
const now = new Date('2026-06-01T02:00:00Z');

describe('newClaim', () => {
	it('is the one claim of the member and item, claimed now, in the shift chosen', () => {
		expect(newClaim(item, claimer, now, 2)).toEqual({
			id: 'cl.it-abc.m1',
			kind: 'claim',
			itemId: 'it-abc',
			itemKind: 'post',
			communityId: 'cm1',
			memberId: 'm1',
			memberName: '张三',
			branchId: 'br1',
			orgId: 'org1',
			shift: 2,
			claimedAt: '2026-06-01T02:00:00.000Z',
			state: 'claimed',
			updatedAt: '2026-06-01T02:00:00.000Z',
			channels: []
		});
		expect(newClaim(item, claimer, now)).not.toHaveProperty('shift');
	});

	it('is cancelled with its time', () => {
		const later = new Date('2026-06-02T00:00:00Z');
		expect(cancelledClaim(newClaim(item, claimer, now), later)).toMatchObject({
			state: 'cancelled',
			cancelledAt: later.toISOString(),
			updatedAt: later.toISOString(),
			claimedAt: now.toISOString()
		});
	});
});

describe('readDoneDraft', () => {
	it('reads a trimmed note and whole minutes', () => {
		expect(readDoneDraft({ note: ' 修好了楼道灯 ', minutes: ' 90 ', photoCount: 3 })).toEqual({
			ok: true,
			note: '修好了楼道灯',
			minutes: 90
		});
	});

	it('names each bad field: an empty or long note, minutes that are no whole count of a day, a fourth photo', () => {
		expect(readDoneDraft({ note: '  ', minutes: '0', photoCount: 4 })).toEqual({
			ok: false,
			problems: { note: true, minutes: true, photos: true }
		});
		for (const minutes of ['1.5', '-3', '1441', 'abc', '']) {
			expect(readDoneDraft({ note: '好', minutes, photoCount: 0 })).toEqual({
				ok: false,
				problems: { minutes: true }
			});
		}
		expect(readDoneDraft({ note: '好'.repeat(501), minutes: '1440', photoCount: 0 })).toEqual({
			ok: false,
			problems: { note: true }
		});
	});
});
