import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import {
	cancelledClaim,
	newClaim,
	type Claimer
} from '../../src/lib/domain/marketplace/claim-drafts';
import { claimStandingId } from '../../src/lib/domain/marketplace/claim-standings';
import { claimId, itemClaimsPrefix } from '../../src/lib/domain/marketplace/claim-record';
import { itemTallyId } from '../../src/lib/domain/marketplace/item-tallies';
import { newItem } from '../../src/lib/domain/marketplace/item-drafts';
import { residentOf } from '../../src/lib/domain/marketplace/resident-drafts';
import { residentId, residentShareId } from '../../src/lib/domain/marketplace/residents';
import type { ItemKind, ServiceItem } from '../../src/lib/domain/marketplace/service-items';
import type { Member } from '../../src/lib/domain/registry';
import { plainOf } from '../../src/lib/server/stored-doc';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

const DAY = 24 * 60 * 60_000;
const MEMBERS = ['member1', 'member2', 'member3'] as const;

/** Every order of the three claimers' reconnecting. */
const ORDERS: (readonly number[])[] = [
	[0, 1, 2],
	[0, 2, 1],
	[1, 0, 2],
	[1, 2, 0],
	[2, 0, 1],
	[2, 1, 0]
];

/**
 * Issue 16: the places of an item go to the claims the server accepted first, whatever order the
 * devices made them in offline; the rest wait, and are told; a freed place goes to the first
 * waiting. A resident's contact reaches only the member holding a place.
 */
describe('places and the waiting list', () => {
	let world: World;
	let staff: TestDevice;
	let secretary: TestDevice;
	let other: TestDevice;
	let claimers: TestDevice[];
	const claimerOf = new Map<TestDevice, Claimer>();
	// The server's clock never gives two receipts the same time: the order of reconnecting is
	// the order of acceptance, which the test asserts.
	let last = 0;
	const now = () => new Date((last = Math.max(Date.now(), last + 1)));

	beforeAll(async () => {
		world = await World.start(['community1', 'secretary1', 'member4', ...MEMBERS], { now });
		staff = await world.device('community1');
		secretary = await world.device('secretary1');
		other = await world.device('member4');
		claimers = await Promise.all(MEMBERS.map((name) => world.device(name)));
		for (const device of claimers) {
			const memberId = device.session?.user.memberId ?? '';
			const member = plainOf<Member>(await world.db('members').get(memberId));
			claimerOf.set(device, {
				memberId: member.id,
				memberName: member.name,
				branchId: member.branchId,
				orgId: member.orgId
			});
		}
		await Promise.all([staff, secretary, other, ...claimers].map((device) => device.sync()));
	});
	afterAll(() => world.close());

	/** Community 1 publishes an item; every claimer's device has it. */
	async function publish(kind: ItemKind, places: number): Promise<ServiceItem> {
		const at = Date.now();
		// A project is claimed before it starts; a need from when it is published to its deadline.
		const startsAt = kind === 'need' ? at : at + 30 * DAY;
		const published = newItem(
			kind,
			{
				title: `${kind} ${places}`,
				description: '社区服务',
				skills: [],
				fields: [],
				places,
				startsAt: new Date(startsAt).toISOString(),
				endsAt: new Date(startsAt + DAY).toISOString()
			},
			{ communityId: 'cm1', createdBy: 'community1', now: new Date(at) }
		);
		await staff.writeChecked('activities', published);
		await staff.sync();
		await Promise.all(
			claimers.map(async (device) => {
				await device.sync();
				await device.waitFor('activities', { id: published.id });
			})
		);
		return published;
	}

	function claimOf(device: TestDevice, item: ServiceItem) {
		const claimer = claimerOf.get(device);
		if (!claimer) throw new Error('not a claimer');
		return withChannels('attendance', newClaim(item, claimer, new Date()));
	}

	async function standingOnServer(item: ServiceItem, device: TestDevice) {
		const id = claimStandingId({ id: claimId(item.id, claimerOf.get(device)?.memberId ?? '') });
		return world
			.db('attendance')
			.get(id)
			.catch(() => null);
	}

	async function claimOffline(item: ServiceItem, order: readonly number[]) {
		await Promise.all(claimers.map((device) => device.setOffline(true)));
		for (const device of claimers) await device.writeChecked('attendance', claimOf(device, item));
		for (const index of order) {
			const device = claimers[index]!;
			await device.setOffline(false);
			await device.sync();
		}
		await world.server.app.claims?.idle();
	}

	for (const order of ORDERS) {
		it(`gives two places to the first two to reconnect (${order.join('')}) and tells the third`, async () => {
			const item = await publish('project', 2);
			await claimOffline(item, order);
			const [first, second, third] = order.map((index) => claimers[index]!);
			expect(await standingOnServer(item, first!)).toMatchObject({ standing: 'holding' });
			expect(await standingOnServer(item, second!)).toMatchObject({ standing: 'holding' });
			expect(await standingOnServer(item, third!)).toMatchObject({
				standing: 'waiting',
				position: 1
			});
			expect(await world.db('activities').get(itemTallyId(item))).toMatchObject({
				tallies: [{ shift: 0, held: 2, waiting: 1 }]
			});

			const waiting = claimerOf.get(third!)!;
			await third!.sync();
			const [notice] = await third!.waitFor('notices', {
				kind: 'claim',
				docId: claimId(item.id, waiting.memberId)
			});
			expect(notice).toMatchObject({
				claimTopic: 'waiting',
				position: 1,
				memberId: waiting.memberId
			});
			await first!.sync();
			expect(await first!.find('notices', { kind: 'claim' })).toEqual(
				expect.not.arrayContaining([expect.objectContaining({ docId: notice?.docId })])
			);
		});
	}

	it('gives a freed place to the first waiting, and tells them', async () => {
		const item = await publish('project', 2);
		await claimOffline(item, [0, 1, 2]);
		const [holder, , waiting] = claimers;
		const claim = await holder!.findOne(
			'attendance',
			claimId(item.id, claimerOf.get(holder!)!.memberId)
		);
		await holder!.writeChecked('attendance', cancelledClaim(claim as never, new Date()));
		await holder!.sync();
		await world.server.app.claims?.idle();

		expect(await standingOnServer(item, holder!)).toMatchObject({ standing: 'released' });
		expect(await standingOnServer(item, waiting!)).toMatchObject({ standing: 'holding' });
		const memberId = claimerOf.get(waiting!)!.memberId;
		await waiting!.sync();
		const [promoted] = await waiting!.waitFor('notices', {
			kind: 'claim',
			claimTopic: 'promoted',
			docId: claimId(item.id, memberId)
		});
		expect(promoted?.memberId).toBe(memberId);
		await waiting!.waitFor('attendance', {
			kind: 'claim-standing',
			claimId: claimId(item.id, memberId),
			standing: 'holding'
		});
	});

	it('writes nothing again when an item is recomputed without a move', async () => {
		const item = await publish('project', 1);
		await claimOffline(item, [0, 1, 2]);
		const prefix = itemClaimsPrefix(item.id);
		const revisions = async () => [
			...(
				await world.db('attendance').allDocs({ startkey: prefix, endkey: `${prefix}\ufff0` })
			).rows.map((row) => `${row.id}@${row.value.rev}`),
			`tally@${(await world.db('activities').get(itemTallyId(item)))._rev}`
		];
		const before = await revisions();
		expect(before.filter((id) => id.includes('.standing@'))).toHaveLength(3);

		await staff.writeChecked('activities', {
			...item,
			title: `${item.title}（已更新）`,
			updatedAt: new Date().toISOString()
		});
		await staff.sync();
		await world.server.app.claims?.idle();
		expect(await revisions()).toEqual(before);
	});

	it('shares the resident’s contact with the member holding a place, and no one else', async () => {
		const item = await publish('need', 1);
		const resident = residentOf(
			item,
			{ name: '李阿姨', phone: '13800001111', address: '3号楼' },
			new Date()
		);
		await staff.writeChecked('contacts', resident);
		await staff.sync();
		await claimOffline(item, [0, 1, 2]);
		const [holder, waiting] = claimers;
		const shareOf = (device: TestDevice) =>
			residentShareId(claimId(item.id, claimerOf.get(device)!.memberId));

		await holder!.sync();
		const [share] = await holder!.waitFor('contacts', { id: shareOf(holder!) });
		expect(share).toMatchObject({ name: '李阿姨', phone: '13800001111', address: '3号楼' });

		const ids = [residentId(item.id), ...claimers.map(shareOf)];
		for (const device of [waiting!, claimers[2]!, other, secretary]) {
			await device.sync();
			for (const id of ids) expect(await device.findOne('contacts', id)).toBeNull();
			const answer = await device.request(
				`/sync/contacts/_all_docs?keys=${encodeURIComponent(JSON.stringify(ids))}&include_docs=true`
			);
			expect(answer.status).toBe(200);
			const rows = (answer.body as { rows: { doc?: unknown }[] }).rows;
			expect(rows.filter((row) => row.doc)).toEqual([]);
		}

		// The holder cancels: the contact leaves their device and goes to the one now holding.
		const claim = await holder!.findOne(
			'attendance',
			claimId(item.id, claimerOf.get(holder!)!.memberId)
		);
		await holder!.writeChecked('attendance', cancelledClaim(claim as never, new Date()));
		await holder!.sync();
		await world.server.app.claims?.idle();
		await holder!.sync();
		expect(await holder!.findOne('contacts', shareOf(holder!))).toBeNull();
		await waiting!.sync();
		const [moved] = await waiting!.waitFor('contacts', { id: shareOf(waiting!) });
		expect(moved).toMatchObject({ name: '李阿姨' });
	});
});
