import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inYear, normalizeChannels, openYears } from '../../src/lib/domain/access/channels';
import { HttpClient } from '../support/http-client';
import { World } from '../support/world';

describe('/api/session', () => {
	let world: World;
	let client: HttpClient;
	beforeEach(async () => {
		world = await World.start(['member1', 'secretary1', 'admin']);
		client = new HttpClient(world.url);
	});
	afterEach(async () => {
		await world.close();
	});

	it('signs in with an httpOnly, SameSite=Lax cookie and tells who is signed in', async () => {
		const response = await client.signIn('member1');
		expect(response.status).toBe(200);
		const cookie = response.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).not.toMatch(/Secure/i);
		const me = await client.json<{
			user: { username: string; memberId: string };
			channels: string[];
		}>('/api/session');
		expect(me.status).toBe(200);
		expect(me.body.user).toMatchObject({ username: 'member1', memberId: 'm001' });
		const yearly = (base: string) => openYears(new Date()).map((year) => inYear(base, year));
		expect(me.body.channels).toEqual(
			normalizeChannels([
				'member:m001',
				'public',
				'user:member1',
				...yearly('member:m001'),
				...yearly('user:member1'),
				...yearly('branch-members:br1'),
				// m001 lives in cm1, which br1 is linked to as well.
				...yearly('community-members:cm1')
			])
		);
	});

	it('grants a member the communities of their profile and branch, read afresh on every request', async () => {
		await client.signIn('member1');
		const member = await world.db('members').get('m001');
		await world.db('members').put({ ...member, residenceCommunityId: 'cm2' });
		const me = await client.json<{ channels: string[] }>('/api/session');
		const [year] = openYears(new Date());
		expect(me.body.channels).toContain(inYear('community-members:cm2', year));
		expect(me.body.channels).toContain(inYear('community-members:cm1', year));
	});

	it('marks the cookie Secure behind HTTPS', async () => {
		const response = await client.request('/api/session', {
			method: 'POST',
			headers: { 'x-forwarded-proto': 'https' },
			json: { username: 'member1', password: 'baodao-demo' }
		});
		expect(response.headers.get('set-cookie')).toMatch(/Secure/i);
	});

	it('gives the same 401 for a wrong password and an unknown user', async () => {
		const wrong = await client.signIn('member1', 'nope');
		const unknown = await client.signIn('nobody', 'nope');
		expect(wrong.status).toBe(401);
		expect(unknown.status).toBe(401);
		expect(await wrong.json()).toEqual(await unknown.json());
	});

	it('locks the account after 5 wrong passwords, even against the right one', async () => {
		for (let i = 0; i < 5; i++) expect((await client.signIn('member1', 'wrong')).status).toBe(401);
		expect((await client.signIn('member1')).status).toBe(401);
		expect((await client.signIn('secretary1')).status).toBe(200);
	});

	it('gives the administrator no service data channels', async () => {
		await client.signIn('admin');
		const me = await client.json<{ channels: string[] }>('/api/session');
		expect(me.body.channels).toEqual(['user:admin']);
	});

	it('signs out: the session no longer works', async () => {
		await client.signIn('member1');
		const cookie = client.cookie;
		const out = await client.request('/api/session', { method: 'DELETE' });
		expect(out.status).toBe(200);
		client.cookie = cookie;
		expect((await client.request('/api/session')).status).toBe(401);
		expect((await client.request('/sync/reports/_changes?since=0')).status).toBe(401);
	});

	it('answers bad requests with JSON errors', async () => {
		const notJson = await client.request('/api/session', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"username":'
		});
		expect(notJson.status).toBe(400);
		expect(await notJson.json()).toMatchObject({ error: 'bad_request' });
		const missing = await client.json('/api/session', {
			method: 'POST',
			json: { username: 'member1' }
		});
		expect(missing.status).toBe(400);
		const put = await client.json('/api/session', { method: 'PUT' });
		expect(put.status).toBe(405);
	});
});
