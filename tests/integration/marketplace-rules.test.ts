import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAITLIST_MAX } from '../../src/lib/domain/marketplace/item-tallies';
import { claimChannels, claimYear } from '../../src/lib/domain/marketplace/claim-channels';
import { claimDecisionId } from '../../src/lib/domain/marketplace/claim-decisions';
import { claimId, type Claim } from '../../src/lib/domain/marketplace/claim-record';
import { itemTallyOf, type ItemTally } from '../../src/lib/domain/marketplace/item-tallies';
import { claimReceiptOf } from '../../src/lib/domain/marketplace/claim-receipts';
import { itemChannels, type ServiceItem } from '../../src/lib/domain/marketplace/service-items';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { HttpClient } from '../support/http-client';
import { NOW, World } from '../support/world';

type Row = { id?: string; error?: string; ok?: boolean };

const DAY = 86_400_000;

function item(id: string, overrides: Partial<ServiceItem> = {}): ServiceItem {
	const made: ServiceItem = {
		id,
		kind: 'project',
		communityId: 'cm1',
		title: '楼道清扫',
		description: '清扫楼道',
		skills: [],
		fields: [],
		startsAt: new Date(NOW.getTime() + DAY).toISOString(),
		endsAt: new Date(NOW.getTime() + DAY + 7_200_000).toISOString(),
		places: 1,
		state: 'open',
		createdBy: 'community1',
		createdAt: NOW.toISOString(),
		updatedAt: NOW.toISOString(),
		channels: [],
		...overrides
	};
	return { ...made, channels: itemChannels(made) };
}

/**
 * Issue 16's bad input at the gateway: each refused with its rule named for the device, and
 * nothing else in the batch affected.
 */
describe('the marketplace rules at the gateway', () => {
	let world: World;
	let member: HttpClient;
	let staff: HttpClient;
	let profile: { branchId: string; orgId: string; name: string };
	const open = item('it-open');
	const closed = item('it-closed', { state: 'closed' });
	const full = item('it-full');

	beforeAll(async () => {
		world = await World.start(['member1', 'community1'], { now: () => NOW });
		await world.db('activities').bulkDocs([toStored(open), toStored(closed), toStored(full)]);
		profile = (await world.db('members').get('m001')) as unknown as typeof profile;
		// Others took the one place and the whole waiting list; the worker counts them.
		const others = Array.from({ length: 1 + WAITLIST_MAX }, (_, i) =>
			claimOf(full, { id: claimId(full.id, `m${102 + i}`), memberId: `m${102 + i}` })
		);
		await world
			.db('attendance')
			.bulkDocs(others.flatMap((claim) => [toStored(claim), toStored(claimReceiptOf(claim, NOW))]));
		member = new HttpClient(world.url);
		staff = new HttpClient(world.url);
		expect((await member.signIn('member1')).status).toBe(200);
		expect((await staff.signIn('community1')).status).toBe(200);
	});
	afterAll(() => world.close());

	function claimOf(of: ServiceItem, overrides: Partial<Claim> = {}): Claim {
		const claim: Claim = {
			id: claimId(of.id, 'm001'),
			kind: 'claim',
			itemId: of.id,
			itemKind: of.kind,
			communityId: of.communityId,
			memberId: 'm001',
			memberName: profile.name,
			branchId: profile.branchId,
			orgId: profile.orgId,
			claimedAt: NOW.toISOString(),
			state: 'claimed',
			updatedAt: NOW.toISOString(),
			channels: [],
			...overrides
		};
		return { ...claim, channels: claimChannels(claim) };
	}

	async function push(client: HttpClient, collection: string, docs: object[]) {
		const answer = await client.json<Row[]>(`/sync/${collection}/_bulk_docs`, {
			method: 'POST',
			json: { docs }
		});
		return answer.body;
	}

	async function refusal(docId: string, recipient: string) {
		const notices = await world.db('notices').allDocs({ include_docs: true });
		const notice = notices.rows.find(
			(row) => row.doc?.['docId'] === docId && row.doc['recipient'] === recipient
		)?.doc;
		return notice ? { reason: notice['reason'], detail: notice['detail'] } : null;
	}

	it('refuses a claim of a closed or full item and takes the other in the same batch', async () => {
		await expect
			.poll(async () => {
				const tally = await world
					.db('activities')
					.get(itemTallyOf(full, [], NOW).id)
					.catch(() => null);
				return (tally as unknown as ItemTally | null)?.tallies;
			})
			.toEqual([{ shift: 0, held: 1, waiting: WAITLIST_MAX }]);
		const rows = await push(
			member,
			'attendance',
			[claimOf(closed), claimOf(open), claimOf(full)].map(toStored)
		);
		expect(rows.map((row) => row.ok === true)).toEqual([false, true, false]);
		expect(await refusal(claimId(closed.id, 'm001'), 'member1')).toEqual({
			reason: 'forbidden',
			detail: 'item-closed'
		});
		expect(await refusal(claimId(full.id, 'm001'), 'member1')).toEqual({
			reason: 'forbidden',
			detail: 'full'
		});
		// The server noted when it accepted the one it took: that order gives the places.
		const receipt = await world.db('attendance').get(`${claimId(open.id, 'm001')}.receipt`);
		expect(receipt['receivedAt']).toBe(NOW.toISOString());
		await expect(
			world.db('attendance').get(`${claimId(closed.id, 'm001')}.receipt`)
		).rejects.toMatchObject({ status: 404 });
	});

	it('refuses a second claim of the same item, made on another device', async () => {
		const stored = await world.db('attendance').get(claimId(open.id, 'm001'));
		const again = claimOf(open, { claimedAt: new Date(NOW.getTime() + 60_000).toISOString() });
		const [row] = await push(member, 'attendance', [{ ...toStored(again), _rev: stored._rev }]);
		expect(row?.ok).not.toBe(true);
		expect(await refusal(again.id, 'member1')).toEqual({
			reason: 'forbidden',
			detail: 'already-claimed'
		});
	});

	it('refuses marking done before the item starts', async () => {
		const stored = await world.db('attendance').get(claimId(open.id, 'm001'));
		const done = claimOf(open, {
			state: 'done',
			done: { at: NOW.toISOString(), minutes: 60, note: '已完成', photos: [] }
		});
		const [row] = await push(member, 'attendance', [{ ...toStored(done), _rev: stored._rev }]);
		expect(row?.ok).not.toBe(true);
		expect(await refusal(done.id, 'member1')).toEqual({
			reason: 'forbidden',
			detail: 'not-started'
		});
	});

	it("takes the community's confirmation of a claim marked done", async () => {
		// The stored claim the gateway reads has `_id`, not `id`: the decision's policy must not
		// lean on the subject's `id` (it once refused every decision as subject-mismatch).
		const started = item('it-started', { startsAt: new Date(NOW.getTime() - DAY).toISOString() });
		const doneAt = new Date(NOW.getTime() - 3_600_000).toISOString();
		const marked = claimOf(started, {
			claimedAt: new Date(NOW.getTime() - 2 * DAY).toISOString(),
			state: 'done',
			done: { at: doneAt, minutes: 90, note: '已完成', photos: [] }
		});
		await world.db('activities').bulkDocs([toStored(started)]);
		await world.db('attendance').bulkDocs([toStored(marked)]);
		const decision = {
			id: claimDecisionId(marked, doneAt),
			kind: 'claim-decision',
			claimId: marked.id,
			itemId: marked.itemId,
			memberId: marked.memberId,
			communityId: marked.communityId,
			branchId: marked.branchId,
			year: claimYear(marked),
			doneAt,
			decision: 'confirmed',
			decidedBy: 'community1',
			decidedAt: NOW.toISOString(),
			channels: claimChannels(marked)
		};
		const [row] = await push(staff, 'attendance', [toStored(decision)]);
		expect(row).toMatchObject({ id: decision.id, ok: true });
	});

	it('never lets an item be deleted, nor a tally be written from a device', async () => {
		const stored = await world.db('activities').get(open.id);
		const [deleting] = await push(staff, 'activities', [
			{ ...toStored(open), _rev: stored._rev, _deleted: true }
		]);
		expect(deleting?.ok).not.toBe(true);
		expect(await refusal(open.id, 'community1')).toEqual({
			reason: 'append-only',
			detail: 'cancel instead'
		});
		const tally = itemTallyOf(open, [{ shift: 0, held: 0, waiting: 0 }], NOW);
		const [forged] = await push(staff, 'activities', [toStored(tally)]);
		expect(forged?.ok).not.toBe(true);
		expect((await world.db('activities').get(open.id))._deleted).toBeUndefined();
	});
});
