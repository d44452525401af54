import { describe, expect, it } from 'vitest';
import { VOCABULARY, type VocabularyKind } from '../domain/people/profile-vocabulary';
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
import { vocabularyKey } from './vocabulary-labels';
import { zhCN as shellZh, type MessageKey } from './zh-CN';

/** The shell's catalogs and the messages lazily loaded screens add. */
const lazyZh = {
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
const zhCN: Record<MessageKey, string> = { ...shellZh, ...lazyZh };
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
describe('message catalogs', () => {
	it('label every vocabulary code in both languages', () => {
		for (const [kind, codes] of Object.entries(VOCABULARY)) {
			for (const code of codes) {
				const key = vocabularyKey(kind as VocabularyKind, code);
				if (!key) throw new Error(`vocab.${kind}.${code} has no label`);
				expect(zhCN[key], key).toBeTruthy();
				expect(en[key], key).toBeTruthy();
			}
		}
	});

	it("keep lazily loaded screens' messages out of the shell: they load with their screens", () => {
		const lazy = Object.keys(lazyZh);
		expect(lazy.length).toBeGreaterThan(0);
		expect(lazy.filter((key) => key in shellZh || key in shellEn)).toEqual([]);
	});

	it('use the same placeholders in both languages', () => {
		const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(zhCN) as MessageKey[]) {
			expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
		}
	});
});
