import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBadgeToken } from '../../src/lib/domain/codes/badge-token';
import { badgeCredentialId, badgeRecordId, type Credential } from '../../src/lib/domain/registry';
import { badgeTrustOn as trustOn } from '../support/held-badges';
import { HttpClient } from '../support/http-client';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

/** Badges through the API and sync: issued to the member's devices alone, verifiable everywhere. */
describe('member badges', () => {
	let world: World;
	let phone: TestDevice;
	let kiosk: TestDevice;

	beforeAll(async () => {
		world = await World.start(['member1', 'community1', 'admin']);
		phone = await world.device('member1');
		kiosk = await world.device('community1');
	});
	afterAll(() => world.close());

	async function issue(): Promise<string> {
		const answer = await phone.request('/api/badge', { method: 'POST' });
		expect(answer.status).toBe(201);
		await phone.sync();
		const doc = await phone.findOne('credentials', badgeCredentialId('m001'));
		return (doc as Credential).token ?? '';
	}

	it('issues a badge that reaches the member alone, and a new one revokes the old', async () => {
		const first = await issue();
		await kiosk.sync();
		expect(checkBadgeToken(first, await trustOn(kiosk))).toMatchObject({ ok: true });
		expect(await kiosk.ids('credentials')).not.toContain(badgeCredentialId('m001'));
		// The kiosk verifies with the issuer key alone: the member's registry entry is not on it.
		expect(await kiosk.ids('directory')).not.toContain(badgeRecordId('m001'));

		const second = await issue();
		await kiosk.sync();
		const trust = await trustOn(kiosk);
		expect(checkBadgeToken(first, trust)).toEqual({ ok: false, problem: 'revoked' });
		expect(checkBadgeToken(second, trust)).toMatchObject({ ok: true, claims: { serial: 2 } });
	});

	it('issues badges to members only, and lets the administrator alone rotate the key', async () => {
		const staff = await kiosk.request('/api/badge', { method: 'POST' });
		expect(staff.status).toBe(403);
		expect((await kiosk.request('/api/badge/issuer', { method: 'POST' })).status).toBe(403);
		const token = await issue();
		const admin = new HttpClient(world.url);
		await admin.signIn('admin');
		const rotated = await admin.request('/api/badge/issuer', { method: 'POST' });
		expect(rotated.status).toBe(201);
		await kiosk.sync();
		expect(checkBadgeToken(token, await trustOn(kiosk))).toEqual({
			ok: false,
			problem: 'unknown-key'
		});
		const renewed = await issue();
		await kiosk.sync();
		expect(checkBadgeToken(renewed, await trustOn(kiosk))).toMatchObject({ ok: true });
	});
});
