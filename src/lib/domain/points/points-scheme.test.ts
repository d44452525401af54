import { describe, expect, it } from 'vitest';
import { aVersion } from '../../../test-data/points-fixtures';
import { office, otherOffice, owner } from '../../../test-data/test-actors';
import { checkWrite, relatedKey, type WriteAttempt } from '../access/write-policy';
import type { Actor } from '../access/roles';
import { collectionSchema, kindOf } from '../registry';
import { validateAgainst } from '../schema/schema-validation';
import {
	defaultScheme,
	gateOn,
	isDateOfYear,
	penaltiesOf,
	pointsSchemes,
	schemeInForce,
	schemeVersions,
	type PointsScheme
} from './points-scheme';

describe('defaultScheme', () => {
	it('is the default of points-default.md, valid and from 1 January', () => {
		const scheme = defaultScheme('org-a', 2026);
		expect(scheme).toMatchObject({
			id: 'points.org-a.2026.v0',
			version: 0,
			effectiveFrom: '2026-01-01',
			thresholds: { good: 90, fairlyGood: 70, average: 50 },
			author: 'system'
		});
		expect(scheme.rules['residence-service']).toEqual({
			points: 5,
			cap: 20,
			perHour: 1,
			afterHours: 2
		});
		expect(scheme.rules.emergency.cap).toBeNull();
		// Valid but for its version: version 0 is never stored.
		expect(validateAgainst(pointsSchemes.schema, { ...scheme, version: 1 })).toBeNull();
		expect(validateAgainst(pointsSchemes.schema, scheme)?.path).toBe('/version');
	});
});

describe('schemeVersions and schemeInForce', () => {
	const v1 = aVersion(1, '2026-03-01');
	const v2 = aVersion(2, '2026-09-01');

	it('puts the default first when no version applies from 1 January', () => {
		expect(schemeVersions([v2, v1], 'org-a', 2026).map((s) => s.version)).toEqual([0, 1, 2]);
		const fromNewYear = aVersion(1, '2026-01-01');
		expect(schemeVersions([fromNewYear], 'org-a', 2026).map((s) => s.version)).toEqual([1]);
	});

	it("leaves other bureaus' and other years' versions out", () => {
		const other = { ...v1, orgId: 'org-b' };
		expect(
			schemeVersions([other, aVersion(1, '2027-01-01', undefined, 2027)], 'org-a', 2026)
		).toEqual([defaultScheme('org-a', 2026)]);
	});

	it('finds the version in force on a date or at an instant, in Shanghai', () => {
		const versions = schemeVersions([v1, v2], 'org-a', 2026);
		expect(schemeInForce(versions, '2026-02-28').version).toBe(0);
		expect(schemeInForce(versions, '2026-03-01').version).toBe(1);
		expect(schemeInForce(versions, '2026-08-31T15:59:00.000Z').version).toBe(1);
		// 16:00 UTC on 31 August is midnight of 1 September in Shanghai.
		expect(schemeInForce(versions, '2026-08-31T16:00:00.000Z').version).toBe(2);
		expect(schemeInForce(versions, '2026-12-31').version).toBe(2);
		// Before the year (a report confirmed earlier): the year's first version.
		expect(schemeInForce(versions, '2025-06-01').version).toBe(0);
	});

	it('takes the later version of two from the same day', () => {
		const again = aVersion(3, '2026-09-01');
		expect(schemeInForce([v1, v2, again], '2026-10-01').version).toBe(3);
	});
});

describe('isDateOfYear', () => {
	it('accepts real days of the year only', () => {
		expect(isDateOfYear('2026-02-28', 2026)).toBe(true);
		expect(isDateOfYear('2026-02-29', 2026)).toBe(false);
		expect(isDateOfYear('2027-01-01', 2026)).toBe(false);
		expect(isDateOfYear('2026-1-01', 2026)).toBe(false);
	});
});

describe('the points-scheme kind', () => {
	const v1 = aVersion(1, '2026-03-01');
	const v2 = aVersion(2, '2026-09-01');

	function write(next: PointsScheme, overrides: Partial<WriteAttempt> = {}) {
		return checkWrite({
			collection: 'directory',
			actor: office,
			prev: null,
			next: next as unknown as WriteAttempt['next'],
			deleting: false,
			subject: null,
			...overrides
		});
	}
	const withPrevious = (doc: PointsScheme) =>
		new Map([
			[
				relatedKey({ collection: 'directory', id: doc.id }),
				doc as unknown as Record<string, unknown>
			]
		]);

	it('is a public document of the directory', () => {
		expect(kindOf('directory', v1)?.name).toBe('points-scheme');
		expect(validateAgainst(collectionSchema('directory'), v1)).toBeNull();
		expect(pointsSchemes.channelsOf(v1)).toEqual(['public']);
	});

	it('keeps a version stored before the breach penalties and year-end gates valid', () => {
		const old: PointsScheme = { ...v1, gates: { notReported: true, minimums: true } };
		delete old.penalties;
		expect(validateAgainst(pointsSchemes.schema, old)).toBeNull();
		expect(write(old)).toEqual({ ok: true });
		expect(penaltiesOf(old)).toEqual({ minor: -10, serious: -20, severe: -30 });
		expect([gateOn(old, 'breach'), gateOn(old, 'feedback')]).toEqual([true, true]);
	});

	it('refuses a penalty above 0, and a severer breach costing fewer points', () => {
		const positive = { ...v1, penalties: { minor: 5, serious: -20, severe: -30 } };
		expect(write(positive)).toMatchObject({ ok: false, reason: 'invalid' });
		const backwards = { ...v1, penalties: { minor: -10, serious: -30, severe: -20 } };
		expect(write(backwards)).toEqual({ ok: false, reason: 'invalid', detail: 'penalties' });
		const off = { ...v1, gates: { ...v1.gates, breach: false, feedback: false } };
		expect(write(off)).toEqual({ ok: true });
	});

	it("is written by the bureau's office only", () => {
		expect(write(v1)).toEqual({ ok: true });
		expect(write(v1, { actor: otherOffice })).toMatchObject({ ok: false, reason: 'forbidden' });
		expect(write(v1, { actor: owner })).toMatchObject({ ok: false, reason: 'forbidden' });
	});

	it('is append-only: a change is a new version', () => {
		const changed = { ...v1, note: '改' };
		expect(write(changed, { prev: v1 as never })).toMatchObject({ reason: 'append-only' });
		expect(write(v1, { prev: v1 as never, deleting: true })).toMatchObject({
			reason: 'append-only'
		});
	});

	it('names its author as the writer', () => {
		const someoneElse: Actor = { ...office, username: 'office9' };
		expect(write(v1, { actor: someoneElse })).toMatchObject({ reason: 'not-owner' });
	});

	it('follows the previous version, never from an earlier day', () => {
		expect(write(v2)).toMatchObject({ ok: false, reason: 'invalid', detail: 'version' });
		// A device may not hold it: the gateway decides.
		expect(write(v2, { relatedComplete: false })).toEqual({ ok: true });
		expect(write(v2, { related: withPrevious(v1) })).toEqual({ ok: true });
		const earlier = aVersion(2, '2026-02-01');
		expect(write(earlier, { related: withPrevious(v1) })).toMatchObject({
			reason: 'invalid',
			detail: 'effectiveFrom'
		});
	});

	it('refuses a wrong id, a day outside its year, disordered thresholds', () => {
		expect(write({ ...v1, id: 'points.org-a.2026.v7' })).toMatchObject({ detail: 'id' });
		expect(write({ ...v1, effectiveFrom: '2027-03-01' })).toMatchObject({
			detail: 'effectiveFrom'
		});
		expect(write({ ...v1, effectiveFrom: '2026-02-30' })).toMatchObject({
			detail: 'effectiveFrom'
		});
		expect(write({ ...v1, thresholds: { good: 70, fairlyGood: 70, average: 50 } })).toMatchObject({
			detail: 'thresholds'
		});
	});

	it('refuses numbers out of range', () => {
		const rule = (change: object) => ({
			...v1,
			rules: { ...v1.rules, lecture: { ...v1.rules.lecture, ...change } }
		});
		expect(write(rule({ points: 101 }))).toMatchObject({ reason: 'invalid' });
		expect(write(rule({ points: 2.5 }))).toMatchObject({ reason: 'invalid' });
		expect(write(rule({ cap: 0 }))).toMatchObject({ reason: 'invalid' });
		expect(write(rule({ cap: null }))).toEqual({ ok: true });
		expect(write({ ...v1, note: '长'.repeat(201) })).toMatchObject({ reason: 'invalid' });
	});
});
