import { describe, expect, it } from 'vitest';
import { plainContext } from '../../../test-data/policy-fixtures';
import { secretary, staff } from '../../../test-data/test-actors';
import type { Actor } from '../access/roles';
import type { WriteContext } from '../access/write-verdict';
import { validateAgainst } from '../schema/schema-validation';
import { aWorkReport } from '../../../test-data/work-report-fixtures';
import { ratingFields, ratings, residentRatingId, staffRatingId, type Rating } from './ratings';

const street: Actor = { username: 'street1', roles: [{ role: 'street_staff', streetId: 'st1' }] };
const submitted = aWorkReport({ submittedAt: '2026-05-02T09:00:00.000Z' });

function aRating(overrides: Partial<Rating> = {}): Rating {
	const doc: Rating = {
		id: staffRatingId(submitted.id, 'street1'),
		kind: 'rating',
		...ratingFields(submitted),
		raterGroup: 'street',
		grade: 'satisfied',
		by: 'street1',
		updatedAt: '2026-05-03T09:00:00.000Z',
		channels: [],
		...overrides
	};
	return { ...doc, channels: ratings.channelsOf(doc) };
}

function decide(
	actor: Actor,
	next: Rating,
	options: { prev?: Rating; subject?: object | null; now?: Date } = {}
) {
	if (!ratings.policy) throw new Error('ratings have a policy');
	const context: WriteContext<Rating> = {
		actor,
		prev: options.prev ?? null,
		next,
		deleting: false,
		subject: (options.subject === undefined ? submitted : options.subject) as Record<
			string,
			unknown
		> | null,
		...plainContext,
		...(options.now ? { now: options.now } : {})
	};
	return ratings.policy(context);
}

describe('ratings of a work report', () => {
	it('are named after the report and the rater, or the token’s hash', () => {
		expect(staffRatingId('work-report.2026.br1', 'street1')).toBe('rating.2026.br1.street1');
		expect(residentRatingId('work-report.2026.br1', 'ab'.repeat(32))).toBe(
			'rating.2026.br1.tabababababab'
		);
		expect(validateAgainst(ratings.schema, aRating())).toBeNull();
		expect(aRating().channels).toEqual(submitted.channels);
	});

	it('are written by street staff of the street and staff of the community, as themselves', () => {
		expect(decide(street, aRating())).toEqual({ ok: true });
		const byStaff = aRating({
			id: staffRatingId(submitted.id, 'community2'),
			raterGroup: 'community',
			by: 'community2'
		});
		expect(decide(staff, byStaff)).toEqual({ ok: true });
		// Staff cannot pose as the street.
		expect(decide(staff, { ...byStaff, raterGroup: 'street' })).toMatchObject({
			reason: 'forbidden'
		});
		expect(
			decide(
				secretary,
				aRating({ by: 'secretary1', id: staffRatingId(submitted.id, 'secretary1') })
			)
		).toMatchObject({ reason: 'forbidden' });
	});

	it('refuses residents’ ratings from devices: only the server writes them', () => {
		const forged = aRating({
			id: residentRatingId(submitted.id, 'cd'.repeat(32)),
			raterGroup: 'resident'
		});
		delete forged.by;
		expect(decide(street, forged)).toMatchObject({ reason: 'server-owned' });
	});

	it('need a submitted report of the same place, within the rating period', () => {
		expect(decide(street, aRating(), { subject: aWorkReport() })).toMatchObject({
			reason: 'subject-mismatch'
		});
		expect(decide(street, aRating(), { subject: null })).toMatchObject({
			reason: 'subject-mismatch'
		});
		expect(decide(street, aRating({ communityId: 'cm9' }))).toMatchObject({ ok: false });
		expect(decide(street, aRating(), { now: new Date('2027-02-01T00:00:00+08:00') })).toMatchObject(
			{
				reason: 'forbidden'
			}
		);
		expect(decide(street, aRating(), { now: new Date('2027-01-31T23:00:00+08:00') })).toEqual({
			ok: true
		});
	});

	it('are edited by their rater, who cannot change what they rate', () => {
		const first = aRating();
		expect(
			decide(street, aRating({ grade: 'dissatisfied', comment: '走访少' }), { prev: first })
		).toEqual({
			ok: true
		});
		expect(decide(street, aRating({ raterGroup: 'community' }), { prev: first })).toMatchObject({
			reason: 'immutable-field'
		});
	});
});
