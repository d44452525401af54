import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemChannels, type ServiceItem } from '../../src/lib/domain/marketplace/service-items';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { NOW, World } from '../support/world';

/**
 * Activities name organisers by username; people pick and read them by name. The server answers
 * names only where the caller already has a say (may organise there) or already sees the activity.
 */
describe('organiser names', () => {
	let world: World;

	beforeAll(async () => {
		world = await World.start([
			'member1',
			'member201',
			'secretary1',
			'community1',
			'community2',
			'office1',
			'office2'
		]);
	});
	afterAll(async () => {
		await world.close();
	});

	const ask = async (username: string, query: string) => {
		const device = await world.device(username);
		return device.request(`/api/organisers?${query}`, {});
	};

	it('offers an organiser the people who may organise with them, by name', async () => {
		const answer = await ask('secretary1', 'community=cm1&branch=br1');
		expect(answer.status).toBe(200);
		const people = (answer.body as { people: { username: string; name: string }[] }).people;
		expect(people.map((p) => p.username).sort()).toEqual(['community1', 'secretary1']);
		expect(people.find((p) => p.username === 'community1')?.name).toBe('丰收社区工作人员');
		for (const person of people) expect(Object.keys(person).sort()).toEqual(['name', 'username']);
	});

	it('tells someone who may not organise there nothing', async () => {
		for (const [username, query] of [
			['member1', 'community=cm1&branch=br1'],
			['community2', 'community=cm1'],
			['secretary1', 'community=cm1']
		] as const) {
			const answer = await ask(username, query);
			expect(answer.status, `${username} ${query}`).toBe(404);
		}
	});

	it('names the organisers of an activity the caller sees', async () => {
		const answer = await ask('member1', 'activity=act-demo-br1-partyday');
		expect(answer.status).toBe(200);
		const people = (answer.body as { people: { username: string; name: string }[] }).people;
		expect(people).toContainEqual({ username: 'community1', name: '丰收社区工作人员' });
		expect(people.map((p) => p.username).sort()).toEqual(['community1', 'secretary1']);
	});

	it('names them to the office of the host branch’s bureau, which reads it in detail', async () => {
		const answer = await ask('office1', 'activity=act-demo-br1-partyday');
		expect(answer.status).toBe(200);
	});

	it('answers for a hidden activity exactly as for a missing one', async () => {
		for (const username of ['member201', 'office2']) {
			const hidden = await ask(username, 'activity=act-demo-br1-partyday');
			const missing = await ask(username, 'activity=act-nowhere');
			expect(hidden, username).toEqual(missing);
			expect(hidden.status, username).toBe(404);
		}
	});

	it('answers for a service item, kept beside the activities, as for a missing activity', async () => {
		const item: ServiceItem = {
			id: 'it-names1',
			kind: 'project',
			communityId: 'cm1',
			title: '楼道清扫',
			description: '清扫楼道',
			skills: [],
			fields: [],
			startsAt: '2026-12-01T01:00:00.000Z',
			endsAt: '2026-12-01T03:00:00.000Z',
			places: 2,
			state: 'open',
			createdBy: 'community1',
			createdAt: NOW.toISOString(),
			updatedAt: NOW.toISOString(),
			channels: []
		};
		await world.db('activities').put(toStored({ ...item, channels: itemChannels(item) }));
		const asked = await ask('community1', `activity=${item.id}`);
		expect(asked).toEqual(await ask('community1', 'activity=act-nowhere'));
		expect(asked.status).toBe(404);
	});
});
