import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/db/database';
import { Replica } from '../../src/lib/db/replica';
import { orgs } from '../../src/lib/domain/directory/orgs';
import { activities } from '../../src/lib/domain/events/activities';
import { attendance } from '../../src/lib/domain/events/attendance';
import { lateSyncs } from '../../src/lib/domain/events/late-sync';
import { walkIns } from '../../src/lib/domain/events/walk-ins';
import { contacts } from '../../src/lib/domain/people/contacts';
import { members } from '../../src/lib/domain/people/members';
import { notices, type Notice } from '../../src/lib/domain/messages/notices';
import { mergeKindSchemas } from '../../src/lib/domain/schema/merged-schema';
import type { Claim } from '../../src/lib/domain/marketplace/claim-record';
import type { Resident } from '../../src/lib/domain/marketplace/residents';
import type { ServiceItem } from '../../src/lib/domain/marketplace/service-items';

describe('a device that still holds a replica of layout 1', () => {
	// Layout 1 kept organisations, communities and badge keys in collections of their own; they
	// were retired in issue 18 (docs/data-model.md, "Changing the layout").
	it('leaves its old collections unopened, counts nothing in them as waiting and deletes them at sign-out', async () => {
		const storage = getRxStorageMemory();
		const name = `layout-1-${Date.now()}`;
		const old = await createRxDatabase({
			name,
			storage,
			multiInstance: false,
			localDocuments: true
		});
		const schema = { ...orgs.schema, version: 0 } as unknown as RxJsonSchema<object>;
		await old.addCollections({ orgs: { schema } });
		await old.collections['orgs']?.insert({
			id: 'org-a',
			kind: 'bureau',
			name: '住建局',
			updatedAt: '2026-01-01T00:00:00.000Z',
			channels: ['public']
		});
		await old.upsertLocal('channels', { channels: ['public'] });
		// An edit of the bureau made offline and never pushed.
		await old.upsertLocal('pending-changes', { keys: ['orgs/org-a'] });
		await old.close();

		const replica = await Replica.open({
			username: 'office1',
			serverUrl: 'http://127.0.0.1:9',
			storage,
			databaseName: name,
			collections: ['directory']
		});
		expect(Object.keys(replica.db.collections)).toEqual(['directory']);
		expect(replica.status.pending).toBe(0);
		await replica.destroy();

		const after = await createRxDatabase({ name, storage, multiInstance: false });
		await after.addCollections({ orgs: { schema } });
		expect(await after.collections['orgs']?.count().exec()).toBe(0);
		await after.remove();
	});
});

describe('a device that held the collections before the service marketplace', () => {
	it('opens them at their new versions, keeping what they held, and stores the new kinds', async () => {
		const storage = getRxStorageMemory();
		const name = `marketplace-migration-${Date.now()}`;
		const old = await createRxDatabase({ name, storage, multiInstance: false });
		const asStored = (schema: object, version: number) =>
			({ ...schema, version }) as unknown as RxJsonSchema<object>;
		const withoutAvailability = { ...members.schema.properties };
		delete withoutAvailability['availability'];
		const noticesBefore: Record<string, unknown> = {
			...notices.schema.properties,
			kind: { type: 'string', enum: ['write-rejected', 'reminder', 'sign-in-locked'] }
		};
		delete noticesBefore['claimTopic'];
		delete noticesBefore['position'];
		// As the previous version stored them: one kind each, attendance's three kinds merged.
		await old.addCollections({
			activities: { schema: asStored(activities.schema, 0) },
			contacts: { schema: asStored(contacts.schema, 0) },
			members: {
				schema: asStored({ ...members.schema, properties: withoutAvailability }, 0)
			},
			notices: {
				schema: asStored({ ...notices.schema, properties: noticesBefore }, 1),
				migrationStrategies: { 1: (doc: unknown) => doc }
			},
			attendance: {
				schema: asStored(
					mergeKindSchemas('attendance', 1, [attendance.schema, lateSyncs.schema, walkIns.schema]),
					1
				),
				migrationStrategies: { 1: (doc: unknown) => doc }
			}
		});
		await old.collections['activities']?.insert(activity);
		await old.collections['contacts']?.insert(contact);
		await old.collections['members']?.insert(member);
		await old.collections['notices']?.insert(reminder);
		await old.close();

		const db = await openDatabase({
			name,
			storage,
			multiInstance: false,
			validate: true,
			collections: ['activities', 'contacts', 'members', 'notices', 'attendance']
		});
		expect((await db.activities.findOne(activity.id).exec())?.get('title')).toBe(activity.title);
		expect((await db.contacts.findOne('m001').exec())?.get('phone')).toBe(contact.phone);
		const profile = await db.members.findOne('m001').exec();
		await profile?.incrementalPatch({ availability: ['weekend'] });
		expect((await db.members.findOne('m001').exec())?.get('availability')).toEqual(['weekend']);
		expect((await db.notices.findOne(reminder.id).exec())?.get('topic')).toBe('report-residence');
		await db.notices.insert(claimNotice);
		await db.activities.insert(item);
		await db.contacts.insert(resident);
		await db.attendance.insert(claim);
		expect((await db.activities.find().exec()).map((doc) => doc.id).sort()).toEqual(
			[activity.id, item.id].sort()
		);
		await db.remove();
	});
});

const activity = {
	id: 'act1',
	type: 'volunteer',
	title: '清扫楼道',
	communityId: 'cm1',
	place: '1号楼',
	startsAt: '2026-05-01T01:00:00.000Z',
	endsAt: '2026-05-01T03:00:00.000Z',
	expected: 'signup',
	organisers: ['community1'],
	publicKey: 'a'.repeat(64),
	createdBy: 'community1',
	updatedAt: '2026-04-01T00:00:00.000Z',
	channels: ['community:cm1/2026']
};
const contact = {
	id: 'm001',
	memberId: 'm001',
	branchId: 'br1',
	phone: '13800000001',
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['member:m001']
};
const member = {
	id: 'm001',
	orgId: 'org-a',
	branchId: 'br1',
	name: '张三',
	skills: [],
	interests: [],
	duties: [],
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['member:m001']
};
const reminder: Notice = {
	id: 'm001.remind.report-residence.20260501',
	kind: 'reminder',
	memberId: 'm001',
	branchId: 'br1',
	sender: 'secretary1',
	topic: 'report-residence',
	createdAt: '2026-05-01T00:00:00.000Z',
	channels: ['branch:br1', 'member:m001']
};
const claimNotice: Notice = {
	id: 'cl.it-wish1.m001.promoted',
	kind: 'claim',
	memberId: 'm001',
	docCollection: 'attendance',
	docId: 'cl.it-wish1.m001',
	claimTopic: 'promoted',
	createdAt: '2026-05-03T00:00:00.000Z',
	channels: ['member:m001']
};
const item: ServiceItem = {
	id: 'it-wish1',
	kind: 'micro-wish',
	communityId: 'cm1',
	title: '一台收音机',
	description: '独居老人想要一台收音机',
	skills: [],
	fields: [],
	startsAt: '2026-05-01T00:00:00.000Z',
	places: 1,
	state: 'open',
	createdBy: 'community1',
	createdAt: '2026-05-01T00:00:00.000Z',
	updatedAt: '2026-05-01T00:00:00.000Z',
	channels: ['community:cm1/2026']
};
const resident: Resident = {
	id: 'it-wish1.resident',
	kind: 'resident',
	itemId: 'it-wish1',
	communityId: 'cm1',
	name: '李奶奶',
	updatedAt: '2026-05-01T00:00:00.000Z',
	channels: ['community:cm1']
};
const claim: Claim = {
	id: 'cl.it-wish1.m001',
	kind: 'claim',
	itemId: 'it-wish1',
	itemKind: 'micro-wish',
	communityId: 'cm1',
	memberId: 'm001',
	memberName: '张三',
	branchId: 'br1',
	orgId: 'org-a',
	claimedAt: '2026-05-02T00:00:00.000Z',
	state: 'claimed',
	updatedAt: '2026-05-02T00:00:00.000Z',
	channels: ['member:m001/2026']
};
