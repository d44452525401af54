import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/db/database';
import { orgs } from '../../src/lib/domain/directory/orgs';

describe('a device that still holds an older replica', () => {
	it('opens a legacy collection stored before its schema gained a field, keeping its documents', async () => {
		const storage = getRxStorageMemory();
		const name = `migration-${Date.now()}`;
		const old = await createRxDatabase({
			name,
			storage,
			multiInstance: false,
			localDocuments: true
		});
		// The organisations as version 0 stored them, before `serviceRounding`.
		const properties = { ...orgs.schema.properties };
		delete properties['serviceRounding'];
		const schema = { ...orgs.schema, version: 0, properties } as unknown as RxJsonSchema<object>;
		await old.addCollections({ orgs: { schema } });
		await old.collections['orgs']?.insert({
			id: 'org-a',
			kind: 'bureau',
			name: '住建局',
			updatedAt: '2026-01-01T00:00:00.000Z',
			channels: ['public']
		});
		// It had synced: an empty database would start in the new layout at once.
		await old.upsertLocal('channels', { channels: ['public'] });
		await old.close();

		const db = await openDatabase({
			name,
			storage,
			multiInstance: false,
			validate: true,
			collections: ['directory']
		});
		const stored = await db.orgs?.findOne('org-a').exec();
		expect(stored?.get('name')).toBe('住建局');
		await stored?.incrementalPatch({ serviceRounding: { stepMinutes: 30, mode: 'down' } });
		expect((await db.orgs?.findOne('org-a').exec())?.get('serviceRounding')).toEqual({
			stepMinutes: 30,
			mode: 'down'
		});
		await db.remove();
	});
});
