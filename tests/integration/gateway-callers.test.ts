import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inYear, normalizeChannels, openYears } from '../../src/lib/domain/access/channels';
import { HttpClient } from '../support/http-client';
import { World } from '../support/world';

/**
 * Who a session stands for (authentication.ts), as mutation testing probed it (docs/testing.md):
 * the communities a caller reaches come only from what the store holds, and a change to any
 * document they were read from takes effect on the next requests.
 */
describe('the caller of a session', () => {
	let world: World;
	let client: HttpClient;
	beforeEach(async () => {
		world = await World.start(['member1', 'secretary1']);
		client = new HttpClient(world.url);
	});
	afterEach(async () => {
		await world.close();
	});

	const yearly = (base: string) => openYears(new Date()).map((year) => inYear(base, year));
	const channels = async () => (await client.json<{ channels: string[] }>('/api/session')).body;
	/** Until a change reaches the session's channels: the cache drops it when the feed reports it. */
	const eventually = (check: (channels: string[]) => void) =>
		vi.waitFor(async () => check((await channels()).channels), { timeout: 20_000, interval: 50 });

	async function update(db: 'members' | 'directory' | 'accounts', id: string, fields: object) {
		const doc = await world.db(db).get(id);
		await world.db(db).put({ ...doc, ...fields });
	}

	async function linkOf(branchId: string): Promise<string> {
		const branch = await world.db('directory').get(branchId);
		return branch['linkedCommunityId'] as string;
	}

	it('answers 401, not an error, once the account of a session is gone', async () => {
		await client.signIn('member1');
		const account = await world.db('accounts').get('member1');
		await world.db('accounts').remove(account);
		expect((await client.json('/api/session')).status).toBe(401);
		expect((await client.json('/sync/')).status).toBe(401);
	});

	it('grants a member no community when neither their residence nor their branch names one', async () => {
		const member = await world.db('members').get('m001');
		delete member['residenceCommunityId'];
		await world.db('members').put(member);
		const branch = await world.db('directory').get('br1');
		delete branch['linkedCommunityId'];
		await world.db('directory').put(branch);
		await client.signIn('member1');
		expect((await channels()).channels).toEqual(
			normalizeChannels([
				'member:m001',
				'public',
				'user:member1',
				...yearly('member:m001'),
				...yearly('user:member1'),
				...yearly('branch-members:br1')
			])
		);
	});

	it('grants a secretary the linked community of each branch they lead, beyond their own', async () => {
		const [own, led] = [await linkOf('br1'), await linkOf('br2')];
		expect(led).not.toBe(own);
		const account = await world.db('accounts').get('secretary1');
		await update('accounts', 'secretary1', {
			roles: [...(account['roles'] as object[]), { role: 'secretary', branchId: 'br2' }]
		});
		await client.signIn('secretary1');
		const granted = (await channels()).channels;
		for (const channel of [
			...yearly(`community-members:${own}`),
			...yearly(`community-members:${led}`)
		])
			expect(granted).toContain(channel);
	});

	it('follows a moved residence and a changed branch link on the next requests', async () => {
		await client.signIn('member1');
		expect((await channels()).channels).not.toContain(yearly('community-members:cm2')[0]);
		await update('members', 'm001', { residenceCommunityId: 'cm2' });
		await eventually((now) => expect(now).toContain(yearly('community-members:cm2')[0]));
		await update('directory', 'br1', { linkedCommunityId: 'cm3' });
		await eventually((now) => expect(now).toContain(yearly('community-members:cm3')[0]));
	});
});
