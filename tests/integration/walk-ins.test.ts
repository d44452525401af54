import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../src/lib/domain/registry';
import { activityWithKey } from '../../src/lib/domain/events/event-drafts';
import { walkInRecord } from '../../src/lib/domain/events/walk-ins';
import { attendanceList } from '../../src/lib/domain/events/service-hours';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

const MINUTE = 60_000;

/**
 * Issue 13, item 4: someone on no list the organiser's device holds, checked in by name while
 * offline. The note reaches the other organisers, not the members, and counts for nobody.
 */
describe('a walk-in checked in by name', () => {
	let world: World;
	let staff: TestDevice;
	let secretary: TestDevice;
	let member: TestDevice;
	let activity: Activity;

	beforeAll(async () => {
		world = await World.start(['community1', 'secretary1', 'member1']);
		[staff, secretary, member] = await Promise.all([
			world.device('community1'),
			world.device('secretary1'),
			world.device('member1')
		]);
		await Promise.all([staff.sync(), secretary.sync(), member.sync()]);
		const now = new Date();
		const made = activityWithKey(
			{
				type: 'party-day',
				title: '主题党日',
				communityId: 'cm1',
				hostBranchId: 'br1',
				place: '社区党群服务中心',
				startsAt: new Date(now.getTime() - 30 * MINUTE).toISOString(),
				endsAt: new Date(now.getTime() + 60 * MINUTE).toISOString(),
				expected: 'branch',
				organisers: ['community1', 'secretary1']
			},
			'community1',
			now
		);
		activity = made.activity;
		await staff.writeChecked('activities', activity);
		await staff.writeChecked('credentials', made.credential);
		await staff.sync();
		await Promise.all([secretary.sync(), member.sync()]);
	});
	afterAll(() => world.close());

	it('is recorded offline, reaches the other organisers, and no member', async () => {
		await staff.setOffline(true);
		const note = walkInRecord({
			activity,
			name: '王小明',
			reason: '其他单位党员，手机没电',
			recordedBy: 'community1',
			at: new Date()
		});
		await staff.writeChecked('attendance', note);
		await staff.setOffline(false);
		await staff.sync();

		expect(await world.db('attendance').get(note.id)).toMatchObject({
			kind: 'walk-in',
			name: '王小明'
		});
		await secretary.sync();
		const held = await secretary.waitFor('attendance', { kind: 'walk-in' });
		expect(held.map((doc) => doc.id)).toEqual([note.id]);
		// It names nobody in the registry: no row of the list, no one's minutes.
		const docs = await secretary.find('attendance', { activityId: activity.id });
		expect(attendanceList(activity, docs, [])).toEqual([]);

		await member.sync();
		expect(await member.find('attendance', { kind: 'walk-in' })).toEqual([]);
	});

	it('is refused from someone who does not organise the activity', async () => {
		const forged = walkInRecord({
			activity,
			name: '李四',
			reason: '代登记',
			recordedBy: 'member1',
			at: new Date()
		});
		await expect(member.writeChecked('attendance', forged)).rejects.toMatchObject({
			reason: 'forbidden'
		});
	});

	describe('found by full mobile through the server', () => {
		const lookUp = (device: TestDevice, body: object) =>
			device.request('/api/member-lookup', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		const phoneOf = async (memberId: string) =>
			((await world.db('contacts').get(memberId)) as unknown as { phone: string }).phone;

		it('answers an organiser with the person a check-in records, never the number', async () => {
			const phone = await phoneOf('m005');
			const spaced = `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
			const answer = await lookUp(staff, { activityId: activity.id, mobile: spaced });
			const member = (await world.db('members').get('m005')) as unknown as { name: string };
			expect(answer).toEqual({
				status: 200,
				body: {
					person: { memberId: 'm005', memberName: member.name, branchId: 'br1', orgId: 'org-zjj' }
				}
			});
		});

		it('answers everything else alike, and a malformed number as such', async () => {
			const phone = await phoneOf('m005');
			const notFound = {
				status: 404,
				body: expect.objectContaining({ error: 'not_found' }) as unknown
			};
			expect(await lookUp(staff, { activityId: activity.id, mobile: '13800000000' })).toEqual(
				notFound
			);
			// Not an organiser of it, or no such activity: the same answer as no such member.
			expect(await lookUp(member, { activityId: activity.id, mobile: phone })).toEqual(notFound);
			expect(await lookUp(staff, { activityId: 'act-none', mobile: phone })).toEqual(notFound);
			expect(await lookUp(staff, { activityId: activity.id, mobile: '12345' })).toMatchObject({
				status: 400,
				body: { error: 'invalid_mobile' }
			});
		});

		it('follows a member who changes their number', async () => {
			const contacts = world.db('contacts');
			const before = await contacts.get('m006');
			const old = (before as unknown as { phone: string }).phone;
			await contacts.put({ ...before, phone: '13912345678' });
			await expect
				.poll(
					async () =>
						(await lookUp(staff, { activityId: activity.id, mobile: '13912345678' })).status
				)
				.toBe(200);
			expect((await lookUp(staff, { activityId: activity.id, mobile: old })).status).toBe(404);
		});

		it("finds members only: a resident's number, kept beside the contacts, finds no one", async () => {
			const contacts = world.db('contacts');
			const phone = await phoneOf('m005');
			expect((await lookUp(staff, { activityId: activity.id, mobile: phone })).status).toBe(200);
			// A resident of a micro-wish with a member's number, stored after the index was built.
			await contacts.put({
				_id: 'it-wish9.resident',
				kind: 'resident',
				itemId: 'it-wish9',
				communityId: 'cm1',
				name: '李奶奶',
				phone,
				updatedAt: new Date().toISOString(),
				channels: ['community:cm1']
			});
			// Changes are read in order: once a later one is seen, the resident's was read too.
			const before = await contacts.get('m007');
			await contacts.put({ ...before, phone: '13912340007' });
			await expect
				.poll(
					async () =>
						(await lookUp(staff, { activityId: activity.id, mobile: '13912340007' })).status
				)
				.toBe(200);
			expect(await lookUp(staff, { activityId: activity.id, mobile: phone })).toMatchObject({
				status: 200,
				body: { person: { memberId: 'm005' } }
			});
			// A service item kept beside the activities is no activity to check anyone in at.
			await world.db('activities').put({
				_id: 'it-wish9',
				kind: 'micro-wish',
				communityId: 'cm1',
				createdBy: 'community1',
				channels: ['community:cm1/2026']
			});
			expect(await lookUp(staff, { activityId: 'it-wish9', mobile: phone })).toMatchObject({
				status: 404
			});
		});

		it('gives each caller a small budget of lookups', async () => {
			const answers = [];
			for (let i = 0; i < 25; i++) {
				answers.push(await lookUp(secretary, { activityId: activity.id, mobile: '13800000000' }));
			}
			expect(answers.slice(0, 20).every((a) => a.status === 404)).toBe(true);
			expect(answers.at(-1)).toMatchObject({ status: 429, body: { error: 'too_many_requests' } });
		});
	});
});
