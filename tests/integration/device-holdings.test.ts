import { afterEach, describe, expect, it } from 'vitest';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import type { Activity, Attendance, Member, Org } from '../../src/lib/domain/registry';
import { attendanceId } from '../../src/lib/domain/registry';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { rechannelStore } from '../../src/lib/server/rechannel';
import { NOW, World } from '../support/world';

/**
 * What a device holds is bounded by what its user needs: activities reach the people they are
 * for, records of a closed year leave devices, and the office holds the roster, not the records.
 */
describe('what a device holds', () => {
	let world: World;
	afterEach(async () => {
		await world.close();
	});

	async function stored<T>(db: 'members' | 'directory', id: string): Promise<T> {
		const doc = await world.db(db).get(id);
		return { ...doc, id: doc._id } as unknown as T;
	}

	function activity(id: string, fields: Partial<Activity>): Activity {
		return withChannels('activities', {
			id,
			type: 'community',
			title: '活动',
			communityId: 'cm1',
			place: '社区广场',
			startsAt: NOW.toISOString(),
			endsAt: new Date(NOW.getTime() + 3_600_000).toISOString(),
			expected: 'signup',
			organisers: ['somebody'],
			publicKey: '0'.repeat(64),
			createdBy: 'somebody',
			updatedAt: NOW.toISOString(),
			channels: [],
			...fields
		});
	}

	/** Communities m001 does not report to, and a branch that is not theirs with its community. */
	async function elsewhere() {
		const member = await stored<Member>('members', 'm001');
		const own = await stored<Org>('directory', member.branchId);
		const theirs = [member.residenceCommunityId, own.linkedCommunityId];
		const rows = await world.db('directory').allDocs({ include_docs: true });
		const docs = rows.rows.map(
			(row) => ({ ...row.doc, id: row.id }) as unknown as Omit<Org, 'kind'> & { kind: string }
		);
		const other = docs.find(
			(d) => d.kind === 'branch' && d.id !== member.branchId && d.linkedCommunityId
		);
		const community = docs.find((d) => d.kind === 'community' && !theirs.includes(d.id));
		if (!other?.linkedCommunityId || !community) throw new Error('The demo lacks a second branch.');
		return { member, own, other, otherCommunity: community.id };
	}

	it('gives a member the activities of their branch and communities, not of other branches', async () => {
		world = await World.start(['member1']);
		const { member, own, other, otherCommunity } = await elsewhere();
		const mine = [
			activity('act-own-branch', {
				type: 'party-day',
				hostBranchId: member.branchId,
				communityId: own.linkedCommunityId ?? '',
				expected: 'branch'
			}),
			activity('act-residence', { communityId: member.residenceCommunityId ?? '' })
		];
		const notMine = [
			activity('act-other-branch', {
				type: 'party-day',
				hostBranchId: other.id,
				communityId: other.linkedCommunityId ?? '',
				expected: 'branch'
			}),
			activity('act-other-community', { communityId: otherCommunity })
		];
		await world.db('activities').bulkDocs([...mine, ...notMine].map(toStored));

		const device = await world.device('member1');
		await device.sync();
		const held = await device.ids('activities');
		expect(held).toEqual(expect.arrayContaining(mine.map((a) => a.id)));
		for (const a of notMine) expect(held).not.toContain(a.id);
		const all = await world.db('activities').allDocs();
		expect(held.length).toBeLessThan(all.rows.length);
	});

	it('takes away, on upgrade, the activities a phone held while they were public', async () => {
		world = await World.start(['member1']);
		const { other } = await elsewhere();
		// Written under the previous rules: every activity public.
		const before = {
			...activity('act-then-public', {
				type: 'party-day',
				hostBranchId: other.id,
				communityId: other.linkedCommunityId ?? '',
				expected: 'branch'
			}),
			channels: ['public']
		};
		await world.db('activities').put(toStored(before));
		const device = await world.device('member1');
		await device.sync();
		expect(await device.ids('activities')).toContain(before.id);

		const rules = await world.db('config').get('channel-rules');
		await world.db('config').remove(rules);
		expect(await rechannelStore(world.server.app.store)).toBe(1);
		await device.sync();
		expect(await device.ids('activities')).not.toContain(before.id);
	});

	it('lets records of a closed year leave the device, keeping this year and last', async () => {
		let now = NOW;
		world = await World.start(['member1'], { now: () => now });
		const { member } = await elsewhere();
		const record = (year: number): Attendance =>
			withChannels('attendance', {
				id: attendanceId(`act-${year}`, member.id, 'signup'),
				kind: 'signup',
				activityId: `act-${year}`,
				communityId: member.residenceCommunityId ?? '',
				memberId: member.id,
				memberName: member.name,
				branchId: member.branchId,
				orgId: member.orgId,
				at: `${year}-06-01T02:00:00.000Z`,
				recordedBy: 'member1',
				channels: []
			});
		const records = [record(2025), record(2026)];
		await world.db('attendance').bulkDocs(records.map(toStored));
		await world.server.app.summaries?.idle();

		const device = await world.device('member1');
		await device.sync();
		expect(await device.ids('attendance')).toEqual(
			expect.arrayContaining(records.map((r) => r.id))
		);

		// New year in Shanghai: 2025 closes.
		now = new Date('2026-12-31T16:00:00.000Z');
		await device.resume();
		await device.sync();
		const held = await device.ids('attendance');
		expect(held).not.toContain(records[0]?.id);
		expect(held).toContain(records[1]?.id);
		// The record stays on the server, and the member keeps the closed year's summary.
		await expect(world.db('attendance').get(records[0]?.id ?? '')).resolves.toBeTruthy();
		expect(await device.findOne('evaluations', `member-year.${member.id}.2025`)).toMatchObject({
			year: 2025,
			memberId: member.id
		});
	});

	it("gives the office the bureau's roster and no member's records", async () => {
		world = await World.start(['office1']);
		const device = await world.device('office1');
		await device.sync();
		expect(await device.ids('members')).not.toHaveLength(0);
		for (const collection of ['attendance', 'activities', 'contacts'] as const) {
			expect(await device.ids(collection), collection).toEqual([]);
		}
		// Of reports and their reviews, only the branches' own reports to their communities (R1).
		for (const collection of ['reports', 'reviews'] as const) {
			const ids = await device.ids(collection);
			expect(ids, collection).not.toHaveLength(0);
			expect(
				ids.filter((id) => !id.startsWith('br.')),
				collection
			).toEqual([]);
		}
	});
});
