import type { RxCollection } from 'rxdb';
import { combineLatest, map } from 'rxjs';
import { maskPhone } from '../domain/access/personal-data';
import { collectionNames, type CollectionName } from '../domain/registry';
import { signedInDevice } from './device-context.svelte';
import { observe } from './observe.svelte';

/** One collection as this device holds it: a readable line per document. */
export interface HeldCollection {
	name: CollectionName;
	rows: { id: string; label: string }[];
}

/** Everything the replica holds, collection by collection, live: what "my data" lists. */
export function observeDeviceContents(): { readonly current: HeldCollection[] } {
	const device = signedInDevice();
	return observe(
		() =>
			combineLatest(
				collectionNames.map((name) =>
					(device.db[name] as unknown as RxCollection<Record<string, unknown>>).find().$.pipe(
						map((docs): HeldCollection => ({
							name,
							rows: docs.map((doc) => ({ id: doc.primary, label: labelOf(doc.toJSON()) }))
						}))
					)
				)
			),
		[]
	);
}

/** A readable line per document; contact details are never listed in full. */
function labelOf(doc: Record<string, unknown>): string {
	if (typeof doc['phone'] === 'string')
		return `${doc['memberId'] as string} · ${maskPhone(doc['phone'])}`;
	return String(doc['name'] ?? doc['id']);
}
