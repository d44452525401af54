import { describe, expect, it } from 'vitest';
import { office, owner, secretary, staff } from '../../../test-data/test-actors';
import { agreement, BR1, FILE, pushLedger, relatedDocs } from '../../../test-data/ledger-fixtures';
import type { Actor } from '../access/roles';
import { kindOf } from '../registry';
import { agreementId, agreements, isSigned } from './agreements';

/** The secretary of br2, another branch of org-a, linked to cm3. */
const otherSecretary: Actor = {
	username: 'secretary2',
	memberId: 'm201',
	branchId: 'br2',
	orgId: 'org-a',
	roles: [{ role: 'member' }, { role: 'secretary', branchId: 'br2' }]
};

const signed = agreement({ signedOn: '2026-01-05', file: FILE });

describe('agreements: kind, id and channels', () => {
	it('is the `agreement` kind of the ledger, read by both sides and the bureau', () => {
		expect(kindOf('ledger', agreement())).toBe(agreements);
		expect(agreement().channels).toEqual(['branch:br1', 'bureau:org-a', 'community:cm2']);
		expect(agreementId('br1', 'cm2', '2026-01-01')).toBe('ag.br1.cm2.20260101');
	});

	it('names its signed scan as its file', () => {
		expect(agreements.filesOf?.(signed)).toEqual([FILE]);
		expect(agreements.filesOf?.(agreement())).toEqual([]);
		expect(isSigned(signed)).toBe(true);
		expect(isSigned(agreement({ signedOn: '2026-01-05' }))).toBe(false);
	});
});

describe('agreements: who writes them', () => {
	it("lets the branch's secretary write the pair's agreement", () => {
		expect(pushLedger(secretary, agreement())).toEqual({ ok: true });
		expect(pushLedger(secretary, signed)).toEqual({ ok: true });
	});

	it("refuses a secretary writing another branch's agreement", () => {
		const theirs = agreement({ by: 'secretary2' });
		expect(pushLedger(otherSecretary, theirs)).toEqual({ ok: false, reason: 'forbidden' });
	});

	it('refuses the community, the office and a member: one writer, the secretary', () => {
		for (const actor of [staff, office, owner]) {
			expect(pushLedger(actor, agreement({ by: actor.username })), actor.username).toEqual({
				ok: false,
				reason: 'forbidden'
			});
		}
	});

	it('refuses a document naming another writer', () => {
		expect(pushLedger(secretary, agreement({ by: 'secretary2' }))).toEqual({
			ok: false,
			reason: 'not-owner'
		});
	});
});

describe('agreements: what they hold', () => {
	it('refuses a period that ends before it starts, or on its first day', () => {
		expect(pushLedger(secretary, agreement({ endsOn: '2025-12-31' }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'endsOn'
		});
		expect(pushLedger(secretary, agreement({ endsOn: '2026-01-01' }))).toMatchObject({
			ok: false,
			detail: 'endsOn'
		});
	});

	it('takes signing only with both the day and the scan', () => {
		expect(pushLedger(secretary, agreement({ signedOn: '2026-01-05' }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'file'
		});
		expect(pushLedger(secretary, agreement({ file: FILE }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'signedOn'
		});
	});

	it('refuses blank text and an id not of its pair and start', () => {
		expect(pushLedger(secretary, agreement({ content: '   ' }))).toMatchObject({
			detail: 'content'
		});
		expect(pushLedger(secretary, agreement({ id: 'ag.br1.cm2.20250101' }))).toMatchObject({
			reason: 'invalid',
			detail: 'id'
		});
	});

	it('refuses a day that is no date', () => {
		expect(pushLedger(secretary, agreement({ endsOn: '2027-13-01' }))).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
	});
});

describe('agreements: the pair is real', () => {
	it('refuses a pair the office never linked, or of another bureau', () => {
		const relinked = relatedDocs({ ...BR1, linkedCommunityId: 'cm9' });
		expect(pushLedger(secretary, agreement(), { related: relinked })).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'communityId'
		});
		const elsewhere = relatedDocs({ ...BR1, parentId: 'org-b' });
		expect(pushLedger(secretary, agreement(), { related: elsewhere })).toMatchObject({
			detail: 'orgId'
		});
	});

	it('leaves a branch the device lacks to the gateway, which refuses one it lacks', () => {
		const none = new Map<string, Record<string, unknown>>();
		expect(pushLedger(secretary, agreement(), { related: none, relatedComplete: false })).toEqual({
			ok: true
		});
		expect(pushLedger(secretary, agreement(), { related: none })).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'branchId'
		});
	});

	it('checks the pair when created only: a later relink keeps the old agreement editable', () => {
		const relinked = relatedDocs({ ...BR1, linkedCommunityId: 'cm9' });
		const prev = agreement();
		const next = agreement({ content: '补充：每季度召开一次联席会议。' });
		expect(pushLedger(secretary, next, { prev, related: relinked })).toEqual({ ok: true });
	});
});

describe('agreements: once signed', () => {
	it('keeps the pair fixed', () => {
		const prev = agreement();
		expect(pushLedger(secretary, agreement({ orgId: 'org-b' }), { prev })).toMatchObject({
			reason: 'immutable-field',
			detail: 'orgId'
		});
	});

	it('keeps its terms and scan as signed', () => {
		expect(pushLedger(secretary, { ...signed, endsOn: '2028-12-31' }, { prev: signed })).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'endsOn'
		});
		expect(
			pushLedger(secretary, { ...signed, file: 'b'.repeat(64) }, { prev: signed })
		).toMatchObject({ reason: 'immutable-field', detail: 'file' });
		expect(
			pushLedger(secretary, { ...signed, updatedAt: '2026-06-02T00:00:00.000Z' }, { prev: signed })
		).toEqual({ ok: true });
	});

	it('is never deleted; a draft may be', () => {
		expect(pushLedger(secretary, signed, { prev: signed, deleting: true })).toEqual({
			ok: false,
			reason: 'forbidden',
			detail: 'signed'
		});
		const draft = agreement();
		expect(pushLedger(secretary, draft, { prev: draft, deleting: true })).toEqual({ ok: true });
		expect(pushLedger(staff, draft, { prev: draft, deleting: true })).toMatchObject({
			reason: 'forbidden'
		});
	});
});
