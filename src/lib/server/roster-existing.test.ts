import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readExistingState } from './roster-existing';
import { openStore, type DatabaseName, type Store } from './store';

const AT = '2026-11-20T04:00:00.000Z';

describe('readExistingState', () => {
	let dir: string;
	let store: Store;

	const put = async (database: DatabaseName, doc: Record<string, unknown> & { _id: string }) => {
		const db = store.db(database);
		const stored = await db.get(doc._id).catch(() => null);
		await db.put({ ...doc, ...(stored ? { _rev: stored._rev } : {}) });
	};
	const edit = async (
		database: DatabaseName,
		id: string,
		change: (doc: Record<string, unknown>) => Record<string, unknown>
	) => {
		const db = store.db(database);
		await db.put({ ...change(await db.get(id)), _id: id });
	};
	const fingerprint = async () => (await readExistingState(store, 'org-a'))!.fingerprint;

	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'roster-existing-'));
		store = openStore({ dataDir: dir });
		const base = { updatedAt: AT, channels: [] };
		await put('directory', { _id: 'cm1', kind: 'street', name: '街道', ...base });
		await put('directory', {
			_id: 'cm2',
			kind: 'community',
			name: '社区',
			parentId: 'cm1',
			...base
		});
		await put('directory', { _id: 'org-a', kind: 'bureau', name: '局', ...base });
		await put('directory', {
			_id: 'br1',
			kind: 'branch',
			name: '第一支部',
			parentId: 'org-a',
			linkedCommunityId: 'cm2',
			...base
		});
		await put('directory', { _id: 'org-b', kind: 'bureau', name: '别局', ...base });
		const member = { orgId: 'org-a', branchId: 'br1', interests: [], duties: [], ...base };
		await put('members', { _id: 'm1', name: '甲', skills: [], ...member });
		await put('contacts', {
			_id: 'm1',
			memberId: 'm1',
			branchId: 'br1',
			phone: '13800000001',
			...base
		});
		await put('members', { _id: 'mb', orgId: 'org-b', branchId: 'brb', name: '乙', ...base });
		await put('contacts', {
			_id: 'mb',
			memberId: 'mb',
			branchId: 'brb',
			phone: '13900000001',
			...base
		});
		await put('accounts', {
			_id: 'm1',
			memberId: 'm1',
			branchId: 'br1',
			orgId: 'org-a',
			displayName: '甲',
			roles: [{ role: 'member' }],
			passwordHash: '',
			failedLogins: 0
		});
	});
	afterEach(async () => {
		await store.close();
		await rm(dir, { recursive: true, force: true });
	});

	it('keeps its fingerprint over edits the plan does not depend on', async () => {
		const before = await fingerprint();
		await edit('members', 'm1', (doc) => ({ ...doc, skills: ['电工'], updatedAt: AT }));
		await edit('contacts', 'm1', (doc) => ({ ...doc, idNumber: '110101199003074514' }));
		await edit('directory', 'br1', (doc) => ({
			...doc,
			linkedCommunityId: 'cm1',
			linkHistory: [{ communityId: 'cm1', from: AT, by: 'office1' }]
		}));
		await edit('accounts', 'm1', (doc) => ({ ...doc, failedLogins: 2 }));
		// Another bureau imports: a new member with an unrelated mobile, and a renamed branch there.
		await put('members', { _id: 'mb2', orgId: 'org-b', branchId: 'brb', name: '丙' });
		await put('contacts', { _id: 'mb2', memberId: 'mb2', phone: '13900000002' });
		await put('directory', { _id: 'brb', kind: 'branch', name: '别支部', parentId: 'org-b' });
		const after = await readExistingState(store, 'org-a');
		expect(after!.fingerprint).toBe(before);
		expect(after!.existing.mobilesElsewhere).toEqual(new Set(['13900000001', '13900000002']));
	});

	it.each([
		['a community renamed', () => edit('directory', 'cm2', (doc) => ({ ...doc, name: '新社区' }))],
		['a community moved', () => edit('directory', 'cm2', (doc) => ({ ...doc, parentId: 'cm9' }))],
		['a branch renamed', () => edit('directory', 'br1', (doc) => ({ ...doc, name: '改名支部' }))],
		[
			'a new branch',
			() => put('directory', { _id: 'br2', kind: 'branch', name: '第二支部', parentId: 'org-a' })
		],
		['a member moved', () => edit('members', 'm1', (doc) => ({ ...doc, branchId: 'br2' }))],
		[
			'a new member with a contact',
			async () => {
				await put('members', { _id: 'm2', orgId: 'org-a', branchId: 'br1', name: '丁' });
				await put('contacts', { _id: 'm2', memberId: 'm2', phone: '13800000002' });
			}
		],
		['a changed mobile', () => edit('contacts', 'm1', (doc) => ({ ...doc, phone: '13800000009' }))],
		[
			'changed roles',
			() =>
				edit('accounts', 'm1', (doc) => ({
					...doc,
					roles: [{ role: 'member' }, { role: 'secretary', branchId: 'br1' }]
				}))
		]
	])('moves its fingerprint on %s', async (_change, change) => {
		const before = await fingerprint();
		await change();
		expect(await fingerprint()).not.toBe(before);
	});
});
