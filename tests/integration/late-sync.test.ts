import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityCodeFor, codeWindowAt } from '../../src/lib/domain/codes/activity-code';
import type { Activity, AttendanceDoc, LateSync, Member } from '../../src/lib/domain/registry';
import {
	activityWithKey,
	attendanceRecord,
	type Attendee
} from '../../src/lib/domain/events/event-drafts';
import { LATE_SYNC_FLAG_MS } from '../../src/lib/domain/events/late-sync';
import { newKeyPair } from '../../src/lib/domain/codes/ed25519-signing';
import { attendanceList } from '../../src/lib/domain/events/service-hours';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

const MINUTE = 60_000;

/**
 * Issue 12, item 10a: a member's phone decides the time of its own code check-in, so a photo of an
 * older code passes with a back-dated time. The gateway keeps such a check-in (an honest offline
 * scan looks the same) and notes that it arrived late; the organisers' list flags it 需核实.
 */
describe('a self-scan that reaches the server late', () => {
	let world: World;
	let staff: TestDevice;
	let late: TestDevice;
	let prompt: TestDevice;
	let activity: Activity;
	let secretKey: string;

	async function attendee(memberId: string): Promise<Attendee> {
		const member = (await world.db('members').get(memberId)) as unknown as Member;
		return { memberId, name: member.name, branchId: member.branchId, orgId: member.orgId };
	}

	/** What the member's phone records after scanning the code shown at `at`. */
	async function codeCheckIn(device: TestDevice, memberId: string, at: Date) {
		const proof = activityCodeFor(activity.id, codeWindowAt(at), secretKey);
		await device.writeChecked(
			'attendance',
			attendanceRecord({
				activity,
				attendee: await attendee(memberId),
				kind: 'in',
				recordedBy: device.username,
				at,
				method: 'code',
				proof
			})
		);
		await device.sync();
	}

	async function storedNotes(): Promise<AttendanceDoc[]> {
		const all = await world.db('attendance').allDocs({ include_docs: true });
		return all.rows
			.map((row) => ({ ...(row.doc as unknown as AttendanceDoc), id: row.id }))
			.filter((doc) => doc.kind === 'late-sync' && doc.activityId === activity.id);
	}

	beforeAll(async () => {
		world = await World.start(['community1', 'member1', 'member2']);
		[staff, late, prompt] = await Promise.all([
			world.device('community1'),
			world.device('member1'),
			world.device('member2')
		]);
		await Promise.all([staff.sync(), late.sync(), prompt.sync()]);
		const now = new Date();
		const made = activityWithKey(
			{
				type: 'volunteer',
				title: '社区环境整治',
				communityId: 'cm1',
				hostBranchId: 'br1',
				place: '社区广场',
				startsAt: new Date(now.getTime() - 60 * MINUTE).toISOString(),
				endsAt: new Date(now.getTime() + 60 * MINUTE).toISOString(),
				expected: 'branch',
				organisers: ['community1']
			},
			'community1',
			now
		);
		activity = made.activity;
		secretKey = made.credential.secretKey ?? '';
		await staff.writeChecked('activities', activity);
		await staff.writeChecked('credentials', made.credential);
		await staff.sync();
		await Promise.all([late.sync(), prompt.sync()]);
	});
	afterAll(() => world.close());

	it('keeps a back-dated code check-in and flags it for the organisers, not a prompt one', async () => {
		// A 25-minute-old photo of the code, with the phone's clock set back to match it.
		await codeCheckIn(late, 'm001', new Date(Date.now() - 25 * MINUTE));
		await codeCheckIn(prompt, 'm002', new Date());

		const stored = await world.db('attendance').get(`${activity.id}.m001.in`);
		expect(stored).toMatchObject({ method: 'code', recordedBy: 'member1' });
		const notes = await storedNotes();
		expect(notes).toHaveLength(1);
		const [note] = notes;
		expect(note).toMatchObject({ kind: 'late-sync', of: 'in', memberId: 'm001', at: stored.at });
		expect(note?.channels).toEqual(stored['channels']);
		if (note?.kind !== 'late-sync') throw new Error('no note');
		expect(Date.parse(note.receivedAt) - Date.parse(note.at)).toBeGreaterThan(LATE_SYNC_FLAG_MS);

		// The organiser's device receives the note with the records and flags that one row only.
		await staff.sync();
		const held = await staff.waitFor('attendance', { activityId: activity.id, kind: 'late-sync' });
		const docs = await staff.find('attendance', { activityId: activity.id });
		const rows = attendanceList(activity, docs, []);
		expect(held).toHaveLength(1);
		expect(rows.find((row) => row.memberId === 'm001')).toMatchObject({
			status: 'flagged',
			flags: expect.arrayContaining(['late-sync']) as unknown
		});
		expect(rows.find((row) => row.memberId === 'm002')?.flags).not.toContain('late-sync');
		// The member sees it too: their own check-in waits to be confirmed.
		await late.sync();
		await late.waitFor('attendance', { kind: 'late-sync', memberId: 'm001' });
	});

	it('notes nothing of a late self-scan the gateway refuses', async () => {
		// A photo of an old code signed with another key: refused, so no note either.
		const at = new Date(Date.now() - 20 * MINUTE);
		const forged = attendanceRecord({
			activity,
			attendee: await attendee('m002'),
			kind: 'out',
			recordedBy: 'member2',
			at,
			method: 'code',
			proof: activityCodeFor(activity.id, codeWindowAt(at), newKeyPair().secretKey)
		});
		await prompt.insert('attendance', forged);
		await prompt.sync();
		await prompt.waitFor('notices', { docId: forged.id });
		const stored = await world.db('attendance').allDocs({
			startkey: forged.id,
			endkey: `${forged.id}\ufff0`
		});
		expect(stored.rows).toEqual([]);
	});

	it('refuses a device that writes a note itself', async () => {
		const forged: LateSync = {
			id: `${activity.id}.m002.in.late.1`,
			kind: 'late-sync',
			of: 'in',
			activityId: activity.id,
			communityId: activity.communityId,
			memberId: 'm002',
			branchId: 'br1',
			orgId: 'bureau1',
			at: new Date().toISOString(),
			receivedAt: new Date().toISOString(),
			channels: []
		};
		await expect(prompt.writeChecked('attendance', forged)).rejects.toMatchObject({
			reason: 'server-owned'
		});
	});
});
