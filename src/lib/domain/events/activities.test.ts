import { describe, expect, it } from 'vitest';
import { publicKeyOf } from '../codes/ed25519-signing';
import { plainContext } from '../../../test-data/policy-fixtures';
import type { Actor } from '../access/roles';
import { validateAgainst } from '../schema/schema-validation';
import { admin, office, otherStaff, owner, secretary, staff } from '../../../test-data/test-actors';
import { checkWrite, withChannels } from '../access/write-policy';
import type { AnyDoc } from '../registry';
import {
	activities,
	durationProblem,
	hasEnded,
	lengthProblem,
	MAX_ACTIVITY_HOURS,
	mayOrganiseIn,
	type Activity
} from './activities';
import type { Org } from '../directory/orgs';

const PUBLIC_KEY = publicKeyOf('11'.repeat(32)) ?? '';

/** A community activity of cm2, created by its staff. */
function activity(overrides: Partial<Activity> = {}): Activity {
	return withChannels('activities', {
		id: 'act-mr8x2k4q1z',
		type: 'volunteer',
		title: '社区环境整治',
		communityId: 'cm2',
		place: '幸福路社区广场',
		startsAt: '2026-06-01T01:00:00.000Z',
		endsAt: '2026-06-01T04:00:00.000Z',
		capacity: 20,
		expected: 'signup',
		organisers: ['community2'],
		publicKey: PUBLIC_KEY,
		createdBy: 'community2',
		updatedAt: '2026-05-20T08:00:00.000Z',
		channels: [],
		...overrides
	});
}

/** br1's themed party day in its linked community cm2, created by its secretary. */
function branchActivity(overrides: Partial<Activity> = {}): Activity {
	return activity({
		type: 'party-day',
		title: '“党旗映天山”主题党日',
		hostBranchId: 'br1',
		expected: 'branch',
		organisers: ['secretary1'],
		createdBy: 'secretary1',
		...overrides
	});
}

const branch: Org = {
	id: 'br1',
	kind: 'branch',
	name: '第一党支部',
	parentId: 'org-a',
	linkedCommunityId: 'cm2',
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['public']
};

function write(
	actor: Actor,
	next: Activity,
	options: { prev?: Activity; subject?: object | null; deleting?: boolean } = {}
) {
	return checkWrite({
		collection: 'activities',
		actor,
		prev: (options.prev ?? null) as AnyDoc | null,
		next: next as unknown as AnyDoc,
		deleting: options.deleting ?? false,
		subject: (options.subject ?? null) as Record<string, unknown> | null,
		now: plainContext.now
	});
}

const ok = { ok: true };
const valid = (doc: unknown) => validateAgainst(activities.schema, doc);

/** Staff of cm2 who did not create the activity. */
const colleague: Actor = {
	username: 'community2b',
	roles: [{ role: 'community_staff', communityId: 'cm2' }]
};

/** The secretary of another branch, br2. */
const otherSecretary: Actor = {
	username: 'secretary2',
	memberId: 'm221',
	branchId: 'br2',
	orgId: 'org-a',
	roles: [{ role: 'member' }, { role: 'secretary', branchId: 'br2' }]
};

describe('activities schema', () => {
	it('accepts a community and a branch activity', () => {
		expect(valid(activity())).toBeNull();
		expect(valid(branchActivity({ speakers: ['m001'], cancelled: true }))).toBeNull();
	});

	it.each([
		'id',
		'type',
		'title',
		'communityId',
		'place',
		'startsAt',
		'endsAt',
		'expected',
		'organisers',
		'publicKey',
		'createdBy',
		'updatedAt',
		'channels'
	])('requires %s', (field) => {
		const doc: Record<string, unknown> = { ...activity() };
		delete doc[field];
		expect(valid(doc)).toEqual({ path: '/', message: `must have required property '${field}'` });
	});

	it('rejects unknown types, bad keys, times and lists', () => {
		expect(valid(activity({ type: 'party' as Activity['type'] }))?.path).toBe('/type');
		expect(valid(activity({ expected: 'all' as Activity['expected'] }))?.path).toBe('/expected');
		expect(valid(activity({ publicKey: PUBLIC_KEY.toUpperCase() }))?.path).toBe('/publicKey');
		expect(valid(activity({ publicKey: PUBLIC_KEY.slice(2) }))?.path).toBe('/publicKey');
		expect(valid(activity({ startsAt: '2026-06-01 09:00' }))?.path).toBe('/startsAt');
		expect(valid(activity({ organisers: [] }))?.path).toBe('/organisers');
		const eleven = Array.from({ length: 11 }, (_, i) => `o${i}`);
		expect(valid(activity({ organisers: eleven }))?.path).toBe('/organisers');
		expect(valid(activity({ capacity: 0 }))?.path).toBe('/capacity');
		expect(valid(activity({ capacity: 2.5 }))?.path).toBe('/capacity');
		expect(valid(activity({ title: '' }))?.path).toBe('/title');
		expect(valid(activity({ title: '活'.repeat(101) }))?.path).toBe('/title');
	});

	it('rejects ids that are not URL-safe entity ids', () => {
		expect(valid(activity({ id: '_act' }))?.path).toBe('/id');
		expect(valid(activity({ id: 'act/1' }))?.path).toBe('/id');
		expect(valid(activity({ id: 'a'.repeat(41) }))?.path).toBe('/id');
		expect(valid(activity({ speakers: ['m 1'] }))?.path).toBe('/speakers/0');
	});

	it('rejects an extra property', () => {
		expect(valid({ ...activity(), secretKey: '11'.repeat(32) })?.message).toBe(
			'must NOT have additional properties'
		);
	});
});

describe('activities channels and subject', () => {
	it("reach a community activity's staff, organisers and the members who report to the community, in its year", () => {
		expect(activities.channelsOf(activity())).toEqual([
			'community-members:cm2/2026',
			'community:cm2/2026',
			'user:community2/2026'
		]);
	});

	it("reach a branch activity's secretary and members, not the whole community", () => {
		expect(activities.channelsOf(branchActivity())).toEqual([
			'branch-members:br1/2026',
			'branch:br1/2026',
			'community:cm2/2026',
			'user:secretary1/2026'
		]);
	});

	it('belong to the year the activity starts in Shanghai', () => {
		const newYearsEve = { ...activity(), startsAt: '2026-12-31T16:30:00.000Z' };
		expect(activities.channelsOf(newYearsEve)).toContain('community:cm2/2027');
	});

	it('are never public', () => {
		expect(activities.channelsOf(activity())).not.toContain('public');
	});

	it('name the host branch as subject, and nothing for a community activity', () => {
		expect(activities.subjectOf?.(branchActivity())).toEqual({
			collection: 'directory',
			id: 'br1'
		});
		expect(activities.subjectOf?.(activity())).toBeNull();
	});

	it('refuses a write with other channels', () => {
		expect(write(staff, { ...activity(), channels: ['community:cm2'] })).toEqual({
			ok: false,
			reason: 'channels'
		});
	});
});

describe('mayOrganiseIn and durationProblem', () => {
	it('lets staff organise in their community, and a secretary for their branch', () => {
		expect(mayOrganiseIn(staff, { communityId: 'cm2' })).toBe(true);
		expect(mayOrganiseIn(otherStaff, { communityId: 'cm2' })).toBe(false);
		expect(mayOrganiseIn(secretary, { communityId: 'cm2' })).toBe(false);
		expect(mayOrganiseIn(secretary, { communityId: 'cm2', hostBranchId: 'br1' })).toBe(true);
		expect(mayOrganiseIn(secretary, { communityId: 'cm2', hostBranchId: 'br2' })).toBe(false);
		expect(mayOrganiseIn(staff, { communityId: 'cm2', hostBranchId: 'br1' })).toBe(true);
		expect(mayOrganiseIn(owner, { communityId: 'cm2', hostBranchId: 'br1' })).toBe(false);
	});

	it('accepts up to 16 hours and refuses empty, backward and longer spans', () => {
		const span = (startsAt: string, endsAt: string) => durationProblem({ startsAt, endsAt });
		expect(MAX_ACTIVITY_HOURS).toBe(16);
		expect(span('2026-06-01T00:00:00.000Z', '2026-06-01T16:00:00.000Z')).toBeNull();
		expect(span('2026-06-01T00:00:00.000Z', '2026-06-01T16:00:00.001Z')).toBe('endsAt');
		expect(span('2026-06-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z')).toBe('endsAt');
		expect(span('2026-06-01T00:00:00.000Z', '2026-05-31T23:00:00.000Z')).toBe('endsAt');
		expect(span('2026-06-01T00:00:00.000Z', '2026-06-01T00:00:00.001Z')).toBeNull();
		expect(span('2026-06-01T00:00:00.000Z', '2026-06-01T25:00:00.000Z')).toBe('endsAt');
	});
});

describe('activities policy: creating', () => {
	it('lets staff of the community create one', () => {
		expect(write(staff, activity())).toEqual(ok);
	});

	it('lets staff create a branch activity in the branch’s linked community', () => {
		const doc = branchActivity({ organisers: ['community2'], createdBy: 'community2' });
		expect(write(staff, doc, { subject: branch })).toEqual(ok);
	});

	it('lets the secretary create one for the branch in its linked community', () => {
		expect(write(secretary, branchActivity(), { subject: branch })).toEqual(ok);
	});

	it('refuses the secretary in another community than the branch’s linked one', () => {
		const elsewhere = branchActivity({ communityId: 'cm1' });
		expect(write(secretary, elsewhere, { subject: branch })).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'communityId'
		});
	});

	it('refuses a branch activity without the branch to check against', () => {
		expect(write(secretary, branchActivity(), { subject: null })).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'communityId'
		});
		const unlinked = { ...branch, linkedCommunityId: undefined };
		expect(write(secretary, branchActivity(), { subject: unlinked })).toMatchObject({
			ok: false,
			reason: 'subject-mismatch'
		});
	});

	it('refuses the secretary a community activity or another branch’s', () => {
		const own = activity({ organisers: ['secretary1'], createdBy: 'secretary1' });
		expect(write(secretary, own)).toEqual({ ok: false, reason: 'forbidden' });
		expect(write(otherSecretary, branchActivity(), { subject: branch })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});

	it.each([
		['staff of another community', otherStaff],
		['a member', owner],
		['the office', office],
		['the administrator', admin]
	])('refuses %s', (_, actor) => {
		const doc = activity({ organisers: [actor.username], createdBy: actor.username });
		expect(write(actor, doc)).toEqual({ ok: false, reason: 'forbidden' });
	});

	it('refuses creating one in someone else’s name', () => {
		expect(write(colleague, activity())).toEqual({ ok: false, reason: 'not-owner' });
	});

	it('requires the creator among the organisers', () => {
		expect(write(staff, activity({ organisers: ['secretary1'] }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'organisers'
		});
	});

	it('refuses an activity longer than 16 hours, or ending before it starts', () => {
		const long = activity({ endsAt: '2026-06-01T17:00:00.001Z' });
		expect(write(staff, long)).toEqual({ ok: false, reason: 'invalid', detail: 'endsAt' });
		const backward = activity({ endsAt: '2026-06-01T00:59:59.999Z' });
		expect(write(staff, backward)).toEqual({ ok: false, reason: 'invalid', detail: 'endsAt' });
		expect(write(staff, activity({ endsAt: '2026-06-01T17:00:00.000Z' }))).toEqual(ok);
	});

	it('refuses expecting the whole branch without a host branch', () => {
		expect(write(staff, activity({ expected: 'branch' }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'expected'
		});
	});
});

describe('activities policy: changing', () => {
	const prev = activity();

	it('lets any staff of the community change the title, place, times and organisers', () => {
		const next = activity({
			title: '社区环境整治（改期）',
			place: '社区活动室',
			startsAt: '2026-06-02T01:00:00.000Z',
			endsAt: '2026-06-02T03:00:00.000Z',
			organisers: ['community2', 'secretary1'],
			updatedAt: '2026-05-21T08:00:00.000Z'
		});
		expect(write(staff, next, { prev })).toEqual(ok);
		expect(write(colleague, next, { prev })).toEqual(ok);
	});

	it('lets the secretary cancel the branch’s activity', () => {
		const mine = branchActivity();
		expect(write(secretary, { ...mine, cancelled: true }, { prev: mine, subject: branch })).toEqual(
			ok
		);
	});

	it.each([
		['communityId', { communityId: 'cm1' }],
		['publicKey', { publicKey: publicKeyOf('22'.repeat(32)) ?? '' }],
		['createdBy', { createdBy: 'community2b', organisers: ['community2', 'community2b'] }],
		['type', { type: 'lecture' }]
	] as const)('refuses changing %s', (field, change) => {
		const actor: Actor = {
			username: 'community-both',
			roles: [
				{ role: 'community_staff', communityId: 'cm2' },
				{ role: 'community_staff', communityId: 'cm1' }
			]
		};
		expect(write(actor, activity(change as Partial<Activity>), { prev })).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: field
		});
	});

	it('refuses adding or removing a host branch', () => {
		const hosted = activity({ hostBranchId: 'br1' });
		expect(write(staff, hosted, { prev, subject: branch })).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'hostBranchId'
		});
		expect(write(staff, prev, { prev: hosted })).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'hostBranchId'
		});
	});

	it('refuses a change by someone who may not organise the stored activity', () => {
		const theirs = branchActivity({ hostBranchId: 'br2' });
		const moved = branchActivity();
		expect(write(secretary, moved, { prev: theirs, subject: branch })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(write(otherStaff, activity({ title: '改' }), { prev })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});

	it('still requires the creator among the organisers', () => {
		const next = activity({ organisers: ['community2b'] });
		expect(write(colleague, next, { prev })).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'organisers'
		});
	});

	it('refuses deleting: an activity is cancelled instead', () => {
		expect(write(staff, prev, { prev, deleting: true })).toEqual({
			ok: false,
			reason: 'append-only',
			detail: 'cancel instead'
		});
	});
});

describe('lengthProblem and hasEnded', () => {
	const span = (startsAt: string, endsAt: string) => lengthProblem({ startsAt, endsAt });

	it('tells an end before the start from an activity that is too long', () => {
		expect(span('2026-06-01T00:00:00.000Z', '2026-06-01T16:00:00.000Z')).toBeNull();
		expect(span('2026-06-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z')).toBe('ends-first');
		expect(span('2026-06-01T00:00:00.000Z', '2026-05-31T23:00:00.000Z')).toBe('ends-first');
		expect(span('2026-06-01T00:00:00.000Z', '2026-06-01T25:00:00.000Z')).toBe('ends-first');
		expect(span('2026-06-01T00:00:00.000Z', '2026-06-01T16:00:00.001Z')).toBe('too-long');
	});

	it('ends the activity the moment after its end', () => {
		const endsAt = '2026-06-01T04:00:00.000Z';
		expect(hasEnded({ endsAt }, new Date('2026-06-01T03:59:59.999Z'))).toBe(false);
		expect(hasEnded({ endsAt }, new Date(endsAt))).toBe(false);
		expect(hasEnded({ endsAt }, new Date('2026-06-01T04:00:00.001Z'))).toBe(true);
	});
});
