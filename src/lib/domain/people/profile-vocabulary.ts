/**
 * The controlled vocabulary of a member's profile (R15): skills, professional fields and
 * interests that communities match service projects against. Stored as stable codes so that
 * matching does not depend on the UI language; anything else a member types is kept verbatim.
 */
export const SKILL_CODES = [
	'legal-advice',
	'health-care',
	'arts-promotion',
	'electrical-repair',
	'counselling',
	'elderly-disabled-care',
	'policy-lecture',
	'building-safety',
	'housing-appraisal',
	'gas-safety',
	'property-management',
	'photography',
	'bilingual-translation',
	'accounting',
	'calligraphy-painting',
	'computing'
] as const;

export const PROFESSION_CODES = [
	'civil-engineering',
	'construction-management',
	'urban-planning',
	'law',
	'finance',
	'housing-fund',
	'administration',
	'education',
	'medicine',
	'it',
	'military-veteran',
	'culture-arts'
] as const;

export const INTEREST_CODES = [
	'environment',
	'youth-care',
	'neighbour-help',
	'civility',
	'waste-sorting',
	'ethnic-unity',
	'anti-fraud',
	'theory-lecture',
	'tree-planting',
	'convenience-services',
	'sports',
	'reading'
] as const;

export type VocabularyKind = 'skill' | 'profession' | 'interest';

export const VOCABULARY: Record<VocabularyKind, readonly string[]> = {
	skill: SKILL_CODES,
	profession: PROFESSION_CODES,
	interest: INTEREST_CODES
};

export function isVocabularyCode(kind: VocabularyKind, tag: string): boolean {
	return VOCABULARY[kind].includes(tag);
}

/** Limits of the members schema's tag lists. */
export const TAG_MAX_LENGTH = 40;
export const TAGS_MAX = 30;

/**
 * Tags as the schema accepts them: trimmed, inner whitespace collapsed, without empties or
 * duplicates, in the order given. Too long or too many is an error for the person to fix,
 * never a silent cut.
 */
export function normalizeTags(
	tags: readonly string[]
): { ok: true; tags: string[] } | { ok: false; error: 'too-long' | 'too-many' } {
	const cleaned = [
		...new Set(tags.map((tag) => tag.trim().replace(/\s+/g, ' ')).filter((tag) => tag !== ''))
	];
	if (cleaned.some((tag) => tag.length > TAG_MAX_LENGTH)) return { ok: false, error: 'too-long' };
	if (cleaned.length > TAGS_MAX) return { ok: false, error: 'too-many' };
	return { ok: true, tags: cleaned };
}

/** Free-text tags typed into one field, separated by commas (Chinese or Latin) or 、. */
export function splitFreeTags(text: string): string[] {
	return text.split(/[,，、;；\n]/);
}
