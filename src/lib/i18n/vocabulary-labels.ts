import { isVocabularyCode, type VocabularyKind } from '../domain/people/profile-vocabulary';
import { t } from './i18n.svelte';
import type { MessageKey } from './zh-CN';

export function vocabularyKey(kind: VocabularyKind, code: string): MessageKey {
	return `vocab.${kind}.${code}` as MessageKey;
}

/** A profile tag as people read it: the label of a vocabulary code, or the member's own words. */
export function tagLabel(kind: VocabularyKind, tag: string): string {
	return isVocabularyCode(kind, tag) ? t(vocabularyKey(kind, tag)) : tag;
}
