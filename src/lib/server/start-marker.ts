import type { Store } from './store';

/** A start-up step's record in `config`: whether this version of it already ran, and recording it. */
export interface StartMarker {
	done: boolean;
	record(): Promise<void>;
}

/**
 * Reads the marker `id` of a step that runs once per store at start (a migration, an upgrade). Its
 * `version` says which version of the step ran, so a later version runs it again.
 */
export async function startMarker(store: Store, id: string, version: number): Promise<StartMarker> {
	const config = store.db('config');
	const marker = await config.get(id).catch(() => null);
	return {
		done: Number(marker?.['version']) >= version,
		async record() {
			try {
				await config.put({ _id: id, version, ...(marker ? { _rev: marker._rev } : {}) });
			} catch (error) {
				// Another process recorded it at the same moment.
				if ((error as { status?: number }).status !== 409) throw error;
			}
		}
	};
}
