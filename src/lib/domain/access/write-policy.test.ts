import { describe, expect, it } from 'vitest';
import { reportId, type AnyDoc, type Report } from '../registry';
import type { Actor } from './roles';
import { office, otherMember, owner, staff } from '../../../test-data/test-actors';
import { checkWrite, withChannels, type WriteAttempt } from './write-policy';

const CHANNELS = ['branch:br1', 'community:cm2', 'member:m001'];

function report(overrides: Partial<Report> = {}): AnyDoc {
	const doc: Report = {
		id: reportId('m001', 'residence', 'cm2'),
		memberId: 'm001',
		branchId: 'br1',
		orgId: 'org-a',
		communityId: 'cm2',
		kind: 'residence',
		submission: 1,
		submittedAt: '2024-05-01T09:00:00.000Z',
		updatedAt: '2024-05-01T09:00:00.000Z',
		channels: [...CHANNELS],
		...overrides
	};
	return doc as unknown as AnyDoc;
}

/** What a report's policy may read besides it: its community, and where its member lives. */
const PLACES = new Map<string, Record<string, unknown>>([
	['directory/cm2', { id: 'cm2', kind: 'community' }],
	['members/m001', { id: 'm001', residenceCommunityId: 'cm2' }]
]);

function attempt(overrides: Partial<WriteAttempt> = {}): WriteAttempt {
	return {
		collection: 'reports',
		actor: owner,
		prev: null,
		next: report(),
		deleting: false,
		subject: null,
		related: PLACES,
		...overrides
	};
}

describe('checkWrite', () => {
	it('accepts a valid write the policy allows', () => {
		expect(checkWrite(attempt())).toEqual({ ok: true });
	});

	it('refuses a write of a server notice from a device', () => {
		const notice = {
			id: 'n1',
			recipient: 'member1',
			kind: 'write-rejected',
			createdAt: '2024-05-20T08:00:00.000Z',
			channels: ['user:member1']
		};
		expect(checkWrite(attempt({ collection: 'notices', next: notice }))).toEqual({
			ok: false,
			reason: 'server-owned'
		});
	});

	it('refuses a document that fails the schema, naming the path and message', () => {
		const next = report();
		delete next['submittedAt'];
		expect(checkWrite(attempt({ next }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: "/ must have required property 'submittedAt'"
		});
		expect(checkWrite(attempt({ next: { ...report(), submission: 0 } }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: '/submission must be >= 1'
		});
		expect(checkWrite(attempt({ next: { ...report(), extra: true } }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: '/ must NOT have additional properties'
		});
	});

	it('checks the schema before the channels', () => {
		const next = { ...report(), channels: ['public'], submission: 'one' };
		expect(checkWrite(attempt({ next }))).toMatchObject({ ok: false, reason: 'invalid' });
	});

	it('refuses channels missing one the fields imply', () => {
		const next = report({ channels: CHANNELS.filter((c) => c !== 'community:cm2') });
		expect(checkWrite(attempt({ next }))).toEqual({ ok: false, reason: 'channels' });
	});

	it('refuses an extra channel', () => {
		const next = report({ channels: [...CHANNELS, 'public'].sort() });
		expect(checkWrite(attempt({ next }))).toEqual({ ok: false, reason: 'channels' });
	});

	it('refuses the right channels in the wrong order', () => {
		const next = report({ channels: [...CHANNELS].reverse() });
		expect(checkWrite(attempt({ next }))).toEqual({ ok: false, reason: 'channels' });
	});

	it('refuses duplicated channels', () => {
		const next = report({ channels: [CHANNELS[0] ?? '', ...CHANNELS] });
		expect(checkWrite(attempt({ next }))).toEqual({ ok: false, reason: 'channels' });
	});

	it('refuses channels that belong to other field values', () => {
		// Channels computed for m002 while the document names m001.
		const next = report({ channels: CHANNELS.map((c) => c.replace('m001', 'm002')).sort() });
		expect(checkWrite(attempt({ next }))).toEqual({ ok: false, reason: 'channels' });
	});

	it('checks the channels of an update as of a creation: an existing document cannot move', () => {
		const prev = report();
		for (const channels of [
			[...CHANNELS, 'community:cm9'].sort(),
			['community:cm9', 'member:m001'],
			CHANNELS.filter((c) => c !== 'branch:br1')
		]) {
			const next = report({ channels });
			expect(checkWrite(attempt({ prev, next })), channels.join()).toEqual({
				ok: false,
				reason: 'channels'
			});
			expect(checkWrite(attempt({ prev, next, deleting: true })), channels.join()).toEqual({
				ok: false,
				reason: 'channels'
			});
		}
	});

	it("checks the channels before the collection's policy", () => {
		const next = report({ channels: ['public'] });
		expect(checkWrite(attempt({ next, actor: otherMember }))).toEqual({
			ok: false,
			reason: 'channels'
		});
	});

	it("passes a well-formed write on to the collection's policy", () => {
		expect(checkWrite(attempt({ actor: otherMember }))).toEqual({ ok: false, reason: 'not-owner' });
		expect(checkWrite(attempt({ actor: office }))).toEqual({ ok: false, reason: 'not-owner' });
		expect(checkWrite(attempt({ next: report({ branchId: 'br2', channels: [] }) }))).toEqual({
			ok: false,
			reason: 'channels'
		});
		const moved = withChannels('reports', report({ branchId: 'br2' }));
		expect(checkWrite(attempt({ next: moved }))).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'branchId'
		});
	});

	it('hands prev, deleting and subject to the policy', () => {
		const prev = report({ submission: 2 });
		expect(checkWrite(attempt({ prev }))).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'submission'
		});
		// Reviews are append-only: a deletion is refused whatever else holds.
		const review = withChannels('reviews', {
			id: 'm001.residence.cm2.r1',
			subjectCollection: 'reports',
			subjectId: 'm001.residence.cm2',
			subjectSubmission: 1,
			memberId: 'm001',
			branchId: 'br1',
			orgId: 'org-a',
			communityId: 'cm2',
			reviewer: 'community2',
			decision: 'confirmed',
			decidedAt: '2024-05-02T10:00:00.000Z',
			channels: []
		});
		const base = { collection: 'reviews' as const, actor: staff, next: review };
		expect(checkWrite(attempt({ ...base, subject: report() }))).toEqual({ ok: true });
		expect(checkWrite(attempt({ ...base, subject: null }))).toEqual({
			ok: false,
			reason: 'subject-mismatch'
		});
		expect(checkWrite(attempt({ ...base, subject: report(), deleting: true }))).toEqual({
			ok: false,
			reason: 'append-only'
		});
	});
	it('accepts a report whose member and community ids use the longest length allowed', () => {
		const longest = 'm'.repeat(40);
		const community = 'c'.repeat(40);
		const doc = withChannels('reports', {
			...report(),
			memberId: longest,
			communityId: community,
			id: reportId(longest, 'residence', community)
		});
		const actor: Actor = { ...owner, memberId: longest };
		const related = new Map<string, Record<string, unknown>>([
			[`directory/${community}`, { id: community, kind: 'community' }],
			[`members/${longest}`, { id: longest, residenceCommunityId: community }]
		]);
		expect(checkWrite(attempt({ actor, next: doc, related }))).toEqual({ ok: true });
	});

	it('refuses entity ids longer than 40 characters, which would overflow composed ids', () => {
		const doc = withChannels('reports', { ...report(), memberId: 'm'.repeat(41) });
		expect(checkWrite(attempt({ next: doc }))).toMatchObject({ ok: false, reason: 'invalid' });
	});
});

describe('withChannels', () => {
	it('replaces channels with the ones the fields imply', () => {
		expect(withChannels('reports', report({ channels: ['public', 'junk'] })).channels).toEqual(
			CHANNELS
		);
		expect(withChannels('directory', { id: 'br1', kind: 'branch', channels: [] }).channels).toEqual(
			['public']
		);
		expect(
			withChannels('notices', { id: 'n1', recipient: 'member1', channels: [] }).channels
		).toEqual(['user:member1']);
	});

	it('keeps the other fields and does not touch the input', () => {
		const input = report({ channels: [] });
		const output = withChannels('reports', input);
		expect(output).not.toBe(input);
		expect(input.channels).toEqual([]);
		expect({ ...output, channels: [] }).toEqual(input);
	});

	it('produces documents checkWrite accepts', () => {
		expect(
			checkWrite(attempt({ next: withChannels('reports', report({ channels: [] })) }))
		).toEqual({ ok: true });
	});
});
