import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/db/database';
import { badges } from '../../src/lib/domain/codes/badges';
import { communities, type Community } from '../../src/lib/domain/directory/communities';
import { orgs } from '../../src/lib/domain/directory/orgs';
import { pointsSchemes } from '../../src/lib/domain/points/points-scheme';
import { mergeKindSchemas } from '../../src/lib/domain/schema/merged-schema';

const at = '2026-01-01T00:00:00.000Z';

/** Issue 19 put cities (市/州) above the counties of the community tree (directory 4). */
describe('a device that held the directory before cities were kept', () => {
	it('opens it at its new version, keeping its places, and stores a city above a county', async () => {
		const storage = getRxStorageMemory();
		const name = `city-migration-${Date.now()}`;
		const old = await createRxDatabase({ name, storage, multiInstance: false });
		const placesBefore = {
			...communities.schema,
			version: 0,
			properties: {
				...communities.schema.properties,
				kind: { type: 'string', enum: ['county', 'street', 'community'] }
			}
		};
		const keep = (doc: unknown) => doc;
		await old.addCollections({
			directory: {
				schema: mergeKindSchemas('directory', 3, [
					orgs.schema,
					placesBefore,
					badges.schema,
					pointsSchemes.schema
				]) as unknown as RxJsonSchema<object>,
				migrationStrategies: { 1: keep, 2: keep, 3: keep }
			}
		});
		const county: Community = {
			id: 'cm-city',
			kind: 'county',
			name: '昌吉市',
			updatedAt: at,
			channels: ['public']
		};
		await old.collections['directory']?.insert(county);
		await old.close();

		const db = await openDatabase({
			name,
			storage,
			multiInstance: false,
			validate: true,
			collections: ['directory']
		});
		expect((await db.directory.findOne('cm-city').exec())?.get('name')).toBe('昌吉市');
		await db.directory.insert({
			id: 'cm-zhou',
			kind: 'city',
			name: '昌吉州',
			updatedAt: at,
			channels: ['public']
		});
		await (await db.directory.findOne('cm-city').exec())?.incrementalPatch({ parentId: 'cm-zhou' });
		expect((await db.directory.findOne('cm-city').exec())?.get('parentId')).toBe('cm-zhou');
		await db.remove();
	});
});
