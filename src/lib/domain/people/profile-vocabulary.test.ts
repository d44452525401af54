import { describe, expect, it } from 'vitest';
import {
	isVocabularyCode,
	normalizeTags,
	splitFreeTags,
	TAG_MAX_LENGTH,
	TAGS_MAX,
	VOCABULARY
} from './profile-vocabulary';

describe('profile vocabulary', () => {
	it('has distinct codes within each kind', () => {
		for (const codes of Object.values(VOCABULARY)) expect(new Set(codes).size).toBe(codes.length);
	});

	it('tells a code from free text', () => {
		expect(isVocabularyCode('skill', 'legal-advice')).toBe(true);
		expect(isVocabularyCode('interest', 'legal-advice')).toBe(false);
		expect(isVocabularyCode('skill', '修自行车')).toBe(false);
	});
});

describe('normalizeTags', () => {
	it('trims, collapses spaces and drops empties and duplicates, keeping order', () => {
		expect(normalizeTags([' 修自行车 ', 'legal-advice', '', '修自行车', 'a  b'])).toEqual({
			ok: true,
			tags: ['修自行车', 'legal-advice', 'a b']
		});
	});

	it('refuses a tag longer than the schema allows', () => {
		expect(normalizeTags(['字'.repeat(TAG_MAX_LENGTH)])).toMatchObject({ ok: true });
		expect(normalizeTags(['字'.repeat(TAG_MAX_LENGTH + 1)])).toEqual({
			ok: false,
			error: 'too-long'
		});
	});

	it('refuses more tags than the schema allows', () => {
		const many = Array.from({ length: TAGS_MAX + 1 }, (_, i) => `t${i}`);
		expect(normalizeTags(many.slice(0, TAGS_MAX))).toMatchObject({ ok: true });
		expect(normalizeTags(many)).toEqual({ ok: false, error: 'too-many' });
	});
});

describe('splitFreeTags', () => {
	it('splits on Chinese and Latin separators', () => {
		expect(splitFreeTags('修自行车，理发、 烹饪,摄影;书法\n下棋')).toEqual([
			'修自行车',
			'理发',
			' 烹饪',
			'摄影',
			'书法',
			'下棋'
		]);
	});
});
