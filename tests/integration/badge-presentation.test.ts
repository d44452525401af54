import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeWindowAt } from '../../src/lib/domain/codes/activity-code';
import { presentBadge } from '../../src/lib/domain/codes/badge-presentation';
import { readBadgeToken } from '../../src/lib/domain/codes/badge-token';
import { toBase64Url } from '../../src/lib/domain/codes/byte-encoding';
import { signText } from '../../src/lib/domain/codes/ed25519-signing';
import { activityWithKey } from '../../src/lib/domain/events/event-drafts';
import {
	admitBadge,
	organiserRecord,
	type Person
} from '../../src/lib/domain/events/kiosk-check-in';
import {
	badgeCredentialId,
	type Activity,
	type Attendance,
	type Credential
} from '../../src/lib/domain/registry';
import { currentIssuer, issueBadge } from '../../src/lib/server/badge-issuer';
import { upgradeBadgeKeys } from '../../src/lib/server/badge-key-upgrade';
import { badgeTrustOn } from '../support/held-badges';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

const MINUTE = 60_000;

/**
 * A badge check-in's proof is scan-specific (issue 12, item 10): whoever reads a check-in — the
 * community's staff, the host branch, the member's branch — finds in it a presentation signed by
 * the member's phone for one 30-second window, or a typed code's proof made for that one record,
 * and can check nobody in with either at another activity or another time.
 */
describe('scan-specific badge proofs', () => {
	let world: World;
	let staff: TestDevice;
	let secretary: TestDevice;
	let phone: TestDevice;
	/** cm1's activity, run by its staff; the thief's is br1's, run by the branch secretary. */
	let courtyard: Activity;
	let partyDay: Activity;

	beforeAll(async () => {
		world = await World.start(['member1', 'member2', 'secretary1', 'community1']);
		staff = await world.device('community1');
		secretary = await world.device('secretary1');
		phone = await world.device('member1');
		courtyard = await open(staff, 'cm1', undefined, []);
		partyDay = await open(staff, 'cm1', 'br1', ['secretary1']);
		await Promise.all([secretary.sync(), phone.sync()]);
	});
	afterAll(() => world.close());

	async function open(
		device: TestDevice,
		communityId: string,
		hostBranchId: string | undefined,
		organisers: string[]
	): Promise<Activity> {
		const now = Date.now();
		const { activity, credential } = activityWithKey(
			{
				type: 'volunteer',
				title: '社区环境整治',
				communityId,
				...(hostBranchId ? { hostBranchId } : {}),
				place: '社区广场',
				startsAt: new Date(now - 30 * MINUTE).toISOString(),
				endsAt: new Date(now + 120 * MINUTE).toISOString(),
				expected: 'signup',
				organisers
			},
			device.username,
			new Date(now)
		);
		await device.writeChecked('activities', activity);
		await device.writeChecked('credentials', credential);
		await device.sync();
		return activity;
	}

	/** The member's badge as their phone holds it after syncing. */
	async function badgeOnPhone(): Promise<Credential> {
		await phone.sync();
		const held = await phone.findOne('credentials', badgeCredentialId('m001'));
		if (!held) throw new Error('no badge on the phone');
		return held as Credential;
	}

	function personOf(token: string): Person {
		const claims = readBadgeToken(token)?.claims;
		if (!claims) throw new Error('not a badge');
		return {
			memberId: claims.memberId,
			memberName: claims.name,
			branchId: claims.branchId,
			orgId: claims.orgId
		};
	}

	/** What the gateway made of a pushed check-in: stored, or refused with this notice. */
	async function fateOf(device: TestDevice, record: Attendance) {
		const stored = await world
			.db('attendance')
			.get(record.id)
			.catch(() => null);
		if (stored?.['recordedBy'] === device.username) return 'stored';
		const notices = await world.db('notices').allDocs({ include_docs: true });
		const notice = notices.rows.find(
			(row) => row.doc?.['docId'] === record.id && row.doc['recipient'] === device.username
		)?.doc;
		return { reason: notice?.['reason'], detail: notice?.['detail'] };
	}

	it('stores an honest scan, and refuses its proof copied into a check-in at another activity', async () => {
		await issueBadge(world.server.app.store, 'm001', new Date());
		const badge = await badgeOnPhone();
		const at = new Date(Date.now() - 3 * MINUTE);
		const shown = presentBadge(badge.token ?? '', codeWindowAt(at), badge.secretKey ?? '');

		// The staff's kiosk, three minutes ago: verified offline, stored, accepted.
		const admission = admitBadge(shown, await badgeTrustOn(staff), courtyard, () => false, at);
		expect(admission).toMatchObject({ ok: true, person: { memberId: 'm001' } });
		const honest = organiserRecord({
			activity: courtyard,
			person: personOf(badge.token ?? ''),
			kind: 'in',
			method: 'badge',
			proof: shown,
			recordedBy: 'community1',
			at,
			clockSkewMs: 0
		});
		await staff.writeChecked('attendance', honest);
		await staff.sync();
		expect(await fateOf(staff, honest)).toBe('stored');

		// The member's branch secretary reads that check-in, and pushes its proof at the party day.
		await secretary.sync();
		const seen = (await secretary.findOne('attendance', honest.id)) as Attendance | null;
		expect(seen?.proof).toBe(shown);
		const copied = organiserRecord({
			activity: partyDay,
			person: personOf(badge.token ?? ''),
			kind: 'in',
			method: 'badge',
			proof: seen?.proof ?? '',
			recordedBy: 'secretary1',
			at: new Date(),
			clockSkewMs: 0
		});
		await expect(secretary.writeChecked('attendance', copied)).rejects.toMatchObject({
			reason: 'invalid',
			detail: 'badge expired'
		});
		// A device that skips its own checks gets no further at the gateway.
		await secretary.insert('attendance', copied);
		await secretary.sync();
		expect(await fateOf(secretary, copied)).toEqual({
			reason: 'invalid',
			detail: 'badge expired'
		});
	});

	it('refuses a typed check-in’s proof copied into a check-in at another activity', async () => {
		const badge = await badgeOnPhone();
		const person = personOf(badge.token ?? '');
		const typed = organiserRecord({
			activity: courtyard,
			person,
			kind: 'out',
			method: 'typed',
			typedCode: badge.shortCode ?? '',
			recordedBy: 'community1',
			at: new Date(),
			clockSkewMs: 0
		});
		expect(typed.proof).not.toContain(badge.shortCode);
		await staff.insert('attendance', typed);
		await staff.sync();
		expect(await fateOf(staff, typed)).toBe('stored');

		await secretary.sync();
		const seen = (await secretary.findOne('attendance', typed.id)) as Attendance | null;
		const copied = organiserRecord({
			activity: partyDay,
			person,
			kind: 'out',
			method: 'typed',
			proof: seen?.proof ?? '',
			recordedBy: 'secretary1',
			at: new Date(),
			clockSkewMs: 0
		});
		await secretary.insert('attendance', copied);
		await secretary.sync();
		expect(await fateOf(secretary, copied)).toEqual({ reason: 'invalid', detail: 'short code' });
	});

	it('upgrades an old badge at start-up to one with a key, the same serial and short code', async () => {
		const store = world.server.app.store;
		// m002's badge as the previous version issued it: no key, an issuer signature only.
		const issuer = await currentIssuer(store, new Date());
		const name = toBase64Url(new TextEncoder().encode('李四'));
		const text = ['B1', issuer.keyId, 'm002', 'br1', 'org-a', '4', name].join('~');
		const old = {
			_id: badgeCredentialId('m002'),
			kind: 'badge',
			memberId: 'm002',
			token: `${text}~${signText(text, issuer.secretKey)}`,
			shortCode: '7K2M9QXD4HBT',
			serial: 4,
			updatedAt: new Date().toISOString(),
			channels: ['member:m002']
		};
		await store.db('credentials').put(old);
		await store.db('config').remove(await store.db('config').get('badge-keys'));

		// What the server does as it starts.
		await upgradeBadgeKeys(store, new Date());

		const upgraded = (await store
			.db('credentials')
			.get(badgeCredentialId('m002'))) as unknown as Credential;
		expect(upgraded).toMatchObject({ serial: 4, shortCode: '7K2M9QXD4HBT' });
		expect(readBadgeToken(upgraded.token ?? '')?.claims).toMatchObject({
			memberId: 'm002',
			serial: 4,
			name: '李四'
		});
		const member2 = await world.device('member2');
		await member2.sync();
		const held = (await member2.findOne('credentials', badgeCredentialId('m002'))) as Credential;
		expect(held.token).toBe(upgraded.token);
		// The phone now presents it, and a kiosk admits it.
		const shown = presentBadge(held.token ?? '', codeWindowAt(new Date()), held.secretKey ?? '');
		const admission = admitBadge(
			shown,
			await badgeTrustOn(staff),
			courtyard,
			() => false,
			new Date()
		);
		expect(admission).toMatchObject({ ok: true, person: { memberId: 'm002' } });
	});
});
