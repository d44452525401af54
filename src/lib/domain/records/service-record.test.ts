import { describe, expect, it } from 'vitest';
import { office, otherMember, owner, secretary, staff } from '../../../test-data/test-actors';
import {
	ACT1,
	activityRecord,
	approvalOfSubject,
	NOW,
	OWN_ID,
	ownRecord,
	push,
	relatedOf,
	withCommunity
} from '../../../test-data/record-fixtures';
import { kindOf } from '../registry';
import type { Actor } from '../access/roles';
import {
	isOwnRecordId,
	isServiceTimeOpen,
	ownRecordId,
	serviceRecords,
	valuesBefore,
	type ServiceRecord,
	type TrailEntry
} from './service-record';

const withActivity = (activity: Record<string, unknown>) =>
	relatedOf([
		[
			{ collection: 'directory', id: 'cm2' },
			{ id: 'cm2', kind: 'community', channels: [] }
		],
		[{ collection: 'activities', id: 'act1' }, activity]
	]);

function create(actor: Actor, next: ServiceRecord, related = withCommunity) {
	return push('reports', actor, next, { related });
}

/** The member's resubmission of `prev` with `changes`, as record-drafts builds it. */
function resubmitted(
	prev: ServiceRecord,
	changes: Partial<ServiceRecord>,
	reason = '补充照片'
): ServiceRecord {
	const next = { ...prev, ...changes, submission: prev.submission + 1 };
	const entry: TrailEntry = {
		at: '2026-05-30T02:00:00.000Z',
		by: 'member1',
		change: 'resubmitted',
		before: valuesBefore(prev, next),
		reason
	};
	return rechanneled({ ...next, trail: [...prev.trail, entry] });
}

function rechanneled(record: ServiceRecord): ServiceRecord {
	return { ...record, channels: serviceRecords.channelsOf(record) };
}

function withdrawn(prev: ServiceRecord): ServiceRecord {
	return {
		...prev,
		withdrawn: true,
		trail: [...prev.trail, { at: '2026-05-30T02:00:00.000Z', by: 'member1', change: 'withdrawn' }],
		updatedAt: '2026-05-30T02:00:00.000Z'
	};
}

describe('service records: kind and channels', () => {
	it('is the `service-record` kind of the reports collection', () => {
		expect(kindOf('reports', ownRecord())).toBe(serviceRecords);
		expect(kindOf('reports', { kind: 'residence' })?.name).toBe('report');
	});

	it("travel in the member's, the branch's and the community's channels of the service's Shanghai year", () => {
		expect(ownRecord().channels).toEqual([
			'branch:br1/2026',
			'community:cm2/2026',
			'member:m001/2026'
		]);
		// 2025-12-31 16:30 UTC is already 2026-01-01 in Shanghai.
		expect(serviceRecords.channelsOf(ownRecord({ at: '2025-12-31T16:30:00.000Z' }))).toContain(
			'member:m001/2026'
		);
		expect(serviceRecords.channelsOf(ownRecord({ at: '2025-12-31T15:30:00.000Z' }))).toContain(
			'member:m001/2025'
		);
	});

	it('name their photos as their files', () => {
		const photo = 'a'.repeat(64);
		expect(serviceRecords.filesOf?.(ownRecord({ photos: [photo] }))).toEqual([photo]);
	});

	it('take own ids of the member and a key of 6–24 lower-case letters and digits', () => {
		expect(isOwnRecordId(ownRecordId('m001', 'abc123'), 'm001')).toBe(true);
		expect(isOwnRecordId(ownRecordId('m001', 'abc12'), 'm001')).toBe(false);
		expect(isOwnRecordId(ownRecordId('m001', 'ABC123'), 'm001')).toBe(false);
		expect(isOwnRecordId(ownRecordId('m001', 'a'.repeat(25)), 'm001')).toBe(false);
		expect(isOwnRecordId(ownRecordId('m002', 'abc123'), 'm001')).toBe(false);
	});

	it('accept a service time up to five minutes ahead of the clock, in an open year', () => {
		expect(isServiceTimeOpen('2026-06-01T04:04:00.000Z', NOW)).toBe(true);
		expect(isServiceTimeOpen('2026-06-01T04:06:00.000Z', NOW)).toBe(false);
		expect(isServiceTimeOpen('2025-01-01T00:00:00.000Z', NOW)).toBe(true);
		expect(isServiceTimeOpen('2024-12-31T15:00:00.000Z', NOW)).toBe(false);
	});
});

describe('service records: who writes them', () => {
	it('lets the member write their own record', () => {
		expect(create(owner, ownRecord())).toEqual({ ok: true });
	});

	it('refuses anyone else: another member, the secretary, staff, the office', () => {
		for (const actor of [otherMember, secretary, staff, office]) {
			expect(create(actor, ownRecord()), actor.username).toEqual({
				ok: false,
				reason: 'not-owner'
			});
		}
	});

	it('leaves records of activities and claims to the worker', () => {
		expect(create(owner, activityRecord())).toEqual({ ok: false, reason: 'server-owned' });
		expect(create(secretary, activityRecord({ origin: 'claim' }))).toMatchObject({
			reason: 'server-owned'
		});
		// Nor may a member turn a derived record into an own one.
		expect(
			push('reports', owner, ownRecord({ id: activityRecord().id }), { prev: activityRecord() })
		).toMatchObject({ reason: 'server-owned' });
	});

	it("keeps the member's own branch and bureau, and an id of theirs", () => {
		expect(create(owner, ownRecord({ branchId: 'br2' }))).toMatchObject({ detail: 'branchId' });
		expect(create(owner, ownRecord({ orgId: 'org-b' }))).toMatchObject({ detail: 'orgId' });
		expect(create(owner, ownRecord({ id: 'sr.m001.AB' }))).toMatchObject({ detail: 'id' });
		expect(create(owner, ownRecord({ id: ownRecordId('m002', 'abcdef') }))).toMatchObject({
			detail: 'id'
		});
	});

	it('refuses what only derived records carry, and categories a member may not choose', () => {
		expect(create(owner, ownRecord({ category: 'party-day' }))).toMatchObject({
			detail: 'category'
		});
		expect(create(owner, ownRecord({ sourceId: 'act1.m001.in' }))).toMatchObject({
			reason: 'server-owned'
		});
		expect(create(owner, ownRecord({ flagged: true }))).toMatchObject({ reason: 'server-owned' });
		expect(create(owner, ownRecord({ category: 'emergency' }))).toEqual({ ok: true });
		expect(create(owner, ownRecord({ category: 'lecture-given' }))).toEqual({ ok: true });
	});

	it('asks for minutes, a description and a time not ahead and in an open year', () => {
		expect(create(owner, ownRecord({ minutes: 0 }))).toMatchObject({ detail: 'minutes' });
		expect(create(owner, ownRecord({ minutes: 24 * 60 + 1 }))).toMatchObject({ reason: 'invalid' });
		expect(create(owner, ownRecord({ description: '   ' }))).toMatchObject({
			detail: 'description'
		});
		expect(create(owner, ownRecord({ at: '2026-06-02T00:00:00.000Z' }))).toMatchObject({
			detail: 'at'
		});
		expect(create(owner, ownRecord({ at: '2024-06-01T00:00:00.000Z' }))).toMatchObject({
			detail: 'at'
		});
	});

	it('allows at most three photos of SHA-256 hex', () => {
		const photo = 'b'.repeat(64);
		expect(create(owner, ownRecord({ photos: [photo, photo, photo] }))).toEqual({ ok: true });
		expect(create(owner, ownRecord({ photos: [photo, photo, photo, photo] }))).toMatchObject({
			reason: 'invalid'
		});
		expect(create(owner, ownRecord({ photos: ['photo.jpg'] }))).toMatchObject({
			reason: 'invalid'
		});
	});

	it('needs a community of the directory; a device without it leaves that to the gateway', () => {
		const none = relatedOf([]);
		expect(create(owner, ownRecord(), none)).toMatchObject({ detail: 'communityId' });
		const street = relatedOf([[{ collection: 'directory', id: 'cm2' }, { kind: 'street' }]]);
		expect(create(owner, ownRecord(), street)).toMatchObject({ detail: 'communityId' });
		expect(push('reports', owner, ownRecord(), { related: none, relatedComplete: false })).toEqual({
			ok: true
		});
	});

	it('cites a missed check-in only at an activity of that community, copying its host branch', () => {
		const missed = ownRecord({ activityId: 'act1' });
		expect(create(owner, missed, withActivity(ACT1))).toEqual({ ok: true });
		expect(create(owner, missed, withActivity({ ...ACT1, communityId: 'cm1' }))).toMatchObject({
			detail: 'activityId'
		});
		expect(create(owner, missed, withActivity({ ...ACT1, cancelled: true }))).toMatchObject({
			detail: 'activityId'
		});
		expect(create(owner, missed, withCommunity)).toMatchObject({ detail: 'activityId' });
		// Claiming the branch ran it would skip the community's step: the host is the activity's.
		expect(
			create(owner, ownRecord({ activityId: 'act1', hostBranchId: 'br1' }), withActivity(ACT1))
		).toMatchObject({ detail: 'hostBranchId' });
		const hosted = { ...ACT1, hostBranchId: 'br1' };
		expect(
			create(owner, ownRecord({ activityId: 'act1', hostBranchId: 'br1' }), withActivity(hosted))
		).toEqual({ ok: true });
		expect(create(owner, ownRecord({ hostBranchId: 'br1' }))).toMatchObject({
			detail: 'hostBranchId'
		});
	});

	it('refuses a missed check-in where the member is checked in: that record exists already', () => {
		const checkedIn = relatedOf([
			[
				{ collection: 'directory', id: 'cm2' },
				{ id: 'cm2', kind: 'community', channels: [] }
			],
			[{ collection: 'activities', id: 'act1' }, ACT1],
			[
				{ collection: 'attendance', id: 'act1.m001.in' },
				{ id: 'act1.m001.in', kind: 'in' }
			]
		]);
		expect(create(owner, ownRecord({ activityId: 'act1' }), checkedIn)).toMatchObject({
			reason: 'subject-mismatch',
			detail: 'checked-in'
		});
	});

	it('starts at submission 1 with one `created` step by the member', () => {
		expect(create(owner, ownRecord({ submission: 2 }))).toMatchObject({ detail: 'submission' });
		expect(create(owner, ownRecord({ trail: [] }))).toMatchObject({ detail: 'trail' });
		expect(
			create(
				owner,
				ownRecord({ trail: [{ at: NOW.toISOString(), by: 'member2', change: 'created' }] })
			)
		).toMatchObject({ detail: 'trail' });
		expect(create(owner, ownRecord({ withdrawn: true }))).toMatchObject({ detail: 'withdrawn' });
	});
});

describe('service records: changes', () => {
	const prev = ownRecord();

	function change(next: ServiceRecord, related = withCommunity) {
		return push('reports', owner, next, { prev, related });
	}

	it('takes a resubmission: the next submission, the previous values and the reason in the trail', () => {
		const next = resubmitted(prev, { minutes: 120, description: '帮助独居老人打扫卫生、买菜' });
		expect(next.trail.at(-1)?.before).toEqual({ minutes: 90, description: '帮助独居老人打扫卫生' });
		expect(change(next)).toEqual({ ok: true });
	});

	it('refuses a change of content within a submission, or a submission skipped', () => {
		expect(change({ ...prev, minutes: 120 })).toMatchObject({ detail: 'trail' });
		const skipped = resubmitted(prev, { minutes: 120 });
		expect(change({ ...skipped, submission: 3 })).toMatchObject({ detail: 'submission' });
	});

	it('needs a reason and the true previous values', () => {
		expect(change(resubmitted(prev, { minutes: 120 }, ' '))).toMatchObject({ detail: 'trail' });
		const next = resubmitted(prev, { minutes: 120 });
		const forged = {
			...next,
			trail: [...prev.trail, { ...next.trail[1]!, before: { minutes: 60 } }]
		};
		expect(change(forged)).toMatchObject({ detail: 'trail' });
	});

	it('never rewrites the trail kept so far', () => {
		const next = resubmitted(prev, { minutes: 120 });
		const rewritten = { ...next, trail: [{ ...next.trail[0]!, by: 'member9' }, next.trail[1]!] };
		expect(change(rewritten)).toMatchObject({ detail: 'trail' });
	});

	it('keeps the member, branch, bureau and origin', () => {
		const next = resubmitted(prev, { minutes: 120 });
		expect(change(rechanneled({ ...next, branchId: 'br2' }))).toMatchObject({
			reason: 'immutable-field',
			detail: 'branchId'
		});
		expect(change({ ...next, orgId: 'org-b' })).toMatchObject({ detail: 'orgId' });
		expect(change({ ...next, origin: 'claim' })).toMatchObject({ reason: 'server-owned' });
	});

	it('checks the content of a resubmission as of a new record', () => {
		expect(change(resubmitted(prev, { minutes: 0 }))).toMatchObject({ detail: 'minutes' });
		expect(change(resubmitted(prev, { communityId: 'cm9' }))).toMatchObject({
			detail: 'communityId'
		});
	});

	it('lets the member withdraw a record not approved, keeping it and its content', () => {
		expect(change(withdrawn(prev))).toEqual({ ok: true });
		expect(change({ ...withdrawn(prev), minutes: 30 })).toMatchObject({ detail: 'submission' });
		const approved = relatedOf([
			[{ collection: 'reviews', id: `${OWN_ID}.a1` }, approvalOfSubject(prev)]
		]);
		expect(change(withdrawn(prev), approved)).toMatchObject({
			reason: 'forbidden',
			detail: 'approved'
		});
		const returned = relatedOf([
			[
				{ collection: 'reviews', id: `${OWN_ID}.a1` },
				approvalOfSubject(prev, { decision: 'returned', reason: '缺少照片' })
			]
		]);
		expect(change(withdrawn(prev), returned)).toEqual({ ok: true });
	});

	it('changes a withdrawn record no more, and deletes no record', () => {
		const gone = withdrawn(prev);
		const again = resubmitted(gone, { withdrawn: false, minutes: 100 });
		expect(push('reports', owner, again, { prev: gone })).toMatchObject({ detail: 'withdrawn' });
		expect(push('reports', owner, prev, { prev, deleting: true })).toMatchObject({
			reason: 'forbidden'
		});
	});
});
