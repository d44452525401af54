import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../domain/access/write-verdict';
import { collectionNames, kindsOf } from '../domain/registry';
import {
	collectionLabelKey,
	reasonLabelKey,
	storedCollectionLabelKey,
	claimProblemLabelKey,
	claimStatusLabelKey,
	itemKindLabelKey,
	itemStateLabelKey,
	storedReasonLabelKey,
	storedRefusalLabelKey,
	recordKindLabelKey,
	RECORD_KIND_NAMES,
	ledgerKindLabelKey,
	LEDGER_KIND_NAMES
} from './registry-labels';
import { CLAIM_PROBLEMS, type ClaimStatus } from '../domain/marketplace/claim-lifecycle';
import { ITEM_KINDS } from '../domain/marketplace/service-items';
import { completeEn as en, completeZh as zhCN } from './complete-catalogs';

describe('labels of the registry', () => {
	it('label every collection and every refusal reason in both languages', () => {
		const keys = [
			...collectionNames.map(collectionLabelKey),
			...REJECT_REASONS.map(reasonLabelKey)
		];
		for (const key of keys) {
			expect(zhCN[key], key).toBeTruthy();
			expect(en[key], key).toBeTruthy();
		}
	});

	it('find no label for a name a stored notice carries that this version does not know', () => {
		expect(storedCollectionLabelKey('directory')).toBe('collection.directory');
		// A collection of layout 1, named in a notice of a version that still served it.
		expect(storedCollectionLabelKey('orgs')).toBeNull();
		expect(storedCollectionLabelKey('surveys')).toBeNull();
		expect(storedCollectionLabelKey(undefined)).toBeNull();
		expect(storedReasonLabelKey('forbidden')).toBe('reason.forbidden');
		expect(storedReasonLabelKey('no-such-reason')).toBeNull();
	});

	it('label every kind of service item, claim status and claim refusal in both languages', () => {
		const statuses: ClaimStatus[] = [
			'pending',
			'holding',
			'waiting',
			'cancelled',
			'done',
			'confirmed',
			'returned'
		];
		const keys = [
			...ITEM_KINDS.map(itemKindLabelKey),
			...(['open', 'closed', 'cancelled'] as const).map(itemStateLabelKey),
			...statuses.map(claimStatusLabelKey),
			...CLAIM_PROBLEMS.map(claimProblemLabelKey)
		];
		for (const key of keys) {
			expect(zhCN[key], key).toBeTruthy();
			expect(en[key], key).toBeTruthy();
		}
	});

	it('label every kind issue 17 added to the registry, in both languages', () => {
		const names = collectionNames.flatMap((name) => kindsOf(name).map((kind) => kind.name));
		expect(names).toEqual(expect.arrayContaining([...RECORD_KIND_NAMES]));
		for (const key of RECORD_KIND_NAMES.map(recordKindLabelKey)) {
			expect(zhCN[key], key).toBeTruthy();
			expect(en[key], key).toBeTruthy();
		}
	});

	it('label every kind of the ledger, and only kinds the ledger holds, in both languages', () => {
		expect(kindsOf('ledger').map((kind) => kind.name)).toEqual([...LEDGER_KIND_NAMES]);
		for (const key of LEDGER_KIND_NAMES.map(ledgerKindLabelKey)) {
			expect(zhCN[key], key).toBeTruthy();
			expect(en[key], key).toBeTruthy();
		}
		expect(zhCN['collection.ledger']).toBe('共建台账');
	});

	it("word a stored refusal of the marketplace's rules by its detail, others by their reason", () => {
		expect(storedRefusalLabelKey('forbidden', 'full')).toBe('items.refusal.full');
		expect(zhCN[storedRefusalLabelKey('forbidden', 'full') ?? 'reason.forbidden']).toBe(
			'名额和候补名单都已满'
		);
		expect(storedRefusalLabelKey('forbidden', 'own-claim')).toBe('items.refusal.own-claim');
		expect(storedRefusalLabelKey('forbidden', 'self')).toBe('reason.forbidden');
		expect(storedRefusalLabelKey('invalid', undefined)).toBe('reason.invalid');
		expect(storedRefusalLabelKey('no-such-reason', 'no-such-detail')).toBeNull();
	});
});
