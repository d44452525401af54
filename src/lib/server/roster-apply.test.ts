import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { members as memberKind, type Member } from '../domain/people/members';
import { ImportFailure, applyWrites } from './roster-apply';
import type { StoredWrite } from './roster-jobs';
import { openStore, type Store } from './store';

const NOW = '2026-11-20T04:00:00.000Z';

function member(fields: Partial<Member> = {}): Member {
	const doc: Member = {
		id: 'mnew1',
		orgId: 'org-a',
		branchId: 'br1',
		name: '张三',
		residenceCommunityId: 'cm1',
		skills: [],
		interests: [],
		duties: [],
		updatedAt: NOW,
		channels: [],
		...fields
	};
	return { ...doc, channels: memberKind.channelsOf(doc) };
}

type DocWrite = Extract<StoredWrite, { doc: unknown }>;
type AccountWrite = Extract<StoredWrite, { database: 'accounts' }>;

const write = (doc: Member, extra: Pick<DocWrite, 'previousRev' | 'fields'> = {}): DocWrite => ({
	database: 'members',
	doc: doc as unknown as Record<string, unknown>,
	...extra
});

const account = (fields: Partial<AccountWrite['account']> = {}): AccountWrite => ({
	database: 'accounts',
	account: {
		username: 'mnew1',
		displayName: '张三',
		memberId: 'mnew1',
		branchId: 'br1',
		orgId: 'org-a',
		roles: [{ role: 'member' }],
		...fields
	}
});

describe('applyWrites', () => {
	let dir: string;
	let store: Store;

	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'roster-apply-'));
		store = openStore({ dataDir: dir });
	});
	afterEach(async () => {
		await store.close();
		await rm(dir, { recursive: true, force: true });
	});

	it('writes new documents once: applying the same chunk again writes nothing', async () => {
		const writes = [write(member()), account()];
		expect(await applyWrites(store, writes)).toBe(2);
		expect(await applyWrites(store, writes)).toBe(0);
		const stored = await store.db('members').get('mnew1');
		expect(stored._rev.startsWith('1-')).toBe(true);
		expect(stored).toMatchObject({ name: '张三', channels: member().channels });
		const created = await store.db('accounts').get('mnew1');
		expect(created).toMatchObject({
			passwordHash: '',
			failedLogins: 0,
			roles: [{ role: 'member' }]
		});
	});

	it('applies the planned fields over a document that moved since the preview', async () => {
		const first = member({ skills: [] });
		await applyWrites(store, [write(first)]);
		const previousRev = (await store.db('members').get('mnew1'))._rev;
		// The member adds a skill meanwhile; the plan moves them to another residence.
		const edited = await store.db('members').get('mnew1');
		await store.db('members').put({ ...edited, skills: ['电工'] });
		const planned = member({ residenceCommunityId: 'cm2', updatedAt: '2026-11-21T00:00:00.000Z' });
		expect(
			await applyWrites(store, [write(planned, { previousRev, fields: ['residenceCommunityId'] })])
		).toBe(1);
		const stored = await store.db('members').get('mnew1');
		expect(stored).toMatchObject({
			skills: ['电工'],
			residenceCommunityId: 'cm2',
			updatedAt: '2026-11-21T00:00:00.000Z',
			channels: planned.channels
		});
		// Devices of the community left are told the member left it.
		const departure = await store.db('departures').get('members/mnew1');
		expect(JSON.stringify(departure['departures'])).toContain('community:cm1');
	});

	it('overwrites a document at the revision the plan saw with the planned body', async () => {
		await applyWrites(store, [write(member())]);
		const previousRev = (await store.db('members').get('mnew1'))._rev;
		const planned = member({ name: '张三丰' });
		expect(await applyWrites(store, [write(planned, { previousRev, fields: ['name'] })])).toBe(1);
		expect(await store.db('members').get('mnew1')).toMatchObject({ name: '张三丰' });
	});

	it('updates an existing account’s roles and keeps its password', async () => {
		await store.db('accounts').put({
			_id: 'mnew1',
			displayName: '张三',
			memberId: 'mnew1',
			branchId: 'br1',
			orgId: 'org-a',
			roles: [{ role: 'member' }],
			passwordHash: 'scrypt$kept',
			failedLogins: 2
		});
		const secretary = account({
			roles: [{ role: 'member' }, { role: 'secretary', branchId: 'br1' }]
		});
		expect(await applyWrites(store, [secretary])).toBe(1);
		expect(await applyWrites(store, [secretary])).toBe(0);
		expect(await store.db('accounts').get('mnew1')).toMatchObject({
			passwordHash: 'scrypt$kept',
			failedLogins: 2,
			roles: [{ role: 'member' }, { role: 'secretary', branchId: 'br1' }]
		});
	});

	it('fails rather than take over another person’s account', async () => {
		await store.db('accounts').put({
			_id: 'mnew1',
			displayName: '李四',
			memberId: 'mother',
			roles: [{ role: 'member' }],
			passwordHash: '',
			failedLogins: 0
		});
		await expect(applyWrites(store, [account()])).rejects.toBeInstanceOf(ImportFailure);
	});
});
