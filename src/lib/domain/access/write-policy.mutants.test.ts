import { describe, expect, it } from 'vitest';
import { aRecord, anActivity } from '../../../test-data/activity-fixtures';
import { owner, staff } from '../../../test-data/test-actors';
import { reportId, type AnyDoc, type Report } from '../registry';
import { checkTypedWrite, checkWrite, withChannels, withCurrentChannels } from './write-policy';
import { reject } from './write-verdict';

/**
 * Cases found by mutation testing (docs/testing.md): each pins a behaviour that a mutant of
 * write-policy.ts or write-verdict.ts changed without any other test noticing.
 */

const residence = (): AnyDoc =>
	withChannels('reports', {
		id: reportId('m001', 'residence', 'cm2'),
		memberId: 'm001',
		branchId: 'br1',
		orgId: 'org-a',
		communityId: 'cm2',
		kind: 'residence',
		submission: 1,
		submittedAt: '2024-05-01T09:00:00.000Z',
		updatedAt: '2024-05-01T09:00:00.000Z',
		channels: []
	} satisfies Report as unknown as AnyDoc);

/** The directory holds several kinds, told apart by `kind`; this is none of them. */
const stranger = (): AnyDoc => ({ id: 'x1', kind: 'no-such-kind', channels: ['public'] });

describe('checkWrite, as mutation testing probed it', () => {
	it('names the field when a document is of no kind of its collection', () => {
		const next = stranger();
		expect(
			checkWrite({
				collection: 'directory',
				actor: owner,
				prev: null,
				next,
				deleting: false,
				subject: null
			})
		).toEqual({ ok: false, reason: 'invalid', detail: '/kind is not a kind of this collection' });
	});

	it('treats related documents nobody passed as absent, not as an error', () => {
		// A typed check-in cites the member's badge entry; without it the code cannot be checked.
		const activity = anActivity();
		const next = withChannels('attendance', aRecord('in', { method: 'typed', proof: 'ABCDEFGH' }));
		const verdict = checkTypedWrite({
			collection: 'attendance',
			actor: staff,
			prev: null,
			next,
			deleting: false,
			subject: { ...activity, _id: activity.id },
			now: new Date(activity.startsAt)
		});
		expect(verdict).toMatchObject({ ok: false, reason: 'invalid' });
	});
});

describe('the channels a document gets', () => {
	it('fills in the channels of a known kind and leaves a document of no known kind as it is', () => {
		const stale = { ...residence(), channels: ['public'] };
		expect(withCurrentChannels('reports', stale)).toEqual(residence());
		const unknown = stranger();
		expect(withCurrentChannels('directory', unknown)).toBe(unknown);
	});

	it('refuses to compute channels for a document of no kind, naming the collection and id', () => {
		expect(() => withChannels('directory', stranger())).toThrow('Not a kind of directory: x1');
	});
});

describe('reject', () => {
	it('carries a detail only when given one', () => {
		expect(reject('channels')).toStrictEqual({ ok: false, reason: 'channels' });
		expect(Object.keys(reject('channels'))).not.toContain('detail');
		expect(reject('invalid', '/kind')).toStrictEqual({
			ok: false,
			reason: 'invalid',
			detail: '/kind'
		});
	});
});
