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
		expect(me.body.channels).toEqual(['public', 'user:admin']);
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

describe('/api/session under attack (issue 12)', () => {
	let world: World;
	let client: HttpClient;
	afterEach(async () => {
		await world.close();
	});

	/** A world behind one trusted proxy, which forwards each client's address. */
	async function start(signIn: Parameters<typeof World.start>[1] = {}) {
		world = await World.start(['member1', 'secretary1', 'office1'], {
			addressHeader: 'x-forwarded-for',
			xffDepth: 1,
			...signIn
		});
		client = new HttpClient(world.url);
	}

	function signIn(address: string, username: string, password = 'baodao-demo') {
		return client.request('/api/session', {
			method: 'POST',
			headers: { 'x-forwarded-for': address },
			json: { username, password }
		});
	}

	const generous = { burst: 1000, perMinute: 1000 };

	it('answers 429 with Retry-After after a few tries of one name from one address, not elsewhere', async () => {
		await start();
		const answers = [];
		for (let i = 0; i < 11; i++) answers.push((await signIn('203.0.113.9', 'office1', 'x')).status);
		expect(answers.slice(0, 10).every((status) => status === 401)).toBe(true);
		const limited = await signIn('203.0.113.9', 'office1', 'x');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await limited.json()).toMatchObject({ error: 'too_many_requests' });
		// Another name from that address, and the name from another address, still get an answer.
		expect((await signIn('203.0.113.9', 'secretary1')).status).toBe(200);
		expect((await signIn('198.51.100.20', 'office1')).status).toBe(200);
	});

	it('trusts only the address the proxy appended, not one the client claimed', async () => {
		await start();
		for (let i = 0; i < 10; i++) await signIn(`10.9.9.${i}, 203.0.113.9`, 'office1', 'x');
		expect((await signIn('10.9.9.99, 203.0.113.9', 'office1', 'x')).status).toBe(429);
	});

	it('answers 429 once one address has tried too often in all', async () => {
		await start({
			signIn: {
				limits: {
					perAddress: { burst: 4, perMinute: 1 },
					perUsernameAndAddress: generous,
					maxTracked: 100
				}
			}
		});
		for (const name of ['a1', 'a2', 'a3', 'a4']) {
			expect((await signIn('203.0.113.9', name, 'x')).status).toBe(401);
		}
		const limited = await signIn('203.0.113.9', 'member1');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('60');
		expect((await signIn('198.51.100.20', 'member1')).status).toBe(200);
	});

	it('bounds concurrent hashing: beyond the queue, a quick 503 instead of waiting', async () => {
		await start({
			signIn: {
				limits: { perAddress: generous, perUsernameAndAddress: generous, maxTracked: 100 },
				hashing: { concurrent: 1, queued: 2 }
			}
		});
		const answers = await Promise.all(
			Array.from({ length: 24 }, (_, i) => signIn(`10.0.0.${i}`, `nobody${i}`, 'x'))
		);
		const statuses = answers.map((answer) => answer.status);
		expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);
		expect(statuses.every((status) => status === 401 || status === 503)).toBe(true);
		const busy = answers.find((answer) => answer.status === 503);
		expect(busy?.headers.get('retry-after')).toBe('1');
		expect(await busy?.json()).toMatchObject({ error: 'busy' });
		// Once the flood is over, signing in works again.
		expect((await signIn('198.51.100.20', 'member1')).status).toBe(200);
	});

	it('locks out the guessing address after 60 concurrent wrong passwords', async () => {
		await start({
			signIn: { limits: { perAddress: generous, perUsernameAndAddress: generous, maxTracked: 100 } }
		});
		const answers = await Promise.all(
			Array.from({ length: 60 }, () => signIn('203.0.113.9', 'member1', 'wrong'))
		);
		expect(answers.every((answer) => answer.status === 401)).toBe(true);
		// Counted one after another: the guesses after the fifth met a lock and were not counted.
		const account = await world.db('accounts').get('member1');
		expect(account['failedLogins']).toBe(5);
		expect((await signIn('203.0.113.9', 'member1')).status).toBe(401);
	});

	it('locks an attacker out of office1 while its owner still signs in, and tells the owner', async () => {
		await start();
		for (let i = 0; i < 5; i++)
			expect((await signIn('203.0.113.9', 'office1', 'x')).status).toBe(401);
		expect((await signIn('203.0.113.9', 'office1')).status).toBe(401);
		expect((await signIn('198.51.100.20', 'office1')).status).toBe(200);
		const notices = await client.json<{ results: { doc: Record<string, unknown> }[] }>(
			'/sync/notices/_changes?since=0&include_docs=true'
		);
		const kinds = notices.body.results.map((row) => row.doc['kind']);
		expect(kinds).toContain('sign-in-locked');
		expect(JSON.stringify(notices.body)).not.toContain('203.0.113.9');
	});

	it('normalises the username: spaces and capitals still sign in', async () => {
		await start();
		expect((await signIn('198.51.100.20', '  Member1 ')).status).toBe(200);
		expect((await signIn('198.51.100.20', 'MEMBER1')).status).toBe(200);
	});

	it('caps the password length, and gives an unknown or invalid name the wrong-password answer', async () => {
		await start();
		const long = await signIn('198.51.100.20', 'member1', 'x'.repeat(1025));
		expect(long.status).toBe(400);
		expect(await long.json()).toMatchObject({ error: 'bad_request' });
		expect((await signIn('198.51.100.20', 'member1', 'x'.repeat(1024))).status).toBe(401);
		expect((await signIn('198.51.100.20', 'm'.repeat(257))).status).toBe(400);
		const wrong = await signIn('198.51.100.20', 'member1', 'nope');
		for (const name of ['nobody', '_design/channels', 'm'.repeat(100)]) {
			const answer = await signIn('198.51.100.20', name, 'nope');
			expect(answer.status, name).toBe(401);
			expect(await answer.json(), name).toEqual(await wrong.clone().json());
		}
	});
});
