import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeCredentialId } from '../../src/lib/domain/registry';
import { currentIssuer } from '../../src/lib/server/badge-issuer';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { aReport } from '../support/factories';
import { HttpClient } from '../support/http-client';
import { NOW, World } from '../support/world';

/**
 * A page elsewhere — another site, or another port of this very host — can make a signed-in
 * browser send requests here with the person's cookie. Every state-changing one is refused
 * before it does anything; our own pages, and clients that are no browser, get through.
 */
describe('state-changing requests from another origin', () => {
	let world: World;
	let member: HttpClient;
	let admin: HttpClient;

	beforeAll(async () => {
		world = await World.start(['member1', 'admin']);
		member = new HttpClient(world.url);
		admin = new HttpClient(world.url);
		// Signing in without either header: a client that is no browser.
		expect((await member.signIn('member1')).status).toBe(200);
		expect((await admin.signIn('admin')).status).toBe(200);
	});
	afterAll(() => world.close());

	/** The server's own host on another port: same site, another origin. */
	const otherPort = () => {
		const url = new URL(world.url);
		url.port = String(Number(url.port) + 1);
		return url.origin;
	};
	const foreign = (): Record<string, string>[] => [
		{ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
		{ 'sec-fetch-site': 'same-site', origin: otherPort() },
		// Browsers that send no Sec-Fetch-Site yet: Origin alone.
		{ origin: otherPort() },
		{ origin: 'https://evil.example' },
		{ origin: 'null' }
	];
	const ownPage = () => ({ 'sec-fetch-site': 'same-origin', origin: world.url });

	async function expectRefused(response: Response) {
		expect(response.status).toBe(403);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(await response.json()).toMatchObject({ error: 'forbidden' });
		expect(response.headers.get('set-cookie')).toBeNull();
	}

	const hasBadge = () =>
		world
			.db('credentials')
			.get(badgeCredentialId('m001'))
			.then(
				() => true,
				() => false
			);

	it('refuses a badge re-issue, and issues one for our page or a client that is no browser', async () => {
		for (const headers of foreign()) {
			await expectRefused(await member.request('/api/badge', { method: 'POST', headers }));
		}
		expect(await hasBadge()).toBe(false);
		const fromPage = await member.request('/api/badge', { method: 'POST', headers: ownPage() });
		expect(fromPage.status).toBe(201);
		expect(await hasBadge()).toBe(true);
		expect((await member.request('/api/badge', { method: 'POST' })).status).toBe(201);
	});

	it('refuses an issuer key rotation by the administrator’s browser', async () => {
		const before = (await currentIssuer(world.server.app.store, NOW)).keyId;
		for (const headers of foreign()) {
			await expectRefused(await admin.request('/api/badge/issuer', { method: 'POST', headers }));
		}
		expect((await currentIssuer(world.server.app.store, NOW)).keyId).toBe(before);
		const fromPage = await admin.request('/api/badge/issuer', {
			method: 'POST',
			headers: ownPage()
		});
		expect(fromPage.status).toBe(201);
		expect((await currentIssuer(world.server.app.store, NOW)).keyId).not.toBe(before);
	});

	it('refuses a sign-in and a sign-out from another origin', async () => {
		const sessions = async () => (await world.db('sessions').allDocs()).rows.length;
		const count = await sessions();
		const visitor = new HttpClient(world.url);
		for (const headers of foreign()) {
			await expectRefused(
				await visitor.request('/api/session', {
					method: 'POST',
					headers,
					json: { username: 'member1', password: 'baodao-demo' }
				})
			);
			await expectRefused(await member.request('/api/session', { method: 'DELETE', headers }));
		}
		expect(await sessions()).toBe(count);
		expect((await member.json('/api/session')).status).toBe(200);

		const signedIn = await visitor.request('/api/session', {
			method: 'POST',
			headers: ownPage(),
			json: { username: 'member1', password: 'baodao-demo' }
		});
		expect(signedIn.status).toBe(200);
		expect(
			(await visitor.request('/api/session', { method: 'DELETE', headers: ownPage() })).status
		).toBe(200);
		expect((await visitor.json('/api/session')).status).toBe(401);
	});

	it('refuses a push and a POST _all_docs through the sync gateway', async () => {
		// m001 lives in cm1: a residence report the member may file.
		const report = aReport('m001', 'cm1');
		const push = (headers: Record<string, string>) =>
			member.request('/sync/reports/_bulk_docs', {
				method: 'POST',
				headers,
				json: { docs: [toStored(report)] }
			});
		for (const headers of foreign()) {
			await expectRefused(await push(headers));
			await expectRefused(
				await member.request('/sync/reports/_all_docs', {
					method: 'POST',
					headers,
					json: { keys: [report.id] }
				})
			);
		}
		await expect(world.db('reports').get(report.id)).rejects.toMatchObject({ status: 404 });
		const pushed = await push(ownPage());
		expect(pushed.status).toBe(201);
		expect(await pushed.json()).toEqual([expect.objectContaining({ ok: true, id: report.id })]);
		expect(await world.db('reports').get(report.id)).toMatchObject({ memberId: 'm001' });
	});

	it('refuses an activity lookup from another origin before reading anything', async () => {
		for (const headers of foreign()) {
			await expectRefused(
				await member.request('/api/activity-lookup', {
					method: 'POST',
					headers,
					json: { code: '' }
				})
			);
		}
		const fromPage = await member.request('/api/activity-lookup', {
			method: 'POST',
			headers: ownPage(),
			json: { code: '' }
		});
		expect(fromPage.status).toBe(404);
	});

	it('leaves reads alone, whoever asks: a link from elsewhere or a typed address', async () => {
		for (const site of ['cross-site', 'same-site', 'none']) {
			const me = await member.request('/api/session', { headers: { 'sec-fetch-site': site } });
			expect(me.status).toBe(200);
			const changes = await member.request('/sync/reports/_changes?since=0&limit=1', {
				headers: { 'sec-fetch-site': site }
			});
			expect(changes.status).toBe(200);
		}
	});
});
