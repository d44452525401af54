import { describe, expect, it } from 'vitest';
import {
	badgeShortCode,
	formatShortCode,
	issueBadgeToken,
	shortCodeDigest
} from '../codes/badge-token';
import { normalizeCrockford } from '../codes/byte-encoding';
import { CODE_WINDOW_MS, codeWindowAt } from '../codes/activity-code';
import { presentBadge } from '../codes/badge-presentation';
import { badgeCredentialId } from '../codes/credentials';
import type { Activity, BadgeRecord } from '../registry';
import { revocationEntry, type Revocation } from '../codes/revocations';
import { newKeyPair } from '../codes/ed25519-signing';
import { secretary } from '../../../test-data/test-actors';
import { checkTypedWrite, relatedKey } from '../access/write-policy';
import { badgeTrustOf, type HeldBadges } from '../codes/badge-registry';
import { admitBadge, memberOfShortCode, organiserRecord, type Person } from './kiosk-check-in';

const issuer = newKeyPair();
const activityKey = newKeyPair();
const badgeKey = newKeyPair();
const person: Person = {
	memberId: 'm001',
	memberName: '阿依古丽',
	branchId: 'br1',
	orgId: 'org-a'
};
const token = issueBadgeToken(
	{
		keyId: 'k1',
		serial: 2,
		memberId: 'm001',
		name: '阿依古丽',
		branchId: 'br1',
		orgId: 'org-a',
		badgeKey: badgeKey.publicKey
	},
	issuer.secretKey
);
const shortCode = badgeShortCode(token);

const issuerRecord: BadgeRecord = {
	id: 'issuer.k1',
	kind: 'issuer',
	keyId: 'k1',
	publicKey: issuer.publicKey,
	issuedAt: '2026-01-01T00:00:00.000Z',
	channels: ['public']
};
const badgeRecord: BadgeRecord = {
	id: 'badge.m001',
	kind: 'badge',
	memberId: 'm001',
	branchId: 'br1',
	serial: 2,
	shortCodeDigest: shortCodeDigest(shortCode),
	issuedAt: '2026-01-01T00:00:00.000Z',
	channels: ['branch:br1', 'member:m001']
};
/** A secretary's device of br1: the issuer key, the branch's entries; m001's first badge revoked. */
const firstRevoked = revocationEntry('m001', 2, new Date('2026-01-01T00:00:00.000Z'));
const held: HeldBadges = { records: [issuerRecord, badgeRecord], revocations: [firstRevoked] };
/** A device whose revocation list says m001's badge number 2 is revoked too. */
function revokedAt(belowSerial: number): HeldBadges {
	return { ...held, revocations: [{ ...firstRevoked, belowSerial } satisfies Revocation] };
}

const activity: Activity = {
	id: 'act-1',
	type: 'party-day',
	title: '主题党日',
	communityId: 'cm1',
	hostBranchId: 'br1',
	place: '社区活动室',
	startsAt: '2026-06-01T01:00:00.000Z',
	endsAt: '2026-06-01T03:00:00.000Z',
	expected: 'branch',
	organisers: ['secretary1'],
	publicKey: activityKey.publicKey,
	createdBy: 'secretary1',
	updatedAt: '2026-05-01T00:00:00.000Z',
	channels: ['public']
};
const during = new Date('2026-06-01T01:05:00.000Z');
const nobody = () => false;
/** What the member's phone shows at `during`. */
const shown = presentBadge(token, codeWindowAt(during), badgeKey.secretKey);

describe('badgeTrustOf', () => {
	it('trusts current issuers, and every badge the revocation list does not name', () => {
		const trust = badgeTrustOf({
			records: [
				issuerRecord,
				{ ...issuerRecord, id: 'issuer.k0', keyId: 'k0', retiredAt: '2026-01-01T00:00:00.000Z' },
				badgeRecord
			],
			revocations: [firstRevoked]
		});
		expect(trust.issuerKey('k1')).toBe(issuer.publicKey);
		expect(trust.issuerKey('k0')).toBeNull();
		expect(trust.isRevoked('m001', 1)).toBe(true);
		expect(trust.isRevoked('m001', 2)).toBe(false);
		expect(trust.isRevoked('m002', 1)).toBe(false);
	});

	it('needs no badge entry: a kiosk of community staff holds none', () => {
		const trust = badgeTrustOf({ records: [issuerRecord], revocations: [] });
		expect(admitBadge(shown, trust, activity, nobody, during)).toEqual({ ok: true, person });
	});
});

describe('admitBadge', () => {
	const trust = badgeTrustOf(held);

	it('admits a current badge presented by the member’s phone during the check-in hours', () => {
		expect(admitBadge(shown, trust, activity, nobody, during)).toEqual({ ok: true, person });
	});

	it('refuses the badge itself, shown without a presentation, and a badge from before keys', () => {
		expect(admitBadge(token, trust, activity, nobody, during)).toEqual({
			ok: false,
			problem: 'static'
		});
		const parts = token.split('~');
		const legacy = ['B1', ...parts.slice(1, 7), parts[8]].join('~');
		expect(admitBadge(legacy, trust, activity, nobody, during)).toEqual({
			ok: false,
			problem: 'legacy'
		});
	});

	it('refuses a screenshot of a presentation once a window has passed, and one from the future', () => {
		const later = new Date(during.getTime() + 2 * CODE_WINDOW_MS);
		expect(admitBadge(shown, trust, activity, nobody, later)).toEqual({
			ok: false,
			problem: 'expired'
		});
		const ahead = presentBadge(token, codeWindowAt(during) + 2, badgeKey.secretKey);
		expect(admitBadge(ahead, trust, activity, nobody, during)).toEqual({
			ok: false,
			problem: 'future'
		});
	});

	it('names what is wrong with a badge before looking at the time', () => {
		const at = new Date('2026-07-01T00:00:00.000Z');
		expect(admitBadge('hello', trust, activity, nobody, at)).toEqual({
			ok: false,
			problem: 'malformed'
		});
		expect(admitBadge(shown, badgeTrustOf(revokedAt(3)), activity, nobody, during)).toMatchObject({
			problem: 'revoked'
		});
		const noKeys = badgeTrustOf({ ...held, records: [badgeRecord] });
		expect(admitBadge(shown, noKeys, activity, nobody, during)).toMatchObject({
			problem: 'unknown-key'
		});
	});

	it('refuses scans outside the check-in hours', () => {
		const early = new Date('2026-05-31T23:59:00.000Z');
		const earlyShown = presentBadge(token, codeWindowAt(early), badgeKey.secretKey);
		expect(admitBadge(earlyShown, trust, activity, nobody, early)).toMatchObject({
			problem: 'before-opening'
		});
	});

	it('names a member already recorded, so nothing is written twice', () => {
		expect(admitBadge(shown, trust, activity, (id) => id === 'm001', during)).toEqual({
			ok: false,
			problem: 'already',
			person
		});
	});
});

describe('memberOfShortCode', () => {
	const found = { ok: true, memberId: 'm001' };

	it('finds the member as the code was printed or typed sloppily', () => {
		expect(memberOfShortCode(formatShortCode(shortCode), held)).toEqual(found);
		expect(memberOfShortCode(shortCode.toLowerCase(), held)).toEqual(found);
	});

	it('says when the badge of the code was revoked since', () => {
		expect(memberOfShortCode(shortCode, revokedAt(3))).toEqual({ ok: false, problem: 'revoked' });
	});

	it('says when this device holds no entry with the code (a typo, or outside its reach)', () => {
		expect(memberOfShortCode('0000-0000', held)).toEqual({ ok: false, problem: 'not-held' });
		const staffKiosk = { ...held, records: [issuerRecord] };
		expect(memberOfShortCode(shortCode, staffKiosk)).toEqual({ ok: false, problem: 'not-held' });
	});
});

describe('organiserRecord', () => {
	const related = new Map<string, Record<string, unknown>>([
		...held.records.map((r): [string, Record<string, unknown>] => [
			relatedKey({ collection: 'directory', id: r.id }),
			{ ...r }
		]),
		[relatedKey({ collection: 'credentials', id: firstRevoked.id }), { ...firstRevoked }],
		// The member's badge credential, as the gateway reads it for a typed code.
		[
			relatedKey({ collection: 'credentials', id: badgeCredentialId('m001') }),
			{ id: badgeCredentialId('m001'), kind: 'badge', memberId: 'm001', shortCode, serial: 2 }
		],
		// The registry's profile, which typed and manual check-ins are checked against.
		[
			relatedKey({ collection: 'members', id: person.memberId }),
			{
				id: person.memberId,
				name: person.memberName,
				branchId: person.branchId,
				orgId: person.orgId
			}
		]
	]);
	const check = (doc: ReturnType<typeof organiserRecord>, on = related) =>
		checkTypedWrite({
			collection: 'attendance',
			actor: secretary,
			prev: null,
			next: doc,
			deleting: false,
			subject: activity,
			related: on,
			now: during
		});
	const base = { activity, person, kind: 'in', recordedBy: 'secretary1', at: during } as const;

	it('records a scanned badge the gateway accepts', () => {
		const doc = organiserRecord({ ...base, method: 'badge', proof: shown, clockSkewMs: 1200.4 });
		expect(doc).toMatchObject({
			id: 'act-1.m001.in',
			hostBranchId: 'br1',
			memberName: '阿依古丽',
			at: during.toISOString(),
			clockSkewMs: 1200
		});
		expect(doc.channels).toContain('branch:br1/2026');
		expect(check(doc)).toEqual({ ok: true });
	});

	it('records a typed code and a manual check-in the gateway accepts', () => {
		const typed = normalizeCrockford(formatShortCode(shortCode));
		const typedDoc = organiserRecord({
			...base,
			method: 'typed',
			typedCode: typed,
			clockSkewMs: 0
		});
		expect(check(typedDoc)).toEqual({ ok: true });
		const manual = organiserRecord({
			...base,
			method: 'manual',
			reason: '手机没电',
			clockSkewMs: 0
		});
		expect(manual).not.toHaveProperty('proof');
		expect(check(manual)).toEqual({ ok: true });
	});

	it('records a typed code as a proof for this record only, which does not give the code away', () => {
		const doc = organiserRecord({ ...base, method: 'typed', typedCode: shortCode, clockSkewMs: 0 });
		expect(doc.proof).toMatch(/^T1~[A-Za-z0-9_-]{43}$/);
		expect(doc.proof).not.toContain(shortCode);
		const out = organiserRecord({
			...base,
			kind: 'out',
			method: 'typed',
			typedCode: shortCode,
			clockSkewMs: 0
		});
		expect(out.proof).not.toBe(doc.proof);
		// Copied into another record, it proves nothing.
		expect(check({ ...out, proof: doc.proof })).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'short code'
		});
	});

	it('lets the secretary’s device, which holds no member’s code, pass a typed code to the gateway', () => {
		const doc = organiserRecord({ ...base, method: 'typed', typedCode: shortCode, clockSkewMs: 0 });
		const onDevice = new Map(related);
		onDevice.delete(relatedKey({ collection: 'credentials', id: badgeCredentialId('m001') }));
		expect(
			checkTypedWrite({
				collection: 'attendance',
				actor: secretary,
				prev: null,
				next: doc,
				deleting: false,
				subject: activity,
				related: onDevice,
				relatedComplete: false,
				now: during
			})
		).toEqual({ ok: true });
		expect(check(doc, onDevice)).toEqual({ ok: false, reason: 'invalid', detail: 'short code' });
	});
});
