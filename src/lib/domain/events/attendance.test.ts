import { describe, expect, it } from 'vitest';
import { activityCodeFor, CODE_WINDOW_MS, codeWindowAt } from '../codes/activity-code';
import { presentBadge } from '../codes/badge-presentation';
import { badgeCredentialId } from '../codes/credentials';
import { typedCodeProof } from '../codes/typed-proof';
import {
	badgeShortCode,
	formatShortCode,
	issueBadgeToken,
	shortCodeDigest
} from '../codes/badge-token';
import { newKeyPair, publicKeyOf } from '../codes/ed25519-signing';
import { plainContext } from '../../../test-data/policy-fixtures';
import type { Actor } from '../access/roles';
import { validateAgainst } from '../schema/schema-validation';
import { otherMember, owner, secretary, staff } from '../../../test-data/test-actors';
import { checkWrite, relatedKey, withChannels } from '../access/write-policy';
import type { Activity } from './activities';
import { attendance } from './attendance';
import { attendanceId, type Attendance, type AttendanceKind } from './attendance-record';
import { badgeRecordId, issuerRecordId, type BadgeRecord } from '../codes/badges';
import { revocationEntry, type Revocation } from '../codes/revocations';
import type { AnyDoc } from '../registry';
import type { Member } from '../people/members';

const ACTIVITY_SECRET = '5a'.repeat(32);
const ISSUER_SECRET = 'e7'.repeat(32);
/** The badge's own key, whose secret half only the member's devices hold. */
const BADGE_SECRET = '3c'.repeat(32);

/** 09:00–12:00 in Shanghai; the fixtures' clock (`now`) reads 12:00, the end. */
const activity: Activity = {
	id: 'act-1',
	type: 'volunteer',
	title: '社区环境整治',
	communityId: 'cm2',
	place: '幸福路社区广场',
	startsAt: '2026-06-01T01:00:00.000Z',
	endsAt: '2026-06-01T04:00:00.000Z',
	expected: 'signup',
	organisers: ['community2', 'secretary1'],
	publicKey: publicKeyOf(ACTIVITY_SECRET) ?? '',
	createdBy: 'community2',
	updatedAt: '2026-05-20T08:00:00.000Z',
	channels: ['public']
};
const NOW = plainContext.now;
const NINE = '2026-06-01T01:00:00.000Z';

const claims = {
	keyId: 'k1',
	memberId: 'm001',
	branchId: 'br1',
	orgId: 'org-a',
	serial: 2,
	name: '张三',
	badgeKey: publicKeyOf(BADGE_SECRET) ?? ''
};
const token = issueBadgeToken(claims, ISSUER_SECRET);
const shortCode = badgeShortCode(token);

/** What the member's phone showed at `at`: the badge presented for that window. */
function present(at: string, badge = token): string {
	return presentBadge(badge, codeWindowAt(new Date(at)), BADGE_SECRET);
}

const issuerRecord: BadgeRecord = {
	id: issuerRecordId('k1'),
	kind: 'issuer',
	keyId: 'k1',
	publicKey: publicKeyOf(ISSUER_SECRET) ?? '',
	issuedAt: '2026-01-01T00:00:00.000Z',
	channels: ['public']
};
const badgeRecord: BadgeRecord = {
	id: badgeRecordId('m001'),
	kind: 'badge',
	memberId: 'm001',
	branchId: 'br1',
	serial: 2,
	shortCodeDigest: shortCodeDigest(shortCode),
	issuedAt: '2026-05-01T00:00:00.000Z',
	channels: ['branch:br1', 'member:m001']
};
/** m001's badges below number `belowSerial` are revoked. */
const revokedBelow = (belowSerial: number) =>
	revocationEntry('m001', belowSerial, new Date('2026-05-01T00:00:00.000Z'));

/** m001's profile in the registry of members, which typed and manual check-ins are checked against. */
const profile: Member = {
	id: 'm001',
	orgId: 'org-a',
	branchId: 'br1',
	name: '张三',
	skills: [],
	interests: [],
	duties: [],
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['member:m001']
};
const profileKey = relatedKey({ collection: 'members', id: 'm001' });
/** m001's badge credential on the server, whose short code a typed check-in's proof is made with. */
const credentialKey = relatedKey({ collection: 'credentials', id: badgeCredentialId('m001') });
const credential = {
	id: badgeCredentialId('m001'),
	kind: 'badge',
	memberId: 'm001',
	token,
	shortCode,
	serial: 2,
	secretKey: BADGE_SECRET,
	updatedAt: '2026-05-01T00:00:00.000Z',
	channels: ['member:m001']
};

/**
 * What the gateway loads for a check-in: directory entries, revocations, and m001's profile and
 * badge credential.
 */
function registry(...docs: (BadgeRecord | Revocation)[]): Map<string, Record<string, unknown>> {
	return new Map([
		...docs.map((doc): [string, Record<string, unknown>] => [
			relatedKey({
				collection: doc.kind === 'revocation' ? 'credentials' : 'directory',
				id: doc.id
			}),
			{ ...doc, _rev: '1-a' }
		]),
		[profileKey, { ...profile, _rev: '3-c' }],
		[credentialKey, { ...credential, _rev: '2-d' }]
	]);
}
const REGISTRY = registry(issuerRecord, badgeRecord);

/**
 * An organiser's record of m001, with the proof its method makes at its time unless one is given:
 * the badge presented then, or the typed code's proof for this record.
 */
function record(kind: AttendanceKind, overrides: Partial<Attendance> = {}): Attendance {
	const id = attendanceId(overrides.activityId ?? 'act-1', overrides.memberId ?? 'm001', kind);
	const at = overrides.at ?? NINE;
	const doc: Attendance = {
		id,
		kind,
		activityId: 'act-1',
		communityId: 'cm2',
		memberId: 'm001',
		memberName: '张三',
		branchId: 'br1',
		orgId: 'org-a',
		at: NINE,
		method: 'badge',
		proof: overrides.method === 'typed' ? typedCodeProof(shortCode, id, at) : present(at),
		recordedBy: 'community2',
		channels: [],
		...overrides
	};
	if (kind === 'signup') {
		delete doc.method;
		delete doc.proof;
		doc.recordedBy = overrides.recordedBy ?? 'member1';
	}
	return withChannels('attendance', doc);
}

/** A member's own check-in by scanning the activity's code shown at `at`. */
function selfScan(at: string, overrides: Partial<Attendance> = {}): Attendance {
	return record('in', {
		at,
		method: 'code',
		proof: activityCodeFor('act-1', codeWindowAt(new Date(at)), ACTIVITY_SECRET),
		recordedBy: 'member1',
		...overrides
	});
}

interface Options {
	prev?: Attendance | null;
	deleting?: boolean;
	subject?: object | null;
	related?: Map<string, Record<string, unknown>>;
	/** False: checked on a device, which may not hold every related document. */
	relatedComplete?: boolean;
	now?: Date;
}

function write(actor: Actor, next: Attendance, options: Options = {}) {
	return checkWrite({
		collection: 'attendance',
		actor,
		prev: (options.prev ?? null) as AnyDoc | null,
		next: next as unknown as AnyDoc,
		deleting: options.deleting ?? false,
		subject: (options.subject === undefined
			? { ...activity, _rev: '2-b' }
			: options.subject) as Record<string, unknown> | null,
		related: options.related ?? REGISTRY,
		relatedComplete: options.relatedComplete ?? true,
		now: options.now ?? NOW
	});
}

const ok = { ok: true };
const refused = (reason: string, detail?: string) =>
	detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
const valid = (doc: unknown) => validateAgainst(attendance.schema, doc);

/** Staff of cm2 who is not among the activity's organisers. */
const bystander: Actor = {
	username: 'community2b',
	roles: [{ role: 'community_staff', communityId: 'cm2' }]
};

describe('attendanceId', () => {
	it('is the same for every device that records the same person', () => {
		expect(attendanceId('act-1', 'm001', 'in')).toBe('act-1.m001.in');
		expect(attendanceId('act-1', 'm001', 'out')).toBe('act-1.m001.out');
		expect(attendanceId('act-1', 'm001', 'signup')).toBe('act-1.m001.signup');
	});
});

describe('attendance schema', () => {
	it('accepts a signup and check-ins of every method', () => {
		expect(valid(record('signup'))).toBeNull();
		expect(valid(record('in'))).toBeNull();
		expect(valid(selfScan(NINE))).toBeNull();
		const manual = record('out', { method: 'manual', reason: '手机没电', clockSkewMs: -90_000 });
		expect(valid(manual)).toBeNull();
	});

	it.each([
		'id',
		'kind',
		'activityId',
		'communityId',
		'memberId',
		'memberName',
		'branchId',
		'orgId',
		'at',
		'recordedBy',
		'channels'
	])('requires %s', (field) => {
		const doc: Record<string, unknown> = { ...record('in') };
		delete doc[field];
		expect(valid(doc)).toEqual({ path: '/', message: `must have required property '${field}'` });
	});

	it('rejects unknown kinds and methods, long proofs and fractional skews', () => {
		expect(valid({ ...record('in'), kind: 'leave' })?.path).toBe('/kind');
		expect(valid({ ...record('in'), method: 'nfc' })?.path).toBe('/method');
		expect(valid(record('in', { proof: 'x'.repeat(1001) }))?.path).toBe('/proof');
		expect(valid(record('in', { reason: 'x'.repeat(201) }))?.path).toBe('/reason');
		expect(valid(record('in', { clockSkewMs: 1.5 }))?.path).toBe('/clockSkewMs');
		expect(valid(record('in', { at: '2026-06-01' }))?.path).toBe('/at');
		expect(valid({ ...record('in'), _deleted: true })?.message).toBe(
			'must NOT have additional properties'
		);
	});

	it('fits a badge presentation with the longest member name within the proof limit', () => {
		const long = issueBadgeToken({ ...claims, name: '阿'.repeat(50) }, ISSUER_SECRET);
		expect(valid(record('in', { proof: present(NINE, long) }))).toBeNull();
	});
});

describe('attendance channels and related documents', () => {
	it("reach the member, their branch and the community in the record's year, not the bureau", () => {
		expect(attendance.channelsOf(record('in'))).toEqual([
			'branch:br1/2026',
			'community:cm2/2026',
			'member:m001/2026'
		]);
	});

	it('reach the host branch of a branch activity too', () => {
		const hosted = record('in', { hostBranchId: 'br9' });
		expect(attendance.channelsOf(hosted)).toEqual([
			'branch:br1/2026',
			'branch:br9/2026',
			'community:cm2/2026',
			'member:m001/2026'
		]);
	});

	it('refuse a write whose channels were changed', () => {
		const hidden = { ...record('in'), channels: ['member:m001'] };
		expect(write(staff, hidden)).toEqual(refused('channels'));
	});

	it('name the activity as subject and the badge data a proof needs', () => {
		expect(attendance.subjectOf?.(record('in'))).toEqual({
			collection: 'activities',
			id: 'act-1'
		});
		expect(attendance.relatedOf?.(record('in'))).toEqual([
			{ collection: 'directory', id: 'issuer.k1' },
			{ collection: 'credentials', id: 'revocation.m001' }
		]);
		expect(attendance.relatedOf?.(record('in', { method: 'typed' }))).toEqual([
			{ collection: 'directory', id: 'badge.m001' },
			{ collection: 'credentials', id: 'revocation.m001' },
			{ collection: 'credentials', id: 'badge.m001' },
			{ collection: 'members', id: 'm001' }
		]);
		expect(attendance.relatedOf?.(record('in', { method: 'manual', reason: '手机没电' }))).toEqual([
			{ collection: 'members', id: 'm001' }
		]);
		expect(attendance.relatedOf?.(record('in', { proof: 'garbage' }))).toEqual([]);
		expect(attendance.relatedOf?.(record('in', { proof: token }))).toEqual([]);
		expect(attendance.relatedOf?.(selfScan(NINE))).toEqual([]);
		expect(attendance.relatedOf?.(record('signup'))).toEqual([]);
	});
});

describe('attendance policy: signing up', () => {
	it('lets a member sign up and cancel by deleting', () => {
		const signup = record('signup');
		expect(write(owner, signup)).toEqual(ok);
		expect(write(owner, signup, { prev: signup, deleting: true })).toEqual(ok);
	});

	it('refuses signing up someone else', () => {
		expect(write(otherMember, record('signup', { recordedBy: 'member2' }))).toEqual(
			refused('not-owner')
		);
		expect(write(staff, record('signup', { recordedBy: 'community2' }))).toEqual(
			refused('not-owner')
		);
		expect(write(otherMember, record('signup'))).toEqual(refused('not-owner'));
	});

	it('refuses cancelling someone else’s signup', () => {
		const signup = record('signup');
		const cancel = { ...signup, recordedBy: 'member2' };
		expect(write(otherMember, cancel, { prev: signup, deleting: true })).toEqual(
			refused('not-owner')
		);
	});

	it('refuses a signup under another branch', () => {
		expect(write(owner, record('signup', { branchId: 'br2' }))).toEqual(
			refused('subject-mismatch', 'branchId')
		);
	});

	it('refuses changing a signup and signing up to a cancelled activity', () => {
		const signup = record('signup');
		expect(write(owner, signup, { prev: signup })).toEqual(refused('append-only'));
		expect(write(owner, signup, { subject: { ...activity, cancelled: true } })).toEqual(
			refused('forbidden', 'cancelled')
		);
	});
});

describe('attendance policy: badge check-in', () => {
	it('accepts an organiser scanning a valid badge', () => {
		expect(write(staff, record('in'))).toEqual(ok);
		expect(write(secretary, record('in', { recordedBy: 'secretary1' }))).toEqual(ok);
		expect(write(staff, record('out', { at: '2026-06-01T04:04:00.000Z' }))).toEqual(ok);
	});

	it('refuses anyone who is not an organiser of the activity', () => {
		expect(write(bystander, record('in', { recordedBy: 'community2b' }))).toEqual(
			refused('forbidden')
		);
		expect(write(owner, record('in', { recordedBy: 'member1' }))).toEqual(refused('forbidden'));
	});

	it('refuses a record in another organiser’s name', () => {
		expect(write(secretary, record('in'))).toEqual(refused('not-owner'));
	});

	it('refuses a forged badge signed by another key under the issuer’s key id', () => {
		const forged = issueBadgeToken(claims, newKeyPair().secretKey);
		expect(write(staff, record('in', { proof: present(NINE, forged) }))).toEqual(
			refused('invalid', 'badge signature')
		);
	});

	it('refuses the badge itself as proof, and a badge from before badges had keys', () => {
		expect(write(staff, record('in', { proof: token }))).toEqual(
			refused('invalid', 'badge static')
		);
		const parts = token.split('~');
		const legacy = ['B1', ...parts.slice(1, 7), parts[8]].join('~');
		expect(write(staff, record('in', { proof: legacy }))).toEqual(
			refused('invalid', 'badge legacy')
		);
	});

	it('refuses a presentation not signed by the badge’s own key', () => {
		const thief = newKeyPair().secretKey;
		const proof = presentBadge(token, codeWindowAt(new Date(NINE)), thief);
		expect(write(staff, record('in', { proof }))).toEqual(refused('invalid', 'badge signature'));
	});

	it('refuses a presentation copied from one check-in into another time or activity', () => {
		const seen = present(NINE);
		const later = '2026-06-01T01:01:30.000Z';
		expect(write(staff, record('in', { at: later, proof: seen }))).toEqual(
			refused('invalid', 'badge expired')
		);
		expect(write(staff, record('out', { at: '2026-06-01T03:40:00.000Z', proof: seen }))).toEqual(
			refused('invalid', 'badge expired')
		);
		const other = {
			...activity,
			id: 'act-2',
			startsAt: '2026-06-01T06:00:00.000Z',
			endsAt: '2026-06-01T08:00:00.000Z'
		};
		const elsewhere = record('in', {
			activityId: 'act-2',
			at: '2026-06-01T06:00:00.000Z',
			proof: seen
		});
		const otherNow = new Date('2026-06-01T07:00:00.000Z');
		expect(write(staff, elsewhere, { subject: other, now: otherNow })).toEqual(
			refused('invalid', 'badge expired')
		);
		// Its honest counterpart, presented there and then, passes.
		const honest = { ...elsewhere, proof: present(elsewhere.at) };
		expect(write(staff, honest, { subject: other, now: otherNow })).toEqual(ok);
	});

	it('accepts a presentation within one window of the check-in’s time, either side', () => {
		for (const drift of [-1, 1]) {
			const window = codeWindowAt(new Date(NINE)) + drift;
			const proof = presentBadge(token, window, BADGE_SECRET);
			expect(write(staff, record('in', { proof }))).toEqual(ok);
		}
		const ahead = present(new Date(Date.parse(NINE) + 2 * CODE_WINDOW_MS).toISOString());
		expect(write(staff, record('in', { proof: ahead }))).toEqual(
			refused('invalid', 'badge future')
		);
	});

	it('refuses a badge whose name was changed, and a record that differs from its badge', () => {
		const [head = '', tail = ''] = token.split('~5byg5LiJ~');
		const renamed = present(NINE, `${head}~5byg5Zub~${tail}`);
		expect(write(staff, record('in', { proof: renamed, memberName: '张四' }))).toEqual(
			refused('invalid', 'badge signature')
		);
		expect(write(staff, record('in', { memberName: '张四' }))).toEqual(
			refused('subject-mismatch', 'badge')
		);
		expect(write(staff, record('in', { orgId: 'org-b' }))).toEqual(
			refused('subject-mismatch', 'badge')
		);
	});

	it('refuses another member’s badge recorded for this member', () => {
		const theirs = issueBadgeToken({ ...claims, memberId: 'm002' }, ISSUER_SECRET);
		const related = registry(issuerRecord, badgeRecord, {
			...badgeRecord,
			id: badgeRecordId('m002'),
			memberId: 'm002'
		});
		expect(write(staff, record('in', { proof: present(NINE, theirs) }), { related })).toEqual(
			refused('subject-mismatch', 'badge')
		);
	});

	it('refuses a truncated or foreign badge', () => {
		expect(write(staff, record('in', { proof: token.slice(0, token.lastIndexOf('~')) }))).toEqual(
			refused('invalid', 'badge malformed')
		);
		expect(write(staff, record('in', { proof: present(NINE).slice(0, -10) }))).toEqual(
			refused('invalid', 'badge signature')
		);
		expect(write(staff, record('in', { proof: 'https://example.com' }))).toEqual(
			refused('invalid', 'badge malformed')
		);
		const noProof = record('in');
		delete noProof.proof;
		expect(write(staff, noProof)).toEqual(refused('invalid', 'badge malformed'));
	});

	it('refuses a badge replaced by a newer one, or of a withdrawn member', () => {
		const replaced = registry(issuerRecord, revokedBelow(3));
		expect(write(staff, record('in'), { related: replaced })).toEqual(
			refused('invalid', 'badge revoked')
		);
		expect(
			write(staff, record('in'), { related: registry(issuerRecord, revokedBelow(2)) })
		).toEqual(ok);
	});

	it('needs no badge entry of the member, only the issuer key', () => {
		expect(write(staff, record('in'), { related: registry(issuerRecord) })).toEqual(ok);
	});

	it('refuses a badge of a retired or unknown issuer key', () => {
		const retired = registry({ ...issuerRecord, retiredAt: NINE });
		expect(write(staff, record('in'), { related: retired })).toEqual(
			refused('invalid', 'badge unknown-key')
		);
		expect(write(staff, record('in'), { related: registry(badgeRecord) })).toEqual(
			refused('invalid', 'badge unknown-key')
		);
	});
});

describe('attendance policy: typed and manual check-in', () => {
	/** A check-in by the code an organiser typed, with the proof the kiosk makes of it. */
	const typed = (code: string) =>
		record('in', { method: 'typed', proof: typedCodeProof(code, 'act-1.m001.in', NINE) });

	it('accepts the badge’s short code however it was typed', () => {
		expect(write(staff, typed(shortCode))).toEqual(ok);
		expect(write(staff, typed(formatShortCode(shortCode).toLowerCase()))).toEqual(ok);
	});

	it('refuses the code itself as proof, and a proof copied into another time or activity', () => {
		expect(write(staff, record('in', { method: 'typed', proof: shortCode }))).toEqual(
			refused('invalid', 'short code')
		);
		const seen = typed(shortCode).proof;
		const later = record('in', { method: 'typed', at: '2026-06-01T01:20:00.000Z', proof: seen });
		expect(write(staff, later)).toEqual(refused('invalid', 'short code'));
		const elsewhere = record('in', { method: 'typed', activityId: 'act-2', proof: seen });
		expect(write(staff, elsewhere, { subject: { ...activity, id: 'act-2' } })).toEqual(
			refused('invalid', 'short code')
		);
		expect(
			write(staff, record('in', { method: 'typed', activityId: 'act-2' }), {
				subject: { ...activity, id: 'act-2' }
			})
		).toEqual(ok);
	});

	it('refuses a proof made with the registry’s digest of the code, which secretaries hold', () => {
		const digest = badgeRecord.shortCodeDigest ?? '';
		const proof = typedCodeProof(digest, 'act-1.m001.in', NINE);
		expect(write(staff, record('in', { method: 'typed', proof }))).toEqual(
			refused('invalid', 'short code')
		);
	});

	it('leaves the proof to the gateway on a device that holds no code of the member', () => {
		const onDevice = new Map(REGISTRY);
		onDevice.delete(credentialKey);
		expect(write(staff, typed(shortCode), { related: onDevice, relatedComplete: false })).toEqual(
			ok
		);
		expect(write(staff, typed(shortCode), { related: onDevice })).toEqual(
			refused('invalid', 'short code')
		);
	});

	it('refuses a wrong code, or the code of a revoked badge', () => {
		const wrong = shortCode.startsWith('0') ? `1${shortCode.slice(1)}` : `0${shortCode.slice(1)}`;
		expect(write(staff, typed(wrong))).toEqual(refused('invalid', 'short code'));
		expect(write(staff, record('in', { method: 'typed', proof: '' }))).toEqual(
			refused('invalid', 'short code')
		);
		const revoked = registry(badgeRecord, revokedBelow(3));
		expect(write(staff, typed(shortCode), { related: revoked })).toEqual(
			refused('invalid', 'short code revoked')
		);
		const older = registry(badgeRecord, revokedBelow(2));
		expect(write(staff, typed(shortCode), { related: older })).toEqual(ok);
		expect(write(staff, typed(shortCode), { related: registry() })).toEqual(
			refused('invalid', 'short code')
		);
	});

	it('refuses the eight-character code of a badge issued before codes were lengthened', () => {
		const legacy = shortCode.slice(0, 8);
		const older = registry({ ...badgeRecord, shortCodeDigest: shortCodeDigest(legacy) });
		older.set(credentialKey, { ...credential, shortCode: legacy });
		expect(write(staff, typed(legacy), { related: older })).toEqual(
			refused('invalid', 'short code')
		);
	});

	it('refuses a typed code from the member’s own device', () => {
		expect(write(owner, record('in', { method: 'typed', recordedBy: 'member1' }))).toEqual(
			refused('forbidden')
		);
	});

	it('accepts a manual check-in by an organiser with a reason', () => {
		const manual = record('in', { method: 'manual', reason: '手机没电', proof: undefined });
		delete manual.proof;
		expect(write(staff, manual)).toEqual(ok);
	});

	it('refuses a manual check-in without a reason', () => {
		const bare = record('in', { method: 'manual' });
		delete bare.proof;
		expect(write(staff, bare)).toEqual(refused('invalid', 'reason'));
		expect(write(staff, { ...bare, reason: '   ' })).toEqual(refused('invalid', 'reason'));
	});

	describe('checks the person against the registry of members', () => {
		const manual = (overrides: Partial<Attendance> = {}) => {
			const doc = record('in', { method: 'manual', reason: '手机没电', ...overrides });
			delete doc.proof;
			return withChannels('attendance', doc);
		};
		const mismatch = refused('subject-mismatch', 'member');

		it.each([
			['an invented name', { memberName: '李四' }],
			['another branch', { branchId: 'br2' }],
			['another bureau', { orgId: 'org-b' }]
		])('refuses a manual or typed check-in under %s', (_, wrong) => {
			expect(write(staff, manual(wrong))).toEqual(mismatch);
			expect(write(staff, record('in', { method: 'typed', ...wrong }))).toEqual(mismatch);
		});

		it('refuses a member who does not exist, as the gateway sees the registry', () => {
			const nobody = manual({ memberId: 'm999', id: attendanceId('act-1', 'm999', 'in') });
			expect(write(staff, nobody)).toEqual(mismatch);
			const withoutProfile = new Map(REGISTRY);
			withoutProfile.delete(profileKey);
			expect(write(staff, manual(), { related: withoutProfile })).toEqual(mismatch);
		});

		it('lets a device that does not hold the profile record a walk-in, for the gateway to judge', () => {
			const withoutProfile = new Map(REGISTRY);
			withoutProfile.delete(profileKey);
			expect(write(staff, manual(), { related: withoutProfile, relatedComplete: false })).toEqual(
				ok
			);
			// A profile the device does hold still has to match.
			expect(write(staff, manual({ memberName: '李四' }), { relatedComplete: false })).toEqual(
				mismatch
			);
		});
	});

	it('refuses a check-in without a method', () => {
		const bare = record('in');
		delete bare.method;
		expect(write(staff, bare)).toEqual(refused('invalid', 'method'));
	});
});

describe('attendance policy: the member scanning the activity’s code', () => {
	it('accepts the member’s own scan of a fresh code', () => {
		expect(write(owner, selfScan(NINE))).toEqual(ok);
		expect(write(owner, selfScan('2026-06-01T03:59:59.999Z'))).toEqual(ok);
	});

	it('accepts a code one window either side of the scan', () => {
		const window = codeWindowAt(new Date(NINE));
		for (const drift of [-1, 1]) {
			const proof = activityCodeFor('act-1', window + drift, ACTIVITY_SECRET);
			expect(write(owner, selfScan(NINE, { proof }))).toEqual(ok);
		}
	});

	it('refuses an old code (a photo taken earlier) and a code from the future', () => {
		const window = codeWindowAt(new Date(NINE));
		const old = activityCodeFor('act-1', window - 2, ACTIVITY_SECRET);
		expect(write(owner, selfScan(NINE, { proof: old }))).toEqual(
			refused('invalid', 'code expired')
		);
		const photo = activityCodeFor('act-1', codeWindowAt(new Date(NINE)), ACTIVITY_SECRET);
		expect(write(owner, selfScan('2026-06-01T02:00:00.000Z', { proof: photo }))).toEqual(
			refused('invalid', 'code expired')
		);
		const future = activityCodeFor('act-1', window + 2, ACTIVITY_SECRET);
		expect(write(owner, selfScan(NINE, { proof: future }))).toEqual(
			refused('invalid', 'code future')
		);
	});

	it('refuses a code of another activity, a forged code and garbage', () => {
		const window = codeWindowAt(new Date(NINE));
		const other = activityCodeFor('act-2', window, ACTIVITY_SECRET);
		expect(write(owner, selfScan(NINE, { proof: other }))).toEqual(
			refused('invalid', 'code other-activity')
		);
		const forged = activityCodeFor('act-1', window, newKeyPair().secretKey);
		expect(write(owner, selfScan(NINE, { proof: forged }))).toEqual(
			refused('invalid', 'code signature')
		);
		expect(write(owner, selfScan(NINE, { proof: token }))).toEqual(
			refused('invalid', 'code malformed')
		);
	});

	it('refuses another member scanning in this member', () => {
		expect(write(otherMember, selfScan(NINE, { recordedBy: 'member2' }))).toEqual(
			refused('forbidden')
		);
	});

	it('refuses an organiser recording a code scan for a member', () => {
		expect(write(staff, selfScan(NINE, { recordedBy: 'community2' }))).toEqual(
			refused('forbidden')
		);
	});

	it('refuses a member’s own scan filed under another branch', () => {
		expect(write(owner, selfScan(NINE, { branchId: 'br2' }))).toEqual(
			refused('subject-mismatch', 'branchId')
		);
	});

	// An unparseable `at` (hour 25) must not slip past the clock-ahead, window and code checks.
	it('refuses an instant that is no real time, even with an old code', () => {
		const old = activityCodeFor('act-1', 1, ACTIVITY_SECRET);
		const bogus = selfScan(NINE, { at: '2026-06-01T25:00:00.000Z', proof: old });
		expect(write(owner, bogus)).toMatchObject({ ok: false, reason: 'invalid' });
	});
});

describe('attendance policy: times', () => {
	it('refuses a time more than five minutes ahead of the checker’s clock', () => {
		const ahead = record('out', { at: '2026-06-01T04:05:00.001Z' });
		expect(write(staff, ahead)).toEqual(refused('invalid', 'clock ahead'));
		expect(write(staff, record('out', { at: '2026-06-01T04:05:00.000Z' }))).toEqual(ok);
	});

	it('refuses a check-in before the activity opens or after it closes', () => {
		const early = record('in', { at: '2026-05-31T23:59:59.999Z' });
		expect(write(staff, early)).toEqual(refused('invalid', 'before-opening'));
		expect(write(staff, record('in', { at: '2026-06-01T00:00:00.000Z' }))).toEqual(ok);
		const later = new Date('2026-06-02T00:00:00.000Z');
		const late = record('out', { at: '2026-06-01T05:00:00.001Z' });
		expect(write(staff, late, { now: later })).toEqual(refused('invalid', 'after-closing'));
		const closing = record('out', { at: '2026-06-01T05:00:00.000Z' });
		expect(write(staff, closing, { now: later })).toEqual(ok);
	});

	it('refuses a check-in on another day, even with a fresh code', () => {
		expect(write(owner, selfScan('2026-05-30T01:00:00.000Z'))).toEqual(
			refused('invalid', 'before-opening')
		);
	});

	it('accepts a check-in synced days later (the clock check is one-sided)', () => {
		expect(write(staff, record('in'), { now: new Date('2026-06-08T00:00:00.000Z') })).toEqual(ok);
	});
});

describe('attendance policy: the same check-in from two devices', () => {
	const stored = record('in', { at: '2026-06-01T01:05:00.000Z' });

	it('accepts an update that moves the check-in earlier', () => {
		expect(write(secretary, record('in', { recordedBy: 'secretary1' }), { prev: stored })).toEqual(
			ok
		);
	});

	it('refuses an update that moves the check-in later as superseded', () => {
		const later = record('in', { at: '2026-06-01T01:06:00.000Z', recordedBy: 'secretary1' });
		expect(write(secretary, later, { prev: stored })).toEqual(refused('append-only', 'superseded'));
	});

	it('refuses a replay of the stored record, even with storage fields', () => {
		const replay = { ...stored, _rev: '9-z' } as Attendance;
		expect(write(staff, stored, { prev: replay })).toEqual(refused('append-only', 'superseded'));
	});

	it('keeps the latest check-out', () => {
		const out = record('out', { at: '2026-06-01T03:30:00.000Z' });
		const later = record('out', { at: '2026-06-01T03:45:00.000Z' });
		expect(write(staff, later, { prev: out })).toEqual(ok);
		expect(write(staff, out, { prev: later })).toEqual(refused('append-only', 'superseded'));
	});

	it('prefers a badge scan to the member’s own scan of the same moment', () => {
		const scanned = selfScan('2026-06-01T01:05:00.000Z');
		expect(write(staff, stored, { prev: scanned })).toEqual(ok);
		expect(write(owner, scanned, { prev: stored })).toEqual(refused('append-only', 'superseded'));
	});

	it('refuses changing whose check-in it is', () => {
		const moved = { ...record('in', { memberId: 'm002' }), id: stored.id };
		expect(write(staff, moved, { prev: stored })).toEqual(refused('invalid', 'id'));
		const rebranched = record('in', { branchId: 'br2' });
		expect(write(staff, rebranched, { prev: stored })).toEqual(
			refused('immutable-field', 'branchId')
		);
	});

	it('still verifies the proof of the winning record', () => {
		const forged = record('in', {
			proof: present(NINE, issueBadgeToken(claims, newKeyPair().secretKey))
		});
		expect(write(staff, forged, { prev: stored })).toEqual(refused('invalid', 'badge signature'));
	});

	it('refuses deleting a check-in', () => {
		expect(write(staff, stored, { prev: stored, deleting: true })).toEqual(refused('append-only'));
	});
});

describe('attendance policy: the activity', () => {
	it('refuses a check-in when the activity is missing or deleted', () => {
		expect(write(staff, record('in'), { subject: null })).toEqual(
			refused('subject-mismatch', 'activityId')
		);
		expect(write(staff, record('in'), { subject: { ...activity, _deleted: true } })).toEqual(
			refused('subject-mismatch', 'activityId')
		);
		expect(write(owner, record('signup'), { subject: null })).toEqual(
			refused('subject-mismatch', 'activityId')
		);
	});

	it('refuses a record whose community or host branch differs from the activity’s', () => {
		expect(write(staff, record('in', { communityId: 'cm1' }))).toEqual(
			refused('subject-mismatch', 'communityId')
		);
		const hosted = { ...activity, hostBranchId: 'br1' };
		expect(write(staff, record('in'), { subject: hosted })).toEqual(
			refused('subject-mismatch', 'communityId')
		);
		expect(write(staff, record('in', { hostBranchId: 'br1' }), { subject: hosted })).toEqual(ok);
	});

	it('refuses an id that does not match the record', () => {
		expect(write(staff, { ...record('in'), id: attendanceId('act-1', 'm001', 'out') })).toEqual(
			refused('invalid', 'id')
		);
	});
});
