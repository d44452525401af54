import { describe, expect, it } from 'vitest';
import { plainContext } from '../../../test-data/policy-fixtures';
import { admin, owner, secretary, staff } from '../../../test-data/test-actors';
import { channelsForActor, NO_REACH } from '../access/channels';
import { checkWrite } from '../access/write-policy';
import { collectionSchema, kindOf, type AnyDoc } from '../registry';
import { validateAgainst } from '../schema/schema-validation';
import {
	isRevokedBy,
	revocationEntry,
	revocationId,
	revocations,
	type Revocation
} from './revocations';

const AT = new Date('2026-05-01T00:00:00.000Z');

function entry(overrides: Partial<Revocation> = {}): Revocation {
	return { ...revocationEntry('m001', 3, AT), ...overrides };
}

const valid = (doc: unknown) => validateAgainst(revocations.schema, doc);

describe('revocation entries', () => {
	it('are one per member, in the credentials collection', () => {
		expect(revocationId('m001')).toBe('revocation.m001');
		expect(entry()).toEqual({
			id: 'revocation.m001',
			kind: 'revocation',
			memberId: 'm001',
			belowSerial: 3,
			updatedAt: AT.toISOString(),
			channels: ['scanners']
		});
		expect(kindOf('credentials', entry())).toBe(revocations);
		expect(validateAgainst(collectionSchema('credentials'), entry())).toBeNull();
	});

	it('revoke every badge below the serial, and nothing without an entry', () => {
		expect(isRevokedBy(entry(), 1)).toBe(true);
		expect(isRevokedBy(entry(), 2)).toBe(true);
		expect(isRevokedBy(entry(), 3)).toBe(false);
		expect(isRevokedBy(entry(), 4)).toBe(false);
		expect(isRevokedBy(null, 1)).toBe(false);
	});

	it('require the member and a serial that revokes something', () => {
		expect(valid(entry())).toBeNull();
		expect(valid(entry({ belowSerial: 1 }))?.path).toBe('/belowSerial');
		expect(valid(entry({ belowSerial: 2.5 }))?.path).toBe('/belowSerial');
		const anonymous: Partial<Revocation> = entry();
		delete anonymous.memberId;
		expect(valid(anonymous)?.message).toBe("must have required property 'memberId'");
		expect(valid({ ...entry(), token: 'B1~…' })?.message).toBe(
			'must NOT have additional properties'
		);
	});

	it('reach whoever scans badges (staff, secretaries), never a member', () => {
		const scanners = 'scanners';
		expect(revocations.channelsOf(entry())).toEqual([scanners]);
		expect(channelsForActor(staff, NO_REACH, AT)).toContain(scanners);
		expect(channelsForActor(secretary, NO_REACH, AT)).toContain(scanners);
		expect(channelsForActor(owner, NO_REACH, AT)).not.toContain(scanners);
	});

	it('are written by the server only', () => {
		for (const actor of [owner, secretary, staff, admin]) {
			const verdict = checkWrite({
				collection: 'credentials',
				actor,
				prev: null,
				next: entry() as unknown as AnyDoc,
				deleting: false,
				subject: null,
				now: plainContext.now
			});
			expect(verdict).toEqual({ ok: false, reason: 'server-owned' });
		}
	});
});
