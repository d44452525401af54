import { isCollectionName, isLegacyCollectionName } from '../domain/registry';
import type { SyncedCollectionName } from '../domain/registry';
import { isRejectReason, type RejectReason } from '../domain/access/write-verdict';
import type { MessageKey } from './zh-CN';

/**
 * Labels of the registry's names. The template literal types make the compiler check that the
 * catalogs label every collection (legacy ones too: a refusal notice may name one) and every
 * reason a write is refused for.
 */
export function collectionLabelKey(name: SyncedCollectionName): MessageKey {
	return `collection.${name}`;
}

export function reasonLabelKey(reason: RejectReason): MessageKey {
	return `reason.${reason}`;
}

/** The label of a collection named in a stored notice, when it is one the app knows. */
export function storedCollectionLabelKey(name: string | undefined): MessageKey | null {
	if (!name || !(isCollectionName(name) || isLegacyCollectionName(name))) return null;
	return collectionLabelKey(name);
}

/** The label of a refusal reason named in a stored notice, when it is one the app knows. */
export function storedReasonLabelKey(reason: string | undefined): MessageKey | null {
	return isRejectReason(reason) ? reasonLabelKey(reason) : null;
}
