import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/db/database';
import { badges } from '../../src/lib/domain/codes/badges';
import { communities } from '../../src/lib/domain/directory/communities';
import { orgs } from '../../src/lib/domain/directory/orgs';
import { pointsSchemes } from '../../src/lib/domain/points/points-scheme';
import { corrections } from '../../src/lib/domain/records/corrections';
import { serviceRecords } from '../../src/lib/domain/records/service-record';
import type { BranchReport } from '../../src/lib/domain/reporting/branch-reports';
import { reports } from '../../src/lib/domain/reporting/reports';
import { mergeKindSchemas } from '../../src/lib/domain/schema/merged-schema';

/** Issue 18 added `linkHistory` to branches (directory 3) and branch reports (reports 2). */
describe('a device that held the directory and reports before pairing was recorded', () => {
	it('opens them at their new versions, keeping what they held, and stores the new fields and kind', async () => {
		const storage = getRxStorageMemory();
		const name = `pairing-migration-${Date.now()}`;
		const old = await createRxDatabase({ name, storage, multiInstance: false });
		const orgsBefore = { ...orgs.schema, properties: { ...orgs.schema.properties } };
		delete orgsBefore.properties['linkHistory'];
		const asStored = (schema: object) => schema as unknown as RxJsonSchema<object>;
		const keep = (doc: unknown) => doc;
		await old.addCollections({
			directory: {
				schema: asStored(
					mergeKindSchemas('directory', 2, [
						orgsBefore,
						communities.schema,
						badges.schema,
						pointsSchemes.schema
					])
				),
				migrationStrategies: { 1: keep, 2: keep }
			},
			reports: {
				schema: asStored(
					mergeKindSchemas('reports', 1, [
						reports.schema,
						serviceRecords.schema,
						corrections.schema
					])
				),
				migrationStrategies: { 1: keep }
			}
		});
		await old.collections['directory']?.insert(branch);
		await old.collections['reports']?.insert(report);
		await old.close();

		const db = await openDatabase({
			name,
			storage,
			multiInstance: false,
			validate: true,
			collections: ['directory', 'reports']
		});
		const held = await db.directory.findOne('br1').exec();
		expect(held?.get('linkedCommunityId')).toBe('cm1');
		const history = [{ communityId: 'cm2', from: '2026-06-01T00:00:00.000Z', by: 'office1' }];
		await held?.incrementalPatch({ linkedCommunityId: 'cm2', linkHistory: history });
		expect((await db.directory.findOne('br1').exec())?.get('linkHistory')).toEqual(history);
		expect((await db.reports.findOne(report.id).exec())?.get('note')).toBe(report.note);
		await db.reports.insert(branchReport);
		expect((await db.reports.find().exec()).map((doc) => doc.id).sort()).toEqual(
			[branchReport.id, report.id].sort()
		);
		await db.remove();
	});
});

const branch = {
	id: 'br1',
	kind: 'branch',
	name: '局机关第一党支部',
	parentId: 'org-zjj',
	linkedCommunityId: 'cm1',
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['public']
};

const report = {
	id: 'm001.unit.cm1',
	memberId: 'm001',
	branchId: 'br1',
	orgId: 'org-zjj',
	communityId: 'cm1',
	kind: 'unit',
	submission: 1,
	submittedAt: '2026-05-01T00:00:00.000Z',
	note: '周末可参加',
	updatedAt: '2026-05-01T00:00:00.000Z',
	channels: ['branch:br1', 'community:cm1', 'member:m001']
};

const branchReport: BranchReport = {
	id: 'br.br1.cm2',
	kind: 'branch-report',
	branchId: 'br1',
	communityId: 'cm2',
	orgId: 'org-zjj',
	submission: 1,
	submittedAt: '2026-06-02T00:00:00.000Z',
	secretaryMemberId: 'm121',
	secretaryName: '冯芳',
	updatedAt: '2026-06-02T00:00:00.000Z',
	channels: ['branch:br1', 'bureau:org-zjj', 'community:cm2']
};
