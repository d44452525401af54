import { describe, expect, it } from 'vitest';
import { newKeyPair, publicKeyOf } from './ed25519-signing';
import { plainContext } from '../../../test-data/policy-fixtures';
import type { Actor } from '../access/roles';
import { validateAgainst } from '../schema/schema-validation';
import { admin, otherStaff, owner, secretary, staff } from '../../../test-data/test-actors';
import { checkWrite, withChannels } from '../access/write-policy';
import { activityKeyId, badgeCredentialId, credentials, type Credential } from './credentials';
import type { Activity, AnyDoc } from '../registry';
import { anActivity } from '../../../test-data/activity-fixtures';

const SECRET = 'c3'.repeat(32);
const PUBLIC = publicKeyOf(SECRET) ?? '';

function activityKey(overrides: Partial<Credential> = {}): Credential {
	return withChannels('credentials', {
		id: activityKeyId('act-1'),
		kind: 'activity-key',
		activityId: 'act-1',
		communityId: 'cm2',
		organisers: ['community2', 'secretary1'],
		secretKey: SECRET,
		publicKey: PUBLIC,
		createdBy: 'community2',
		updatedAt: '2026-05-20T08:00:00.000Z',
		channels: [],
		...overrides
	});
}

function badge(overrides: Partial<Credential> = {}): Credential {
	return withChannels('credentials', {
		id: badgeCredentialId('m001'),
		kind: 'badge',
		memberId: 'm001',
		token: 'B1~k1~m001~br1~org-a~1~5byg5LiJ~sig',
		shortCode: 'ABCD1234',
		serial: 1,
		updatedAt: '2026-05-20T08:00:00.000Z',
		channels: [],
		...overrides
	});
}

/** The activity as the server stores it: by default the key's own, created by its writer. */
function storedActivity(key: Credential): Activity {
	return anActivity({
		id: key.activityId ?? 'act-1',
		communityId: key.communityId ?? 'cm2',
		...(key.hostBranchId ? { hostBranchId: key.hostBranchId } : {}),
		publicKey: key.publicKey ?? PUBLIC,
		createdBy: key.createdBy ?? 'community2',
		organisers: key.organisers ?? ['community2']
	});
}

function write(
	actor: Actor,
	next: Credential,
	options: { prev?: Credential; deleting?: boolean; activity?: Activity | null } = {}
) {
	const activity = options.activity === undefined ? storedActivity(next) : options.activity;
	return checkWrite({
		collection: 'credentials',
		actor,
		prev: (options.prev ?? null) as AnyDoc | null,
		next: next as unknown as AnyDoc,
		deleting: options.deleting ?? false,
		subject: null,
		related: new Map<string, Record<string, unknown>>(
			activity ? [[`activities/${activity.id}`, { ...activity }]] : []
		),
		now: plainContext.now
	});
}

const ok = { ok: true };
const valid = (doc: unknown) => validateAgainst(credentials.schema, doc);

describe('credential ids', () => {
	it('name the member or the activity', () => {
		expect(badgeCredentialId('m001')).toBe('badge.m001');
		expect(activityKeyId('act-1')).toBe('activity.act-1');
	});
});

describe('credentials schema', () => {
	it('accepts an activity key and a badge', () => {
		expect(valid(activityKey())).toBeNull();
		expect(valid(badge())).toBeNull();
	});

	it.each(['id', 'kind', 'updatedAt', 'channels'])('requires %s', (field) => {
		const doc: Record<string, unknown> = { ...activityKey() };
		delete doc[field];
		expect(valid(doc)).toEqual({ path: '/', message: `must have required property '${field}'` });
	});

	it('rejects keys that are not 32 bytes of lower-case hex', () => {
		expect(valid(activityKey({ secretKey: SECRET.slice(2) }))?.path).toBe('/secretKey');
		expect(valid(activityKey({ secretKey: SECRET.toUpperCase() }))?.path).toBe('/secretKey');
		expect(valid(activityKey({ publicKey: 'z'.repeat(64) }))?.path).toBe('/publicKey');
	});

	it('rejects short codes that are not twelve (or, older, eight) canonical characters, and bad serials', () => {
		expect(valid(badge({ shortCode: 'ABCD1234WXYZ' }))).toBeNull();
		expect(valid(badge({ shortCode: 'abcd1234wxyz' }))?.path).toBe('/shortCode');
		expect(valid(badge({ shortCode: 'ABCD-1234' }))?.path).toBe('/shortCode');
		expect(valid(badge({ shortCode: 'ABCD123' }))?.path).toBe('/shortCode');
		expect(valid(badge({ shortCode: 'ABCD1234WX' }))?.path).toBe('/shortCode');
		expect(valid(badge({ serial: 0 }))?.path).toBe('/serial');
		expect(valid(badge({ token: 'x'.repeat(601) }))?.path).toBe('/token');
	});

	it('rejects unknown kinds and extra properties', () => {
		expect(valid({ ...activityKey(), kind: 'issuer' })?.path).toBe('/kind');
		expect(valid({ ...activityKey(), name: 'x' })?.message).toBe(
			'must NOT have additional properties'
		);
	});
});

describe('credentials channels', () => {
	it('send an activity key to its organisers only', () => {
		expect(credentials.channelsOf(activityKey())).toEqual(['user:community2', 'user:secretary1']);
		expect(credentials.channelsOf(activityKey({ organisers: ['zeta', 'alpha', 'zeta'] }))).toEqual([
			'user:alpha',
			'user:zeta'
		]);
	});

	it('send a badge to its member only', () => {
		expect(credentials.channelsOf(badge())).toEqual(['member:m001']);
	});

	it('refuse a write whose channels reach anyone else', () => {
		const leaked = { ...activityKey(), channels: ['public'] };
		expect(write(staff, leaked)).toEqual({ ok: false, reason: 'channels' });
		const extra = {
			...activityKey(),
			channels: ['user:community2', 'user:member1', 'user:secretary1']
		};
		expect(write(staff, extra)).toEqual({ ok: false, reason: 'channels' });
	});
});

describe('credentials policy', () => {
	it('lets staff of the community store the key of an activity they create', () => {
		expect(write(staff, activityKey())).toEqual(ok);
	});

	it('lets the secretary store the key of a branch activity', () => {
		const doc = activityKey({ hostBranchId: 'br1', createdBy: 'secretary1' });
		expect(write(secretary, doc)).toEqual(ok);
	});

	it('accepts a key pair made at random', () => {
		const pair = newKeyPair();
		expect(write(staff, activityKey(pair))).toEqual(ok);
	});

	it('refuses a public key that is not the secret key’s', () => {
		expect(write(staff, activityKey({ publicKey: newKeyPair().publicKey }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'publicKey'
		});
		const missing = activityKey();
		delete missing.publicKey;
		expect(write(staff, missing)).toEqual({ ok: false, reason: 'invalid', detail: 'publicKey' });
	});

	it('refuses a key without its activity, community, organisers or secret', () => {
		for (const field of ['activityId', 'communityId', 'organisers', 'secretKey'] as const) {
			const doc = activityKey();
			delete doc[field];
			expect(write(staff, withChannels('credentials', doc))).toEqual({
				ok: false,
				reason: 'invalid',
				detail: 'key'
			});
		}
	});

	it('refuses an id that does not name the activity', () => {
		expect(write(staff, activityKey({ id: activityKeyId('act-2') }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'id'
		});
	});

	it.each([
		['staff of another community', otherStaff],
		['a member', owner],
		['the administrator', admin]
	])('refuses %s', (_, actor) => {
		const doc = activityKey({ createdBy: actor.username, organisers: [actor.username] });
		expect(write(actor, doc)).toEqual({ ok: false, reason: 'forbidden' });
	});

	it('names the key’s activity for the gateway to load, whoever writes', () => {
		expect(credentials.relatedOf?.(activityKey())).toEqual([
			{ collection: 'activities', id: 'act-1' }
		]);
		expect(credentials.relatedOf?.(badge())).toEqual([]);
	});

	it('refuses a key for an activity someone else created (squatting), as if it did not exist', () => {
		const squatter = activityKey({ createdBy: 'community1', organisers: ['community1'] });
		const theirs = storedActivity(activityKey());
		const refused = { ok: false, reason: 'forbidden', detail: 'activity' };
		const sameCommunity: Actor = {
			username: 'community1',
			roles: [{ role: 'community_staff', communityId: 'cm2' }]
		};
		expect(write(sameCommunity, squatter, { activity: theirs })).toEqual(refused);
		expect(write(sameCommunity, squatter, { activity: null })).toEqual(refused);
		const branchKey = activityKey({ hostBranchId: 'br1', createdBy: 'secretary1' });
		const byStaff = storedActivity(activityKey({ hostBranchId: 'br1' }));
		expect(write(secretary, branchKey, { activity: byStaff })).toEqual(refused);
	});

	it('refuses a key whose public half is not the activity’s, or of another community', () => {
		const refused = { ok: false, reason: 'forbidden', detail: 'activity' };
		const other = newKeyPair();
		const stored = storedActivity(activityKey());
		expect(write(staff, activityKey(other), { activity: stored })).toEqual(refused);
		const moved = { ...stored, communityId: 'cm1' };
		expect(write(staff, activityKey(), { activity: moved })).toEqual(refused);
	});

	it('lets only the creator change the organisers', () => {
		const prev = activityKey({ organisers: ['community2', 'community9'] });
		const next = activityKey({ organisers: ['community2', 'community9', 'volunteer7'] });
		const coOrganiser: Actor = {
			username: 'community9',
			roles: [{ role: 'community_staff', communityId: 'cm2' }]
		};
		expect(write(coOrganiser, next, { prev, activity: storedActivity(prev) })).toEqual({
			ok: false,
			reason: 'forbidden',
			detail: 'activity'
		});
	});

	it('refuses the secretary a key of a community activity', () => {
		const doc = activityKey({ createdBy: 'secretary1' });
		expect(write(secretary, doc)).toEqual({ ok: false, reason: 'forbidden' });
	});

	it('refuses storing a key in someone else’s name', () => {
		const stored = storedActivity(activityKey());
		expect(write(staff, activityKey({ createdBy: 'secretary1' }), { activity: stored })).toEqual({
			ok: false,
			reason: 'not-owner'
		});
	});

	it('requires the creator among the organisers', () => {
		expect(write(staff, activityKey({ organisers: ['secretary1'] }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'organisers'
		});
	});

	it('lets the organisers change, so the key reaches a new organiser', () => {
		const prev = activityKey();
		const next = activityKey({ organisers: ['community2', 'secretary1', 'volunteer7'] });
		expect(write(staff, next, { prev })).toEqual(ok);
	});

	it('refuses replacing the key of an activity', () => {
		const pair = newKeyPair();
		const next = activityKey({ secretKey: pair.secretKey, publicKey: pair.publicKey });
		expect(write(staff, next, { prev: activityKey() })).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'secretKey'
		});
	});

	it('refuses moving a key to another community', () => {
		const both: Actor = {
			username: 'community2',
			roles: [
				{ role: 'community_staff', communityId: 'cm2' },
				{ role: 'community_staff', communityId: 'cm1' }
			]
		};
		expect(write(both, activityKey({ communityId: 'cm1' }), { prev: activityKey() })).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'communityId'
		});
	});

	it('refuses deleting a key', () => {
		expect(write(staff, activityKey(), { prev: activityKey(), deleting: true })).toEqual({
			ok: false,
			reason: 'append-only'
		});
	});

	it('leaves badges to the server, whoever writes', () => {
		for (const actor of [owner, staff, secretary, admin]) {
			expect(write(actor, badge())).toEqual({ ok: false, reason: 'server-owned' });
		}
		expect(write(owner, badge(), { prev: badge(), deleting: true })).toEqual({
			ok: false,
			reason: 'server-owned'
		});
	});
});
