import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../domain/access/write-verdict';
import { collectionNames, kindsOf } from '../domain/registry';
import { en as shellEn } from './en';
import { approvalsEn } from './parts/approvals.en';
import { approvalsZh } from './parts/approvals.zh-CN';
import { fixesEn } from './parts/fixes.en';
import { fixesZh } from './parts/fixes.zh-CN';
import { ledgerEn } from './parts/ledger.en';
import { ledgerZh } from './parts/ledger.zh-CN';
import { meetingsEn } from './parts/meetings.en';
import { meetingsZh } from './parts/meetings.zh-CN';
import { pairingEn } from './parts/pairing.en';
import { pairingZh } from './parts/pairing.zh-CN';
import { officePointsEn } from './parts/office-points.en';
import { officePointsZh } from './parts/office-points.zh-CN';
import { pointsEn } from './parts/points.en';
import { pointsZh } from './parts/points.zh-CN';
import { recordsEn } from './parts/records.en';
import { recordsZh } from './parts/records.zh-CN';
import { serviceDeskEn } from './parts/service-desk.en';
import { serviceDeskZh } from './parts/service-desk.zh-CN';
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
import { zhCN as shellZh, type MessageKey } from './zh-CN';

/** The shell's catalogs and the messages lazily loaded screens add. */
const zhCN: Record<MessageKey, string> = {
	...shellZh,
	...serviceDeskZh,
	...recordsZh,
	...pointsZh,
	...approvalsZh,
	...officePointsZh,
	...fixesZh,
	...ledgerZh,
	...pairingZh,
	...meetingsZh
};
const en: Record<MessageKey, string> = {
	...shellEn,
	...serviceDeskEn,
	...recordsEn,
	...pointsEn,
	...approvalsEn,
	...officePointsEn,
	...fixesEn,
	...ledgerEn,
	...pairingEn,
	...meetingsEn
};
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
