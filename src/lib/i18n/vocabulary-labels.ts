import { isVocabularyCode, type VocabularyKind } from '../domain/people/profile-vocabulary';
import { t } from './i18n.svelte';
import { zhCN, type MessageKey } from './zh-CN';

function isMessageKey(key: string): key is MessageKey {
	return Object.prototype.hasOwnProperty.call(zhCN, key);
}

/** The label key of a vocabulary code; null for words that are not a code with a label. */
export function vocabularyKey(kind: VocabularyKind, code: string): MessageKey | null {
	const key = `vocab.${kind}.${code}`;
	return isVocabularyCode(kind, code) && isMessageKey(key) ? key : null;
}

/** A profile tag as people read it: the label of a vocabulary code, or the member's own words. */
export function tagLabel(kind: VocabularyKind, tag: string): string {
	const key = vocabularyKey(kind, tag);
	return key ? t(key) : tag;
}
