import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import { activityCodeFor, codeWindowAt } from '../../src/lib/domain/codes/activity-code';
import { newKeyPair } from '../../src/lib/domain/codes/ed25519-signing';
import { attendanceRecord } from '../../src/lib/domain/events/event-drafts';
import type { Activity } from '../../src/lib/domain/registry';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { NOW, World } from '../support/world';

/**
 * A member who walks into an activity their device does not hold (another community's) scans
 * its code; the server, shown a genuine current code, tells them the activity, and the check-in
 * then goes through like any other.
 */
describe('looking up the activity of a scanned code', () => {
	let world: World;
	const keys = newKeyPair();
	const activity: Activity = withChannels('activities', {
		id: 'act-walk-in',
		type: 'community',
		title: '别处社区的活动',
		communityId: 'cm-elsewhere',
		place: '广场',
		startsAt: new Date(NOW.getTime() - 3_600_000).toISOString(),
		endsAt: new Date(NOW.getTime() + 3_600_000).toISOString(),
		expected: 'signup',
		organisers: ['somebody'],
		publicKey: keys.publicKey,
		createdBy: 'somebody',
		updatedAt: NOW.toISOString(),
		channels: []
	});
	const code = (at: Date) => activityCodeFor(activity.id, codeWindowAt(at), keys.secretKey);

	beforeEach(async () => {
		world = await World.start(['member1', 'community1'], { now: () => NOW });
		await world.db('activities').put(toStored(activity));
	});
	afterEach(async () => {
		await world.close();
	});

	const lookUp = (device: Awaited<ReturnType<World['device']>>, body: unknown) =>
		device.request('/api/activity-lookup', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});

	it('answers a member showing a current code with the activity, which the check-in then cites', async () => {
		const device = await world.device('member1');
		await device.sync();
		expect(await device.ids('activities')).not.toContain(activity.id);

		const answer = await lookUp(device, { code: code(NOW) });
		expect(answer.status).toBe(200);
		expect((answer.body as { activity: Activity }).activity).toEqual(activity);

		const record = attendanceRecord({
			activity,
			attendee: { memberId: 'm001', name: '买买提江·司马义', branchId: 'br1', orgId: 'org-zjj' },
			kind: 'in',
			recordedBy: 'member1',
			at: NOW,
			method: 'code',
			proof: code(NOW)
		});
		await device.insert('attendance', record);
		await device.sync();
		await expect(world.db('attendance').get(record.id)).resolves.toMatchObject({
			memberId: 'm001'
		});
	});

	it('answers a stale, forged or unknown code exactly like a missing activity', async () => {
		const device = await world.device('member1');
		const stale = code(new Date(NOW.getTime() - 3_600_000));
		const forged = activityCodeFor(activity.id, codeWindowAt(NOW), newKeyPair().secretKey);
		const unknown = activityCodeFor('act-nowhere', codeWindowAt(NOW), keys.secretKey);
		const answers = await Promise.all(
			[{ code: stale }, { code: forged }, { code: unknown }, { code: 'nonsense' }, {}].map((body) =>
				lookUp(device, body)
			)
		);
		for (const answer of answers) {
			expect(answer.status).toBe(404);
			expect(answer.body).toEqual(answers[0]?.body);
		}
	});

	it('refuses a forged check-in at a hidden activity exactly as one at no activity', async () => {
		const device = await world.device('member1');
		await device.sync();
		const forged = activityCodeFor(activity.id, codeWindowAt(NOW), newKeyPair().secretKey);
		const attendee = {
			memberId: 'm001',
			name: '买买提江·司马义',
			branchId: 'br1',
			orgId: 'org-zjj'
		};
		const checkIn = (target: Activity) =>
			attendanceRecord({
				activity: target,
				attendee,
				kind: 'in',
				recordedBy: 'member1',
				at: NOW,
				method: 'code',
				proof: forged
			});
		const hidden = checkIn(activity);
		const missing = checkIn({ ...activity, id: 'act-nowhere' });
		await device.insert('attendance', hidden);
		await device.insert('attendance', missing);
		await device.sync();
		const reasons = async (id: string) =>
			(await device.waitFor('notices', { docId: id })).map((n) => [n.reason, n.detail]);
		const refused = await reasons(hidden.id);
		expect(refused).toHaveLength(1);
		expect(refused).toEqual(await reasons(missing.id));
	});

	it('refuses a post from a page of another origin', async () => {
		const device = await world.device('member1');
		const answer = await device.request('/api/activity-lookup', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
			body: JSON.stringify({ code: code(NOW) })
		});
		expect(answer.status).toBe(403);
	});

	it('tells nothing to a caller who is not a member, nor to one signed out', async () => {
		const staff = await world.device('community1');
		expect((await lookUp(staff, { code: code(NOW) })).status).toBe(404);
		const response = await fetch(`${world.url}/api/activity-lookup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ code: code(NOW) })
		});
		expect(response.status).toBe(401);
	});
});
