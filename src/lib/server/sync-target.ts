import {
	isCollectionName,
	isLegacyCollectionName,
	kindOf,
	legacyTarget,
	type AnyDoc,
	type CollectionName,
	type SyncedCollectionName
} from '../domain/registry';
import type { KindDefinition } from '../domain/schema/kind-definition';

/**
 * What `/sync/<name>/` reads and writes: a collection of the layout, or a legacy collection name
 * served for one more version from the collection its kind lives in now, limited to that kind.
 */
export interface SyncTarget {
	/** The name in the path; refusals and their notices are recorded under it. */
	name: SyncedCollectionName;
	/** The store database behind it. */
	collection: CollectionName;
	/** For a legacy name, the one kind it still serves. */
	only: KindDefinition<AnyDoc> | null;
}

export function syncTargetOf(name: string): SyncTarget | null {
	if (isCollectionName(name)) return { name, collection: name, only: null };
	if (isLegacyCollectionName(name)) {
		const { collection, kind } = legacyTarget(name);
		return { name, collection, only: kind };
	}
	return null;
}

/** Whether a stored or pushed document belongs to what the target serves. */
export function servesDoc(target: SyncTarget, doc: Record<string, unknown>): boolean {
	return target.only === null || kindOf(target.collection, doc) === target.only;
}

/** Legacy names get their own `since` tokens: a token of the old database means nothing here. */
export function tokenScope(target: SyncTarget): string {
	return target.only ? `${target.name}>${target.collection}` : target.name;
}
