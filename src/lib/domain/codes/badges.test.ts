import { describe, expect, it } from 'vitest';
import { shortCodeDigest } from './badge-token';
import { publicKeyOf } from './ed25519-signing';
import { plainContext } from '../../../test-data/policy-fixtures';
import { validateAgainst } from '../schema/schema-validation';
import { admin, owner, staff } from '../../../test-data/test-actors';
import { checkWrite } from '../access/write-policy';
import { badgeRecordId, badges, issuerRecordId, type BadgeRecord } from './badges';
import type { AnyDoc } from '../registry';

function issuer(overrides: Partial<BadgeRecord> = {}): BadgeRecord {
	return {
		id: issuerRecordId('k1'),
		kind: 'issuer',
		keyId: 'k1',
		publicKey: publicKeyOf('44'.repeat(32)) ?? '',
		issuedAt: '2026-01-01T00:00:00.000Z',
		channels: ['public'],
		...overrides
	};
}

function badge(overrides: Partial<BadgeRecord> = {}): BadgeRecord {
	return {
		id: badgeRecordId('m001'),
		kind: 'badge',
		memberId: 'm001',
		branchId: 'br1',
		serial: 2,
		shortCodeDigest: shortCodeDigest('ABCD1234'),
		issuedAt: '2026-05-01T00:00:00.000Z',
		channels: ['branch:br1', 'member:m001'],
		...overrides
	};
}

const valid = (doc: unknown) => validateAgainst(badges.schema, doc);

describe('badge registry ids', () => {
	it('name the issuer key or the member', () => {
		expect(issuerRecordId('k1')).toBe('issuer.k1');
		expect(badgeRecordId('m001')).toBe('badge.m001');
	});
});

describe('badges schema', () => {
	it('accepts issuer keys (current and retired) and badges (with or without a branch)', () => {
		expect(valid(issuer())).toBeNull();
		expect(valid(issuer({ retiredAt: '2026-06-01T00:00:00.000Z' }))).toBeNull();
		expect(valid(badge())).toBeNull();
		const withoutBranch = badge();
		delete withoutBranch.branchId;
		expect(valid(withoutBranch)).toBeNull();
	});

	it('accepts the key ids the issuer makes (base64url of 6 bytes)', () => {
		for (const keyId of ['AbCd-_12', '-AbCdEfG', '_x']) {
			expect(valid(issuer({ id: issuerRecordId(keyId), keyId }))).toBeNull();
		}
	});

	it.each(['id', 'kind', 'issuedAt', 'channels'])('requires %s', (field) => {
		const doc: Record<string, unknown> = { ...badge() };
		delete doc[field];
		expect(valid(doc)).toEqual({ path: '/', message: `must have required property '${field}'` });
	});

	it('rejects malformed keys, digests, serials and key ids', () => {
		expect(valid(issuer({ publicKey: 'AB'.repeat(32) }))?.path).toBe('/publicKey');
		expect(valid(issuer({ keyId: 'k'.repeat(17) }))?.path).toBe('/keyId');
		expect(valid(issuer({ keyId: 'k.1' }))?.path).toBe('/keyId');
		expect(valid(badge({ shortCodeDigest: 'ABCD1234' }))?.path).toBe('/shortCodeDigest');
		expect(valid(badge({ serial: 0 }))?.path).toBe('/serial');
		expect(valid(badge({ kind: 'member' as BadgeRecord['kind'] }))?.path).toBe('/kind');
		expect(valid({ ...badge(), token: 'B1~…' })?.message).toBe(
			'must NOT have additional properties'
		);
		// Revocations are listed apart (`revocations.ts`), not flagged on the entry.
		expect(valid({ ...badge(), revoked: true })?.message).toBe(
			'must NOT have additional properties'
		);
	});
});

describe('badges channels and policy', () => {
	it('publish issuer keys, so every device verifies badges offline', () => {
		expect(badges.channelsOf(issuer())).toEqual(['public']);
	});

	it("give a member's entry to the member and their branch (its secretary) only", () => {
		expect(badges.channelsOf(badge())).toEqual(['branch:br1', 'member:m001']);
		const withoutBranch = badge();
		delete withoutBranch.branchId;
		expect(badges.channelsOf(withoutBranch)).toEqual(['member:m001']);
	});

	it('are written by the server only', () => {
		expect(badges.policy).toBeNull();
		for (const actor of [owner, staff, admin]) {
			const verdict = checkWrite({
				collection: 'directory',
				actor,
				prev: null,
				next: badge({ serial: 99 }) as unknown as AnyDoc,
				deleting: false,
				subject: null,
				now: plainContext.now
			});
			expect(verdict).toEqual({ ok: false, reason: 'server-owned' });
		}
	});
});
