import { describe, expect, it } from 'vitest';
import { VOCABULARY, type VocabularyKind } from '../domain/people/profile-vocabulary';
import { vocabularyKey } from './vocabulary-labels';
import { completeEn as en, completeZh as zhCN, lazyZh } from './complete-catalogs';
import { en as shellEn } from './en';
import { zhCN as shellZh, type MessageKey } from './zh-CN';

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
