import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityCodeFor, codeWindowAt } from '../../src/lib/domain/codes/activity-code';
import { issueBadgeToken } from '../../src/lib/domain/codes/badge-token';
import {
	checkBadgePresentation,
	presentBadge
} from '../../src/lib/domain/codes/badge-presentation';
import {
	activityKeyId,
	badgeCredentialId,
	type Activity,
	type Attendance,
	type BadgeRecord,
	type Credential,
	type Member
} from '../../src/lib/domain/registry';
import { newKeyPair } from '../../src/lib/domain/codes/ed25519-signing';
import {
	activityWithKey,
	attendanceRecord,
	type Attendee
} from '../../src/lib/domain/events/event-drafts';
import { attendanceList } from '../../src/lib/domain/events/service-hours';
import { issueBadge } from '../../src/lib/server/badge-issuer';
import { badgeTrustOn } from '../support/held-badges';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

const MINUTE = 60_000;
/** Members of branch br1 (m001–m020); member1 (m001) scans the activity code with a phone. */
const SCANNED = ['m002', 'm003', 'm004', 'm005'];

function never(): never {
	throw new Error('missing');
}

/**
 * The signature scene (R24, R23): two organisers check people in offline by their badges, a
 * member checks in by scanning the activity's rotating code, and everything converges on the
 * server whatever order the devices come back in — one check-in per person, forgeries reverted.
 */
describe('offline check-in at an event', () => {
	let world: World;
	let staff: TestDevice;
	let secretary: TestDevice;
	let phone: TestDevice;
	const badges = new Map<string, Credential>();
	let attendees: Map<string, Attendee>;

	beforeAll(async () => {
		world = await World.start(['community1', 'secretary1', 'member1']);
		const members = await world.db('members').allDocs({ include_docs: true });
		attendees = new Map(
			members.rows
				.map((row) => row.doc as unknown as Member & { _id: string })
				.filter((m) => m.branchId === 'br1')
				.map((m) => [
					m._id,
					{ memberId: m._id, branchId: m.branchId, orgId: m.orgId, name: m.name }
				])
		);
		for (const memberId of ['m001', ...SCANNED]) {
			await issueBadge(world.server.app.store, memberId, new Date());
			const credential = (await world
				.db('credentials')
				.get(badgeCredentialId(memberId))) as unknown as Credential;
			badges.set(memberId, credential);
		}
		staff = await world.device('community1');
		secretary = await world.device('secretary1');
		phone = await world.device('member1');
		await Promise.all([staff.sync(), secretary.sync(), phone.sync()]);
	});
	afterAll(() => world.close());

	async function openActivity(): Promise<Activity> {
		const now = new Date();
		const { activity, credential } = activityWithKey(
			{
				type: 'party-day',
				title: '党旗映天山主题党日',
				communityId: 'cm1',
				hostBranchId: 'br1',
				place: '社区党群服务中心',
				startsAt: new Date(now.getTime() - 180 * MINUTE).toISOString(),
				endsAt: new Date(now.getTime() + 60 * MINUTE).toISOString(),
				expected: 'branch',
				organisers: ['secretary1']
			},
			'community1',
			now
		);
		await staff.writeChecked('activities', activity);
		await staff.writeChecked('credentials', credential);
		await staff.sync();
		await Promise.all([secretary.sync(), phone.sync()]);
		return activity;
	}

	/**
	 * An organiser's kiosk scanning what the member's phone shows at `at`: verified on the device,
	 * then stored locally with the presentation as its proof.
	 */
	async function scanBadge(
		device: TestDevice,
		activity: Activity,
		memberId: string,
		kind: 'in' | 'out',
		at: Date
	) {
		const { token, secretKey } = badges.get(memberId) ?? never();
		const shown = presentBadge(token ?? never(), codeWindowAt(at), secretKey ?? never());
		const check = checkBadgePresentation(shown, await badgeTrustOn(device), at);
		if (!check.ok) throw new Error(`badge refused: ${check.problem}`);
		const record = attendanceRecord({
			activity,
			attendee: check.claims,
			kind,
			recordedBy: device.username,
			at,
			method: 'badge',
			proof: shown
		});
		await device.writeChecked('attendance', record);
	}

	/** A badge a tampered client signed itself, presented with a key of its own. */
	function forgedPresentation(victim: Attendee, at: number): string {
		const forger = newKeyPair();
		const token = issueBadgeToken(
			{ ...victim, keyId: 'k0', serial: 1, badgeKey: forger.publicKey },
			forger.secretKey
		);
		return presentBadge(token, codeWindowAt(at), forger.secretKey);
	}

	async function serverAttendance(activityId: string): Promise<Attendance[]> {
		const all = await world.db('attendance').allDocs({ include_docs: true });
		return all.rows
			.map((row) => ({ ...(row.doc as unknown as Attendance), id: row.id }))
			.filter((doc) => doc.activityId === activityId);
	}

	async function deviceAttendance(device: TestDevice, activityId: string) {
		// Claims of service items share the collection; they have no activity.
		return (await device.find('attendance', { activityId })).filter((doc) => 'activityId' in doc);
	}

	const orders = [
		['staff', 'secretary', 'phone'],
		['phone', 'secretary', 'staff'],
		['secretary', 'phone', 'staff']
	] as const;

	it.each(orders)('converges when they reconnect in the order %s, %s, %s', async (...order) => {
		const activity = await openActivity();
		const devices = { staff, secretary, phone };
		// Times relative to an hour before the end (the activity's own clock reading).
		const now = Date.parse(activity.endsAt) - 60 * MINUTE;
		const t = (minutes: number) => new Date(now + minutes * MINUTE);
		const keyDoc = (await secretary.findOne(
			'credentials',
			activityKeyId(activity.id)
		)) as Credential | null;
		expect(keyDoc?.secretKey, 'the key reached the second organiser').toBeTruthy();
		expect(await phone.findOne('activities', activity.id), 'public').toBeTruthy();

		for (const device of Object.values(devices)) await device.setOffline(true);

		// Overlapping scans: m003 and m004 are scanned by both organisers.
		await scanBadge(staff, activity, 'm002', 'in', t(-170));
		await scanBadge(staff, activity, 'm003', 'in', t(-175));
		await scanBadge(staff, activity, 'm004', 'in', t(-150));
		await scanBadge(secretary, activity, 'm003', 'in', t(-185));
		await scanBadge(secretary, activity, 'm004', 'in', t(-120));
		await scanBadge(secretary, activity, 'm005', 'in', t(-160));
		await scanBadge(staff, activity, 'm003', 'out', t(-60));
		await scanBadge(secretary, activity, 'm003', 'out', t(-30));
		// member1 scans the code the organiser's screen shows, and is later also scanned by badge.
		const code = activityCodeFor(
			activity.id,
			codeWindowAt(new Date()),
			keyDoc?.secretKey ?? never()
		);
		const self = attendanceRecord({
			activity,
			attendee: attendees.get('m001') ?? never(),
			kind: 'in',
			recordedBy: 'member1',
			at: new Date(),
			method: 'code',
			proof: code
		});
		await phone.writeChecked('attendance', self);
		await scanBadge(staff, activity, 'm001', 'in', t(1));

		// A tampered client that skips the device's checks: a badge signed by a key of its own,
		// and a photo of an old activity code. The gateway must refuse both and nothing else.
		const forger = newKeyPair();
		const victim = attendees.get('m006') ?? never();
		const [issuer] = await secretary.find('directory', { kind: 'issuer' });
		const keyId = (issuer as BadgeRecord | undefined)?.keyId as string;
		const forgedToken = issueBadgeToken(
			{ ...victim, keyId, serial: 1, badgeKey: forger.publicKey },
			forger.secretKey
		);
		await secretary.insert(
			'attendance',
			attendanceRecord({
				activity,
				attendee: victim,
				kind: 'in',
				recordedBy: 'secretary1',
				at: t(-1),
				method: 'badge',
				proof: presentBadge(forgedToken, codeWindowAt(t(-1)), forger.secretKey)
			})
		);
		const oldCode = activityCodeFor(
			activity.id,
			codeWindowAt(t(-20)),
			keyDoc?.secretKey ?? never()
		);
		await phone.upsert(
			'attendance',
			attendanceRecord({
				activity,
				attendee: attendees.get('m001') ?? never(),
				kind: 'out',
				recordedBy: 'member1',
				at: t(0),
				method: 'code',
				proof: oldCode
			})
		);

		for (const name of order) {
			const device = devices[name];
			await device.setOffline(false);
			await device.sync();
		}
		// A second round lets the first devices learn what the later ones brought.
		for (const name of order) await devices[name].sync();

		const stored = await serverAttendance(activity.id);
		const checkIns = stored.filter((doc) => doc.kind === 'in');
		expect(checkIns.map((doc) => doc.memberId).sort()).toEqual(['m001', ...SCANNED]);
		const at = (memberId: string, kind: 'in' | 'out') =>
			stored.find((doc) => doc.memberId === memberId && doc.kind === kind)?.at;
		expect(at('m003', 'in'), 'earliest check-in').toBe(t(-185).toISOString());
		expect(at('m004', 'in'), 'earliest check-in').toBe(t(-150).toISOString());
		expect(at('m003', 'out'), 'latest check-out').toBe(t(-30).toISOString());
		expect(stored.find((doc) => doc.memberId === 'm001' && doc.kind === 'in')?.method).toBe('code');
		expect(
			stored.some((doc) => doc.memberId === 'm006'),
			'forged badge refused'
		).toBe(false);
		expect(at('m001', 'out'), 'old code refused').toBeUndefined();

		// Every device ends up with the server's records; the forgeries were reverted locally.
		const expected = stored.map((doc) => `${doc.id}@${doc.at}`).sort();
		for (const device of [staff, secretary]) {
			const held = await deviceAttendance(device, activity.id);
			expect(held.map((doc) => `${doc.id}@${doc.at}`).sort()).toEqual(expected);
		}
		const mine = await deviceAttendance(phone, activity.id);
		expect(mine.map((doc) => `${doc.id}@${doc.at}`).sort()).toEqual(
			stored
				.filter((doc) => doc.memberId === 'm001')
				.map((doc) => `${doc.id}@${doc.at}`)
				.sort()
		);

		// Hours from the converged records (travel excluded, rounded down to quarter hours).
		const list = attendanceList(
			activity,
			stored,
			[...attendees.values()].map((a) => ({
				memberId: a.memberId,
				memberName: a.name,
				branchId: a.branchId
			}))
		);
		const m003 = list.find((row) => row.memberId === 'm003');
		expect(m003?.minutes, 'from the start, not the early arrival').toBe(150);
		expect(m003?.status, 'left an hour and a half before the end').toBe('left-early');
		const m004 = list.find((row) => row.memberId === 'm004');
		expect(m004?.flags).toEqual(['no-check-out']);
		expect(m004?.minutes, 'closed at the end').toBe(210);
		expect(m004?.late, 'thirty minutes after the start').toBe(true);
		expect(list.filter((row) => row.status === 'no-show')).toHaveLength(attendees.size - 5);
	});

	it('gives way when its own earlier record is refused, instead of pushing it forever', async () => {
		const activity = await openActivity();
		await scanBadge(staff, activity, 'm005', 'in', new Date());
		await staff.sync();
		await secretary.sync();
		// Earlier than the server's record, so it wins the merge — but its proof is forged.
		await secretary.incrementalPatch('attendance', `${activity.id}.m005.in`, {
			at: new Date(Date.now() - 30 * MINUTE).toISOString(),
			recordedBy: 'secretary1',
			proof: forgedPresentation(attendees.get('m005') ?? never(), Date.now() - 30 * MINUTE)
		});
		await secretary.sync();
		const [server] = (await serverAttendance(activity.id)).filter((doc) => doc.memberId === 'm005');
		expect(server?.recordedBy).toBe('community1');
		const held = await secretary.findOne('attendance', `${activity.id}.m005.in`);
		expect(held && 'at' in held ? held.at : null).toBe(server?.at);
	});

	it('lets a branch secretary create activities only in the linked community', async () => {
		const draft = (communityId: string) =>
			activityWithKey(
				{
					type: 'ethnic-unity',
					title: '民族团结联谊活动',
					communityId,
					hostBranchId: 'br1',
					place: '社区广场',
					startsAt: '2026-12-05T02:00:00.000Z',
					endsAt: '2026-12-05T05:00:00.000Z',
					expected: 'branch',
					organisers: []
				},
				'secretary1',
				new Date()
			).activity;
		await expect(secretary.writeChecked('activities', draft('cm2'))).rejects.toThrow(
			'subject-mismatch'
		);
		await secretary.writeChecked('activities', draft('cm1'));
	});
});
