import { describe, expect, it } from 'vitest';
import {
	breach,
	BREACH_ID,
	decision,
	PHOTO,
	pushEvaluation,
	unitReport
} from '../../../test-data/breach-fixtures';
import { office, otherStaff, owner, secretary, staff } from '../../../test-data/test-actors';
import type { Actor } from '../access/roles';
import { collectionSchema, kindOf } from '../registry';
import { breaches, breachId, newBreachSuffix } from './breaches';

const known = { held: [unitReport()] };

describe('breaches', () => {
	it("is the `breach` kind, in the year's channels of the member, branch, community and bureau", () => {
		expect(kindOf('evaluations', breach())).toBe(breaches);
		expect(breach().channels).toEqual([
			'branch:br1/2026',
			'bureau:org-a/2026',
			'community:cm2/2026',
			'member:m001/2026'
		]);
		expect(breaches.filesOf?.(breach())).toEqual([PHOTO]);
		const kinds = collectionSchema('evaluations').properties['kind'] as { enum: string[] };
		expect(kinds.enum).toEqual(
			expect.arrayContaining(['breach', 'breach-response', 'breach-decision'])
		);
	});

	it('makes ids of ten random Crockford characters', () => {
		const suffix = newBreachSuffix();
		expect(suffix).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
		expect(breachId('m001', suffix)).toBe(`breach.m001.${suffix}`);
	});

	it("is reported by the staff of the member's community only", () => {
		expect(pushEvaluation(staff, breach(), known)).toEqual({ ok: true });
		const others: Actor[] = [otherStaff, owner, secretary, office];
		for (const actor of others) {
			expect(pushEvaluation(actor, breach({ by: actor.username }), known)).toEqual({
				ok: false,
				reason: 'forbidden'
			});
		}
		expect(pushEvaluation(staff, breach({ by: 'community9' }), known)).toMatchObject({
			reason: 'not-owner'
		});
	});

	it('names only a member who reports to the community, in their own branch', () => {
		expect(pushEvaluation(staff, breach(), { held: [] })).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'memberId'
		});
		// A device without the reports leaves the question to the gateway.
		expect(pushEvaluation(staff, breach(), { held: [], relatedComplete: false })).toEqual({
			ok: true
		});
		expect(pushEvaluation(staff, breach(), { held: [unitReport({ branchId: 'br2' })] })).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'branchId'
		});
	});

	it('refuses a bad id, a day in the future or of another year, a blank description', () => {
		expect(pushEvaluation(staff, breach({ id: 'breach.m001.lower12345' }), known)).toMatchObject({
			detail: 'id'
		});
		expect(pushEvaluation(staff, breach({ id: 'breach.m002.0123456789' }), known)).toMatchObject({
			detail: 'id'
		});
		expect(
			pushEvaluation(staff, breach({ occurredOn: '2026-06-05', year: 2026 }), known)
		).toMatchObject({ detail: 'occurredOn' });
		expect(pushEvaluation(staff, breach({ occurredOn: '2026-02-30' }), known)).toMatchObject({
			detail: 'occurredOn'
		});
		expect(pushEvaluation(staff, breach({ year: 2025 }), known)).toMatchObject({
			detail: 'year'
		});
		expect(pushEvaluation(staff, breach({ description: '  ' }), known)).toMatchObject({
			detail: 'description'
		});
		expect(pushEvaluation(staff, breach({ description: '很'.repeat(1001) }), known)).toMatchObject({
			reason: 'invalid'
		});
		const seven = Array.from({ length: 7 }, (_, i) => String(i).repeat(64));
		expect(pushEvaluation(staff, breach({ evidence: seven }), known)).toMatchObject({
			reason: 'invalid'
		});
	});

	it('stays as written, and is withdrawn only until the office decides', () => {
		const prev = breach();
		expect(pushEvaluation(staff, breach({ rule: 'seeking-favours' }), { prev })).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'rule'
		});
		expect(pushEvaluation(staff, prev, { prev })).toEqual({ ok: true });
		expect(pushEvaluation(staff, prev, { prev, deleting: true })).toEqual({ ok: true });
		expect(pushEvaluation(otherStaff, prev, { prev, deleting: true })).toMatchObject({
			reason: 'forbidden'
		});
		expect(pushEvaluation(staff, prev, { prev, deleting: true, held: [decision()] })).toEqual({
			ok: false,
			reason: 'append-only',
			detail: 'decided'
		});
		expect(BREACH_ID).toBe(prev.id);
	});
});
