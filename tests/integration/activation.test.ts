import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IssuedCode } from '../../src/lib/server/account-views';
import type { Account } from '../../src/lib/server/accounts';
import type { AuditEntry } from '../../src/lib/server/audit-log';
import { HttpClient } from '../support/http-client';
import { World } from '../support/world';

const PASSWORD = 'Harbour-Lantern-58';

/** Accounts as the roster import makes them: no password yet. */
async function pending(world: World, username: string, orgId: string, memberId: string) {
	await world.db('accounts').put({
		_id: username,
		displayName: `新党员${username}`,
		passwordHash: '',
		failedLogins: 0,
		memberId,
		branchId: orgId === 'org-zjj' ? 'br1' : 'br7',
		orgId,
		roles: [{ role: 'member' }]
	});
}

describe('activation codes (issue 19)', () => {
	let world: World;

	beforeEach(async () => {
		world = await World.start(['member1', 'office1', 'office2', 'admin']);
		await pending(world, 'm9001', 'org-zjj', 'm002');
		await pending(world, 'm9002', 'org-zjj', 'm003');
		await pending(world, 'm9003', 'org-zcz', 'm201');
	});
	afterEach(async () => {
		await world.close();
	});

	async function as(username: string) {
		const client = new HttpClient(world.url);
		expect((await client.signIn(username)).status).toBe(200);
		return client;
	}

	function issue(client: HttpClient, body: unknown) {
		return client.json<{ codes: IssuedCode[] }>('/api/activation-codes', {
			method: 'POST',
			json: body
		});
	}

	function activate(code: string, password = PASSWORD, client = new HttpClient(world.url)) {
		return client.json<{ error?: string; problems?: string[]; user?: { username: string } }>(
			'/api/activate',
			{ method: 'POST', json: { code, password } }
		);
	}

	it("issues codes for the bureau's pending accounts only, to its office or the admin", async () => {
		const office1 = await as('office1');
		const issued = await issue(office1, { orgId: 'org-zjj' });
		expect(issued.status).toBe(200);
		expect(issued.body.codes.map((c) => c.username).sort()).toEqual(['m9001', 'm9002']);
		expect(typeof issued.body.codes[0]?.branchName).toBe('string');
		expect((await issue(office1, { orgId: 'org-zcz' })).status).toBe(404);
		expect((await issue(office1, { orgId: 'org-zjj', usernames: ['m9003'] })).status).toBe(404);
		expect((await issue(office1, { orgId: 'org-zjj', usernames: ['nobody'] })).status).toBe(404);
		expect((await issue(await as('member1'), { orgId: 'org-zjj' })).status).toBe(404);
		// An activated account named among them is left out.
		const named = await issue(office1, { orgId: 'org-zjj', usernames: ['m9001', 'member1'] });
		expect(named.body.codes.map((c) => c.username)).toEqual(['m9001']);
		// Issuing again replaced the first code.
		const first = issued.body.codes.find((c) => c.username === 'm9001')!;
		expect((await activate(first.code)).status).toBe(410);
		const stored = (await world.db('accounts').get('m9001')) as unknown as Account;
		expect(JSON.stringify(stored)).not.toContain(named.body.codes[0]!.code);

		const admin = await as('admin');
		expect((await issue(admin, { orgId: 'org-zcz' })).body.codes.map((c) => c.username)).toEqual([
			'm9003'
		]);
		const log = await admin.json<{ entries: AuditEntry[] }>('/api/audit?action=activation.issue');
		expect(log.body.entries.map((e) => [e.actor, e.orgId, e.details?.['count']])).toEqual([
			['admin', 'org-zcz', 1],
			['office1', 'org-zjj', 1],
			['office1', 'org-zjj', 2]
		]);
	});

	it('activates once: policy checked, session started, second use and expiry refused alike', async () => {
		const office1 = await as('office1');
		const { codes } = (await issue(office1, { orgId: 'org-zjj' })).body;
		const [a, b] = codes;
		const weak = await activate(a!.code, 'short');
		expect(weak.status).toBe(400);
		expect(weak.body.error).toBe('weak_password');
		expect(weak.body.problems).toContain('too-short');
		const mobile = ((await world.db('contacts').get('m002')) as { phone: string }).phone;
		const withMobile = await activate(a!.code, `Aa-${mobile}`);
		expect(withMobile.body.problems).toContain('contains-mobile');

		const client = new HttpClient(world.url);
		const done = await activate(`${a!.code.slice(0, 5)}-${a!.code.slice(5)}`, PASSWORD, client);
		expect(done.status).toBe(200);
		expect(done.body.user?.username).toBe(a!.username);
		expect(
			(await client.json<{ user: { username: string } }>('/api/session')).body.user.username
		).toBe(a!.username);
		expect((await activate(a!.code)).body).toMatchObject({ error: 'code_invalid' });
		expect((await new HttpClient(world.url).signIn(a!.username, PASSWORD)).status).toBe(200);
		const account = (await world.db('accounts').get(a!.username)) as unknown as Account;
		expect(account.activation).toBeUndefined();
		expect(account.passwordChangedAt).toBeDefined();

		// Expired: the same answer as used or unknown.
		const other = (await world.db('accounts').get(b!.username)) as unknown as Account;
		await world.db('accounts').put({
			...other,
			activation: { ...other.activation!, expiresAt: '2020-01-01T00:00:00.000Z' }
		} as unknown as Record<string, unknown> & { _id: string });
		expect(await activate(b!.code)).toEqual(await activate('ZZZZZ-ZZZZZ'));
		expect((await activate(b!.code)).status).toBe(410);
	});

	it('refuses a deactivated account its code', async () => {
		const office1 = await as('office1');
		const { codes } = (await issue(office1, { orgId: 'org-zjj', usernames: ['m9001'] })).body;
		await office1.request('/api/accounts/m9001/deactivate', { method: 'POST' });
		expect((await activate(codes[0]!.code)).status).toBe(410);
		expect((await issue(office1, { orgId: 'org-zjj', usernames: ['m9001'] })).body.codes).toEqual(
			[]
		);
	});

	it('limits tries per address', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 11; i++) statuses.push((await activate('ZZZZZ-ZZZZZ')).status);
		expect(statuses.slice(0, 10).every((status) => status === 410)).toBe(true);
		expect(statuses[10]).toBe(429);
	});
});
