import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	badgeShortCode,
	readBadgeToken,
	shortCodeDigest
} from '../../src/lib/domain/codes/badge-token';
import { codeWindowAt } from '../../src/lib/domain/codes/activity-code';
import { presentBadge } from '../../src/lib/domain/codes/badge-presentation';
import { activityWithKey } from '../../src/lib/domain/events/event-drafts';
import {
	admitBadge,
	memberOfShortCode,
	organiserRecord,
	type Person
} from '../../src/lib/domain/events/kiosk-check-in';
import {
	attendanceId,
	badgeCredentialId,
	badgeRecordId,
	revocationId,
	type Activity,
	type Attendance,
	type Credential
} from '../../src/lib/domain/registry';
import { issueBadge } from '../../src/lib/server/badge-issuer';
import { migrateBadgeRegistry } from '../../src/lib/server/badge-registry-migration';
import { badgeTrustOn, heldBadgesOn } from '../support/held-badges';
import { HttpClient } from '../support/http-client';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

const MINUTE = 60_000;

/**
 * Badges without a public registry of every member (#10): a member's phone holds their own badge
 * only; the devices that scan (community staff, branch secretaries) hold the issuer keys and a
 * short revocation list, and still refuse a replaced badge with no signal; the gateway refuses
 * one whatever the device did.
 */
describe('badge data reaches only the devices that need it', () => {
	let world: World;
	let phone: TestDevice;
	let secretary: TestDevice;
	let staff: TestDevice;
	let activity: Activity;

	beforeAll(async () => {
		world = await World.start(['member1', 'member2', 'secretary1', 'community1', 'admin']);
		phone = await world.device('member1');
		secretary = await world.device('secretary1');
		staff = await world.device('community1');
		await staff.sync();
		// br1's party day in cm1, run by the community's staff and the branch's secretary.
		const now = new Date();
		const made = activityWithKey(
			{
				type: 'party-day',
				title: '党旗映天山主题党日',
				communityId: 'cm1',
				hostBranchId: 'br1',
				place: '社区党群服务中心',
				startsAt: new Date(now.getTime() - 60 * MINUTE).toISOString(),
				endsAt: new Date(now.getTime() + 120 * MINUTE).toISOString(),
				expected: 'branch',
				organisers: ['secretary1']
			},
			'community1',
			now
		);
		activity = made.activity;
		await staff.writeChecked('activities', made.activity);
		await staff.writeChecked('credentials', made.credential);
		await staff.sync();
	});
	afterAll(() => world.close());

	interface Issued {
		token: string;
		shortCode: string;
		/** What the member's phone shows now. */
		shown: string;
	}

	/** Issues a member a badge on the server; what the member holds and shows of it. */
	async function issue(memberId: string): Promise<Issued> {
		await issueBadge(world.server.app.store, memberId, new Date());
		const credential = (await world
			.db('credentials')
			.get(badgeCredentialId(memberId))) as unknown as Credential;
		const token = credential.token ?? '';
		const shown = presentBadge(token, codeWindowAt(new Date()), credential.secretKey ?? '');
		return { token, shortCode: badgeShortCode(token), shown };
	}

	/** What a kiosk does with a scanned badge: verify it offline, then store the check-in. */
	async function scan(device: TestDevice, shown: string): Promise<Attendance> {
		const admission = admitBadge(
			shown,
			await badgeTrustOn(device),
			activity,
			() => false,
			new Date()
		);
		if (!admission.ok) throw new Error(`badge refused: ${admission.problem}`);
		return checkIn(device, admission.person, { proof: shown });
	}

	async function checkIn(
		device: TestDevice,
		person: Person,
		evidence: { proof: string } | { typedCode: string }
	): Promise<Attendance> {
		const record = organiserRecord({
			activity,
			person,
			kind: 'in',
			method: 'proof' in evidence ? 'badge' : 'typed',
			...evidence,
			recordedBy: device.username,
			at: new Date(),
			clockSkewMs: 0
		});
		await device.writeChecked('attendance', record);
		return record;
	}

	/** Why the gateway refused a pushed document, as its refusal notice says. */
	async function refusalOf(
		device: TestDevice,
		docId: string
	): Promise<{ reason?: unknown; detail?: unknown }> {
		const notices = await world.db('notices').allDocs({ include_docs: true });
		const notice = notices.rows.find(
			(row) => row.doc?.['docId'] === docId && row.doc['recipient'] === device.username
		)?.doc;
		return { reason: notice?.['reason'], detail: notice?.['detail'] };
	}

	/** The member as their badge names them, which the gateway compares with the record. */
	function personIn(token: string): Person {
		const claims = readBadgeToken(token)?.claims;
		if (!claims) throw new Error('not a badge');
		const { memberId, name, branchId, orgId } = claims;
		return { memberId, memberName: name, branchId, orgId };
	}

	it("keeps every other member's badge data off a member's phone", async () => {
		await issue('m001');
		await issue('m002');
		await issue('m002');
		await Promise.all([phone.sync(), secretary.sync(), staff.sync()]);

		expect(badgeIdsOf(await phone.ids('directory'))).toEqual(['badge.m001']);
		expect(badgeIdsOf(await phone.ids('credentials'))).toEqual(['badge.m001']);
		// The secretary types codes in for the branch, and scans: entries of br1 and the list.
		expect(badgeIdsOf(await secretary.ids('directory'))).toEqual(['badge.m001', 'badge.m002']);
		expect(badgeIdsOf(await secretary.ids('credentials'))).toEqual([revocationId('m002')]);
		// Community staff scan with the issuer key and the list alone.
		expect(badgeIdsOf(await staff.ids('directory'))).toEqual([]);
		expect(badgeIdsOf(await staff.ids('credentials'))).toEqual([revocationId('m002')]);
		expect((await heldBadgesOn(staff)).records.map((r) => r.kind)).toContain('issuer');
	});

	it('lets an offline kiosk admit a current badge and refuse one replaced since', async () => {
		const old = await issue('m003');
		const current = await issue('m003');
		await Promise.all([staff.sync(), secretary.sync()]);
		await Promise.all([staff.setOffline(true), secretary.setOffline(true)]);

		const trust = await badgeTrustOn(staff);
		const at = new Date();
		expect(admitBadge(old.shown, trust, activity, () => false, at)).toEqual({
			ok: false,
			problem: 'revoked'
		});
		// The device runs the gateway's own checks before storing: a scan past the kiosk is refused.
		const replaced = organiserRecord({
			activity,
			person: personIn(old.token),
			kind: 'in',
			method: 'badge',
			proof: old.shown,
			recordedBy: 'community1',
			at,
			clockSkewMs: 0
		});
		await expect(staff.writeChecked('attendance', replaced)).rejects.toMatchObject({
			reason: 'invalid',
			detail: 'badge revoked'
		});
		expect((await scan(staff, current.shown)).memberId).toBe('m003');

		// The secretary's device resolves the branch's current typed codes, and no replaced one.
		const held = await heldBadgesOn(secretary);
		expect(memberOfShortCode(current.shortCode, held)).toEqual({ ok: true, memberId: 'm003' });
		expect(memberOfShortCode(old.shortCode, held)).toEqual({ ok: false, problem: 'not-held' });
		// Staff hold no member's entry: a typed code is not known there.
		expect(memberOfShortCode(current.shortCode, await heldBadgesOn(staff))).toEqual({
			ok: false,
			problem: 'not-held'
		});
		// Both organisers record the same check-in offline; one of them is kept on the server.
		await checkIn(secretary, personIn(current.token), { typedCode: current.shortCode });

		await Promise.all([staff.setOffline(false), secretary.setOffline(false)]);
		await staff.sync();
		await secretary.sync();
		const stored = await world.db('attendance').get(attendanceId(activity.id, 'm003', 'in'));
		expect(stored['method']).toMatch(/^(badge|typed)$/);
	});

	it('refuses at the gateway a check-in proven with a revoked badge or code', async () => {
		const old = await issue('m004');
		await issue('m004');
		await staff.sync();
		// A device that skips its own checks (or never synced the list) pushes the old badge anyway.
		const forced = organiserRecord({
			activity,
			person: personIn(old.token),
			kind: 'in',
			method: 'badge',
			proof: old.shown,
			recordedBy: 'community1',
			at: new Date(),
			clockSkewMs: 0
		});
		await staff.insert('attendance', forced);
		await staff.sync();
		await expect(world.db('attendance').get(forced.id)).rejects.toMatchObject({ status: 404 });
		expect(await refusalOf(staff, forced.id)).toEqual({
			reason: 'invalid',
			detail: 'badge revoked'
		});
		await staff.sync();
		expect(await staff.findOne('attendance', forced.id)).toBeNull();

		// The same with the old typed code, from the secretary's device.
		const typed = organiserRecord({
			activity,
			person: personIn(old.token),
			kind: 'in',
			method: 'typed',
			typedCode: old.shortCode,
			recordedBy: 'secretary1',
			at: new Date(),
			clockSkewMs: 0
		});
		await secretary.insert('attendance', typed);
		await secretary.sync();
		await expect(world.db('attendance').get(typed.id)).rejects.toMatchObject({ status: 404 });
		// The old code is no longer in the registry entry: it is simply not the member's code.
		expect(await refusalOf(secretary, typed.id)).toEqual({
			reason: 'invalid',
			detail: 'short code'
		});
	});

	it("verifies a typed code on the server though the recording device cannot read the member's entry", async () => {
		const { token, shortCode } = await issue('m005');
		const record = organiserRecord({
			activity,
			person: personIn(token),
			kind: 'in',
			method: 'typed',
			typedCode: shortCode,
			recordedBy: 'community1',
			at: new Date(),
			clockSkewMs: 0
		});
		await staff.insert('attendance', record);
		await staff.sync();
		expect((await world.db('attendance').get(record.id))['method']).toBe('typed');
	});

	it('withdraws every badge of a member who left, on the kiosks and the phone', async () => {
		const { token, shown } = await issue('m002');
		const member2 = await world.device('member2');
		await member2.sync();
		expect(badgeIdsOf(await member2.ids('credentials'))).toEqual([badgeCredentialId('m002')]);

		const admin = new HttpClient(world.url);
		await admin.signIn('admin');
		const body = JSON.stringify({ memberId: 'm002' });
		const headers = { 'content-type': 'application/json' };
		const refused = await member2.request('/api/badge/withdraw', {
			method: 'POST',
			headers,
			body
		});
		expect(refused.status).toBe(403);
		const answer = await admin.request('/api/badge/withdraw', { method: 'POST', headers, body });
		expect(answer.status).toBe(200);

		await Promise.all([staff.sync(), secretary.sync(), member2.sync()]);
		await staff.setOffline(true);
		expect(admitBadge(shown, await badgeTrustOn(staff), activity, () => false, new Date())).toEqual(
			{ ok: false, problem: 'revoked' }
		);
		await staff.setOffline(false);
		// The secretary's device still holds the entry, and knows its code no longer admits anyone.
		const code = badgeShortCode(token);
		expect(memberOfShortCode(code, await heldBadgesOn(secretary))).toEqual({
			ok: false,
			problem: 'revoked'
		});
		expect(badgeIdsOf(await member2.ids('credentials'))).toEqual([]);
	});
});

describe('a store of the public badge registry', () => {
	let world: World;

	beforeAll(async () => {
		world = await World.start(['member1', 'secretary1']);
	});
	afterAll(() => world.close());

	/** A member's entry as the previous version wrote it: public, without a branch. */
	function publicEntry(memberId: string, serial: number) {
		return {
			_id: badgeRecordId(memberId),
			kind: 'badge',
			memberId,
			serial,
			shortCodeDigest: shortCodeDigest('ABCD1234'),
			issuedAt: new Date().toISOString(),
			channels: ['public']
		};
	}

	it('leaves phones with their own entry only once the server has moved the registry', async () => {
		const store = world.server.app.store;
		// m001 and m002 are in br1, m030 in br2; m002 had a second badge.
		await store
			.db('directory')
			.bulkDocs([publicEntry('m001', 1), publicEntry('m002', 2), publicEntry('m030', 1)]);
		const phone = await world.device('member1');
		const secretary = await world.device('secretary1');
		await Promise.all([phone.sync(), secretary.sync()]);
		const everyone = ['badge.m001', 'badge.m002', 'badge.m030'];
		expect(badgeIdsOf(await phone.ids('directory'))).toEqual(everyone);

		// The server of the new version starts on this store.
		await store.db('config').remove(await store.db('config').get('badge-registry'));
		await migrateBadgeRegistry(store, new Date());
		await Promise.all([phone.sync(), secretary.sync()]);

		expect(badgeIdsOf(await phone.ids('directory'))).toEqual(['badge.m001']);
		expect(badgeIdsOf(await phone.ids('credentials'))).toEqual([]);
		expect(badgeIdsOf(await secretary.ids('directory'))).toEqual(['badge.m001', 'badge.m002']);
		expect(badgeIdsOf(await secretary.ids('credentials'))).toEqual([revocationId('m002')]);
	});
});

/** The badge entries and revocations among a device's ids. */
function badgeIdsOf(ids: string[]): string[] {
	return ids.filter((id) => id.startsWith('badge.') || id.startsWith('revocation.'));
}
