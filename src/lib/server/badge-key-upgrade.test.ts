import { describe, expect, it } from 'vitest';
import { codeWindowAt } from '../domain/codes/activity-code';
import { badgeTrustOf } from '../domain/codes/badge-registry';
import { checkBadgePresentation, presentBadge } from '../domain/codes/badge-presentation';
import { readBadgeToken, shortCodeDigest } from '../domain/codes/badge-token';
import { toBase64Url } from '../domain/codes/byte-encoding';
import { newKeyPair, publicKeyOf, signText } from '../domain/codes/ed25519-signing';
import { badgeCredentialId, badgeRecordId, type BadgeRecord } from '../domain/registry';
import { STORE_TIMEOUT_MS, useTempStore } from '../../test-data/test-store';
import { currentIssuer } from './badge-issuer';
import { upgradeBadgeKeys } from './badge-key-upgrade';
import type { Store } from './store';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const OLD_ISSUER = newKeyPair();

/** A badge as the issuer signed it before badges had keys. */
function legacyToken(memberId: string, serial: number, name: string): string {
	const name64 = toBase64Url(new TextEncoder().encode(name));
	const text = ['B1', 'kold', memberId, 'br1', 'org-a', String(serial), name64].join('~');
	return `${text}~${signText(text, OLD_ISSUER.secretKey)}`;
}

/** A member's badge credential as the previous version stored it. */
function legacyCredential(memberId: string, serial: number, shortCode: string) {
	return {
		_id: badgeCredentialId(memberId),
		kind: 'badge',
		memberId,
		token: legacyToken(memberId, serial, '张三'),
		shortCode,
		serial,
		updatedAt: '2026-01-01T00:00:00.000Z',
		channels: ['member:' + memberId]
	};
}

interface StoredCredential {
	_rev: string;
	token: string;
	shortCode: string;
	serial: number;
	secretKey?: string;
	channels: string[];
}

async function credentialOf(store: Store, memberId: string) {
	return (await store
		.db('credentials')
		.get(badgeCredentialId(memberId))) as unknown as StoredCredential;
}

describe('upgradeBadgeKeys', { timeout: STORE_TIMEOUT_MS }, () => {
	const store = useTempStore('badge-key-upgrade');

	async function seed() {
		const entry = {
			_id: badgeRecordId('m001'),
			kind: 'badge',
			memberId: 'm001',
			branchId: 'br1',
			serial: 3,
			shortCodeDigest: shortCodeDigest('7K2M9QXD4HBT'),
			issuedAt: '2026-01-01T00:00:00.000Z',
			channels: ['branch:br1', 'member:m001']
		};
		await store().db('directory').put(entry);
		await store()
			.db('credentials')
			.bulkDocs([
				legacyCredential('m001', 3, '7K2M9QXD4HBT'),
				legacyCredential('m002', 1, 'ABCD1234')
			]);
	}

	it('gives every old badge a key, with the same claims, serial and short code', async () => {
		await seed();
		await upgradeBadgeKeys(store(), NOW);
		const issuer = await currentIssuer(store(), NOW);
		const upgraded = await credentialOf(store(), 'm001');
		const claims = readBadgeToken(upgraded.token)?.claims;
		expect(claims).toEqual({
			keyId: issuer.keyId,
			memberId: 'm001',
			branchId: 'br1',
			orgId: 'org-a',
			serial: 3,
			name: '张三',
			badgeKey: publicKeyOf(upgraded.secretKey ?? '')
		});
		expect(upgraded).toMatchObject({ shortCode: '7K2M9QXD4HBT', serial: 3 });
		expect(upgraded.channels).toEqual(['member:m001']);
		// The eight-character code stays too: it is refused when typed, as before.
		expect(await credentialOf(store(), 'm002')).toMatchObject({ shortCode: 'ABCD1234' });
		// The registry entry (and so the typed code's digest) is left as it was.
		const entry = (await store().db('directory').get(badgeRecordId('m001'))) as BadgeRecord;
		expect(entry.shortCodeDigest).toBe(shortCodeDigest('7K2M9QXD4HBT'));

		const directory = await store().db('directory').allDocs({ include_docs: true });
		const trust = badgeTrustOf({
			records: directory.rows.map((row) => row.doc as unknown as BadgeRecord),
			revocations: []
		});
		const shown = presentBadge(upgraded.token, codeWindowAt(NOW), upgraded.secretKey ?? '');
		expect(checkBadgePresentation(shown, trust, NOW)).toMatchObject({ ok: true });
	});

	it('carries on after a restart half way, and leaves upgraded badges alone', async () => {
		await seed();
		await upgradeBadgeKeys(store(), NOW);
		const done = await credentialOf(store(), 'm001');
		// As if the process had stopped before the rest: one badge still old, and no marker.
		const old = await credentialOf(store(), 'm002');
		await store()
			.db('credentials')
			.put({ ...legacyCredential('m002', 1, 'ABCD1234'), _rev: old._rev });
		await store()
			.db('config')
			.remove(await store().db('config').get('badge-keys'));

		await upgradeBadgeKeys(store(), NOW);
		expect(await credentialOf(store(), 'm001')).toEqual(done);
		const resumed = await credentialOf(store(), 'm002');
		expect(resumed.token.startsWith('B2~')).toBe(true);
		expect(resumed).toMatchObject({ serial: 1, shortCode: 'ABCD1234' });

		// Once recorded as done, a start skips the scan.
		await upgradeBadgeKeys(store(), NOW);
		expect(await credentialOf(store(), 'm002')).toEqual(resumed);
	});
});
