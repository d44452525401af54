import { shanghaiYear } from '../domain/calendar/shanghai-calendar';
import {
	isPointsScheme,
	schemeInForce,
	schemeVersions,
	type PointsScheme
} from '../domain/points/points-scheme';
import { withChannels } from '../domain/access/write-policy';
import type { DirectoryDoc } from '../domain/registry';
import type { Observable } from 'rxjs';
import { currentTime } from './clock';
import type { BaodaoDatabase } from './database';
import { signedInDevice } from './device-context.svelte';
import { writeChecked } from './local-write';
import { observe } from './observe.svelte';
import { plainDocsOfKind } from './plain-docs';
import type { WriteOutcome } from './write-outcome';

/**
 * The stored scheme versions (of one bureau, of one year, or all), live. Schemes are public
 * directory documents that no earlier layout held, so they are read from the directory directly.
 */
export function storedSchemes(
	db: BaodaoDatabase,
	where: { orgId?: string; year?: number } = {}
): Observable<PointsScheme[]> {
	return db.directory
		.find({ selector: { kind: 'points-scheme', ...where } })
		.$.pipe(plainDocsOfKind<DirectoryDoc, PointsScheme>(isPointsScheme));
}

/**
 * A bureau's points scheme of this year as the office's device holds it, live: every version in
 * order (the default first when the office made none from 1 January) and the one in force today.
 */
export function observePointsSchemes(orgId: () => string) {
	const device = signedInDevice();
	const year = shanghaiYear(currentTime());
	const stored = observe(() => storedSchemes(device.db, { orgId: orgId(), year }), []);
	const versions = $derived(schemeVersions(stored.current, orgId(), year));
	const inForce = $derived(schemeInForce(versions, currentTime().toISOString()));
	return {
		year,
		/** Oldest first. */
		get versions(): PointsScheme[] {
			return versions;
		},
		get inForce(): PointsScheme {
			return inForce;
		},
		/** The newest version: the next one is numbered after it. */
		get latest(): PointsScheme {
			return versions.at(-1) ?? inForce;
		}
	};
}

/** Saving a new version of a scheme (append-only). Call during component initialisation. */
export function pointsSchemeActions() {
	const device = signedInDevice();
	return {
		saveVersion: (scheme: PointsScheme): Promise<WriteOutcome> =>
			device.write((db, actor) =>
				writeChecked(db, 'directory', actor, withChannels('directory', scheme))
			)
	};
}
