import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import { shanghaiYear } from '../../src/lib/domain/calendar/shanghai-calendar';
import type { LedgerPair, LedgerSide } from '../../src/lib/domain/ledger/ledger-pair';
import { decisionItemId, listItemId, type ListItem } from '../../src/lib/domain/ledger/list-items';
import { minutesId, type Minutes } from '../../src/lib/domain/ledger/minutes';
import type { Org } from '../../src/lib/domain/registry';
import { plainOf } from '../../src/lib/server/stored-doc';
import type { TestDevice } from '../support/test-device';
import { World } from '../support/world';

/**
 * Issue 18's rules through the real gateway: each side of a branch–community pair writes its own
 * ledger items, a secretary cannot write another branch's, the office reads its whole bureau, and
 * a member of the branch holds none of it. A meeting's minutes and the items of its decisions,
 * written offline in one action, are accepted in one push.
 */
describe('the ledger through the gateway', () => {
	let world: World;
	let tablet: TestDevice;
	let staff: TestDevice;
	let office: TestDevice;
	let phone: TestDevice;
	let otherSecretary: TestDevice;
	let pair: LedgerPair;
	let otherPair: LedgerPair;
	const year = shanghaiYear(new Date());
	const at = () => new Date().toISOString();

	function item(
		id: string,
		of: LedgerPair,
		by: string,
		side: LedgerSide,
		fields: Partial<ListItem> = {}
	): ListItem {
		const now = at();
		return withChannels('ledger', {
			id,
			kind: 'list-item',
			...of,
			year,
			list: 'needs',
			title: '楼道照明维修',
			tags: ['repair'],
			owner: '王芳',
			dueOn: `${year}-12-20`,
			state: 'planned',
			goodDeed: false,
			evidence: [],
			serviceItemIds: [],
			recordIds: [],
			side,
			trail: [{ at: now, by, change: 'created' }],
			by,
			updatedAt: now,
			channels: [],
			...fields
		});
	}

	async function pairOf(branchId: string): Promise<LedgerPair> {
		const branch = plainOf<Org>(await world.db('directory').get(branchId));
		return {
			branchId,
			communityId: branch.linkedCommunityId ?? '',
			orgId: branch.parentId ?? ''
		};
	}

	async function refusalOf(device: TestDevice, docId: string) {
		const notices = await world.db('notices').allDocs({ include_docs: true });
		const notice = notices.rows.find(
			(row) => row.doc?.['docId'] === docId && row.doc['recipient'] === device.username
		)?.doc;
		return { reason: notice?.['reason'], detail: notice?.['detail'] };
	}

	beforeAll(async () => {
		world = await World.start(['secretary1', 'community1', 'office1', 'member2', 'member21']);
		pair = await pairOf('br1');
		otherPair = await pairOf('br2');
		// The demo links branch 1 to community 1, whose staff account is community1.
		expect(pair.communityId).toBe('cm1');
		tablet = await world.device('secretary1');
		staff = await world.device('community1');
		office = await world.device('office1');
		phone = await world.device('member2');
		otherSecretary = await world.device('member21');
	});
	afterAll(() => world.close());

	it("lets the secretary write her own pair's items, and refuses another branch's", async () => {
		const own = item(listItemId('br1', year, 'it1'), pair, 'secretary1', 'branch');
		await tablet.writeChecked('ledger', own);
		await tablet.sync();
		expect(plainOf<ListItem>(await world.db('ledger').get(own.id))).toEqual(own);

		// Another branch's ledger: her device refuses it, and so does the gateway when pushed anyway.
		const theirs = item(listItemId('br2', year, 'it1'), otherPair, 'secretary1', 'branch');
		await expect(tablet.writeChecked('ledger', theirs)).rejects.toMatchObject({
			reason: 'forbidden'
		});
		await tablet.insert('ledger', theirs);
		await tablet.sync();
		await expect(world.db('ledger').get(theirs.id)).rejects.toMatchObject({ status: 404 });
		expect(await refusalOf(tablet, theirs.id)).toMatchObject({ reason: 'forbidden' });
	});

	it('refuses at the gateway an item without an owner', async () => {
		const ownerless: Partial<ListItem> = item(
			listItemId('br1', year, 'it2'),
			pair,
			'secretary1',
			'branch'
		);
		delete ownerless.owner;
		await tablet.insert('ledger', ownerless as ListItem);
		await tablet.sync();
		await expect(world.db('ledger').get(listItemId('br1', year, 'it2'))).rejects.toMatchObject({
			status: 404
		});
		expect(await refusalOf(tablet, listItemId('br1', year, 'it2'))).toMatchObject({
			reason: 'invalid'
		});
	});

	it("lets the community's staff write a community-side item, and not the branch's", async () => {
		const theirs = item(listItemId('br1', year, 'cm1'), pair, 'community1', 'community', {
			list: 'resources',
			resourceType: 'venues',
			title: '社区活动室'
		});
		await staff.writeChecked('ledger', theirs);
		await staff.sync();
		expect(plainOf<ListItem>(await world.db('ledger').get(theirs.id))).toEqual(theirs);

		const [branchItem] = await staff.waitFor('ledger', { id: listItemId('br1', year, 'it1') });
		const edited = {
			...(branchItem as ListItem),
			title: '改写',
			by: 'community1',
			updatedAt: at()
		};
		await expect(staff.writeChecked('ledger', edited)).rejects.toMatchObject({
			reason: 'forbidden'
		});
	});

	it("refuses another branch's secretary writing this pair's ledger", async () => {
		const intruding = item(listItemId('br1', year, 'x1'), pair, 'member21', 'branch');
		await otherSecretary.insert('ledger', intruding);
		await otherSecretary.sync();
		await expect(world.db('ledger').get(intruding.id)).rejects.toMatchObject({ status: 404 });
		expect(await refusalOf(otherSecretary, intruding.id)).toMatchObject({ reason: 'forbidden' });
	});

	it('accepts minutes and the items of their decisions written offline in one action', async () => {
		await tablet.setOffline(true);
		const now = at();
		const minutes: Minutes = withChannels('ledger', {
			id: minutesId('act-joint-x'),
			kind: 'minutes',
			...pair,
			activityId: 'act-joint-x',
			year,
			heldOn: `${year}-11-01`,
			agenda: '研究冬季服务安排',
			invitedUnits: ['社区物业服务中心'],
			attendees: [{ name: '马丽', unit: '社区党组织' }],
			decisions: [
				{ text: '完成楼道照明排查', owner: '王芳', dueOn: `${year}-12-20`, list: 'needs' }
			],
			side: 'branch',
			by: 'secretary1',
			updatedAt: now,
			channels: []
		});
		const decided = item(decisionItemId(minutes.id, 1), pair, 'secretary1', 'branch', {
			title: '完成楼道照明排查',
			fromMinutes: { minutesId: minutes.id, decision: 1 }
		});
		await tablet.writeAllChecked('ledger', [
			{ next: minutes, subject: null },
			{ next: decided, subject: null }
		]);
		await tablet.setOffline(false);
		await tablet.sync();
		expect(plainOf<Minutes>(await world.db('ledger').get(minutes.id))).toEqual(minutes);
		expect(plainOf<ListItem>(await world.db('ledger').get(decided.id))).toEqual(decided);
	});

	it('lets the office read all of its bureau, and a member of the branch none of it', async () => {
		await office.sync();
		const held = await office.ids('ledger');
		expect(held).toEqual(
			expect.arrayContaining([
				listItemId('br1', year, 'it1'),
				listItemId('br1', year, 'cm1'),
				minutesId('act-joint-x')
			])
		);
		// Every branch of the bureau: the demo's ledger of the other branches reaches the office too.
		const branches = new Set(
			(await office.find('ledger')).map((doc) => (doc as { branchId: string }).branchId)
		);
		expect([...branches].sort()).toEqual(['br1', 'br2', 'br3', 'br4', 'br5', 'br6']);

		await phone.sync();
		expect(await phone.ids('ledger')).toEqual([]);
	});
});
