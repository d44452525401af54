import { describe, expect, it } from 'vitest';
import { office, otherStaff, owner, secretary, staff } from '../../../test-data/test-actors';
import {
	FILE,
	item,
	meetingMinutes,
	pushLedger,
	relatedDocs
} from '../../../test-data/ledger-fixtures';
import type { Actor } from '../access/roles';
import { kindOf } from '../registry';
import { decisionItemId, listItemId, listItems, type ListItem } from './list-items';

const otherSecretary: Actor = {
	username: 'secretary2',
	memberId: 'm201',
	branchId: 'br2',
	orgId: 'org-a',
	roles: [{ role: 'member' }, { role: 'secretary', branchId: 'br2' }]
};

const later = '2026-06-02T01:00:00.000Z';

/** The community's own item of the pair. */
const communityItem = item({
	id: listItemId('br1', 2026, 'c1'),
	list: 'resources',
	resourceType: 'venues',
	title: '社区活动室',
	side: 'community',
	by: 'community2'
});

/** A change of `prev` by `actor`, its trail added to with `entries`. */
function changed(
	prev: ListItem,
	actor: Actor,
	fields: Partial<ListItem>,
	entries: ListItem['trail'] = [{ at: later, by: actor.username, change: 'changed' }]
): ListItem {
	return { ...prev, ...fields, by: actor.username, trail: [...prev.trail, ...entries] };
}

describe('list items: kind, id and channels', () => {
	it("is the `list-item` kind of the ledger, in the pair's channels of its year", () => {
		expect(kindOf('ledger', item())).toBe(listItems);
		expect(item().channels).toEqual(['branch:br1/2026', 'bureau:org-a/2026', 'community:cm2/2026']);
	});

	it("takes an id of the branch and year, or of a meeting's decision", () => {
		expect(listItemId('br1', 2026, 'k1')).toBe('li.br1.2026.k1');
		expect(decisionItemId('mi.act-j1', 2)).toBe('li.mi.act-j1.d2');
		expect(pushLedger(secretary, item({ id: 'li.br1.2025.k1' }))).toMatchObject({
			reason: 'invalid',
			detail: 'id'
		});
		expect(pushLedger(secretary, item({ id: 'li.br1.2026.k.1' }))).toMatchObject({
			detail: 'id'
		});
	});

	it('names its evidence as its files, six at most', () => {
		expect(listItems.filesOf?.(item({ evidence: [FILE] }))).toEqual([FILE]);
		const seven = Array.from({ length: 7 }, (_, i) => String(i).repeat(64));
		expect(pushLedger(secretary, item({ evidence: seven }))).toMatchObject({ reason: 'invalid' });
	});
});

describe('list items: each side writes its own', () => {
	it("lets the secretary write the branch's items and staff the community's", () => {
		expect(pushLedger(secretary, item())).toEqual({ ok: true });
		expect(pushLedger(staff, communityItem)).toEqual({ ok: true });
	});

	it("refuses a secretary writing another branch's ledger", () => {
		expect(pushLedger(otherSecretary, item({ by: 'secretary2' }))).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(pushLedger(otherStaff, { ...communityItem, by: 'community1' })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
	});

	it("refuses each side writing the other's items, and the office and members", () => {
		expect(pushLedger(staff, item({ by: 'community2' }))).toMatchObject({ reason: 'forbidden' });
		expect(
			pushLedger(secretary, changed(communityItem, secretary, { title: '活动室' }), {
				prev: communityItem
			})
		).toMatchObject({ reason: 'forbidden' });
		for (const actor of [office, owner]) {
			expect(pushLedger(actor, item({ by: actor.username }))).toMatchObject({
				reason: 'forbidden'
			});
		}
	});

	it('keeps the side, list, year and pair fixed', () => {
		const prev = item();
		const moved = changed(prev, secretary, { list: 'projects' });
		expect(pushLedger(secretary, moved, { prev })).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'list'
		});
		const turned = changed(prev, secretary, { side: 'community' });
		expect(pushLedger(staff, { ...turned, by: 'community2' }, { prev })).toMatchObject({
			reason: 'forbidden'
		});
	});
});

describe('list items: what they hold', () => {
	it('refuses an item without an owner or a due date', () => {
		const noOwner: Partial<ListItem> = item();
		delete noOwner.owner;
		expect(pushLedger(secretary, noOwner as ListItem)).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
		expect(pushLedger(secretary, item({ owner: '  ' }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'owner'
		});
		const noDue: Partial<ListItem> = item();
		delete noDue.dueOn;
		expect(pushLedger(secretary, noDue as ListItem)).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
		expect(pushLedger(secretary, item({ dueOn: '' }))).toMatchObject({ reason: 'invalid' });
	});

	it('has a done day exactly when done', () => {
		expect(pushLedger(secretary, item({ doneOn: '2026-06-01' }))).toMatchObject({
			detail: 'doneOn'
		});
		const prev = item();
		const done = changed(prev, secretary, { state: 'done' }, [
			{ at: later, by: 'secretary1', change: 'state', state: 'done' }
		]);
		expect(pushLedger(secretary, done, { prev })).toMatchObject({ detail: 'doneOn' });
		expect(pushLedger(secretary, { ...done, doneOn: '2026-06-02' }, { prev })).toEqual({
			ok: true
		});
	});

	it('gives a resource type to resources only', () => {
		expect(pushLedger(secretary, item({ resourceType: 'money' }))).toMatchObject({
			detail: 'resourceType'
		});
	});

	it('keeps tags short and few', () => {
		expect(pushLedger(secretary, item({ tags: ['x'.repeat(21)] }))).toMatchObject({
			reason: 'invalid'
		});
		expect(
			pushLedger(secretary, item({ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }))
		).toMatchObject({ reason: 'invalid' });
	});
});

describe('list items: the trail', () => {
	it('starts with one entry of its creation by its writer', () => {
		expect(
			pushLedger(secretary, item({ trail: [{ at: later, by: 'secretary2', change: 'created' }] }))
		).toMatchObject({ detail: 'trail' });
		expect(pushLedger(secretary, item({ trail: [] }))).toMatchObject({ reason: 'invalid' });
	});

	it('only grows, and a change of state adds a state entry', () => {
		const prev = item();
		const rewritten = { ...changed(prev, secretary, {}), trail: [] };
		expect(pushLedger(secretary, rewritten, { prev })).toMatchObject({ reason: 'invalid' });
		const edited = {
			...changed(prev, secretary, {}),
			trail: [{ ...prev.trail[0]!, by: 'secretary9' }]
		};
		expect(pushLedger(secretary, edited, { prev })).toEqual({
			ok: false,
			reason: 'append-only',
			detail: 'trail'
		});
		const silent = changed(prev, secretary, { state: 'in-progress' });
		expect(pushLedger(secretary, silent, { prev })).toMatchObject({ detail: 'trail' });
		const recorded = changed(prev, secretary, { state: 'in-progress' }, [
			{ at: later, by: 'secretary1', change: 'state', state: 'in-progress', note: '已联系物业' }
		]);
		expect(pushLedger(secretary, recorded, { prev })).toEqual({ ok: true });
	});

	it('accepts a new item arriving with its later trail (created offline, then changed)', () => {
		const created = item();
		const done = changed(created, secretary, { state: 'done', doneOn: '2026-06-01' }, [
			{ at: later, by: 'secretary1', change: 'state', state: 'done' }
		]);
		expect(pushLedger(secretary, done)).toEqual({ ok: true });
		const silent = changed(created, secretary, { state: 'in-progress' });
		expect(pushLedger(secretary, silent)).toMatchObject({ detail: 'trail' });
		const twice = changed(created, secretary, {}, [
			{ at: later, by: 'secretary1', change: 'created' }
		]);
		expect(pushLedger(secretary, twice)).toMatchObject({ detail: 'trail' });
	});

	it("refuses an entry in another's name", () => {
		const prev = item();
		const forged = changed(prev, secretary, { title: '楼道照明' }, [
			{ at: later, by: 'community2', change: 'changed' }
		]);
		expect(pushLedger(secretary, forged, { prev })).toMatchObject({ detail: 'trail' });
	});
});

describe('list items: deleting', () => {
	it('lets its side delete it while planned only', () => {
		const prev = item();
		expect(pushLedger(secretary, prev, { prev, deleting: true })).toEqual({ ok: true });
		expect(pushLedger(staff, prev, { prev, deleting: true })).toMatchObject({
			reason: 'forbidden'
		});
		const begun = item({ state: 'in-progress' });
		expect(pushLedger(secretary, begun, { prev: begun, deleting: true })).toEqual({
			ok: false,
			reason: 'forbidden',
			detail: 'state'
		});
	});
});

describe("list items: a meeting's decision", () => {
	const minutes = meetingMinutes();
	const decided = item({
		id: decisionItemId(minutes.id, 1),
		title: '完成楼道照明排查',
		owner: '王芳',
		dueOn: '2026-07-31',
		fromMinutes: { minutesId: minutes.id, decision: 1 }
	});

	it('is what the meeting decided', () => {
		expect(listItems.relatedOf?.(decided)).toEqual([
			{ collection: 'directory', id: 'br1' },
			{ collection: 'ledger', id: 'mi.act-j1' }
		]);
		expect(pushLedger(secretary, decided, { related: relatedDocs(minutes) })).toEqual({
			ok: true
		});
	});

	it('refuses another owner, due date or text than decided, or a decision not made', () => {
		const related = relatedDocs(minutes);
		expect(pushLedger(secretary, { ...decided, owner: '李强' }, { related })).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'decision'
		});
		expect(pushLedger(secretary, { ...decided, dueOn: '2026-08-31' }, { related })).toMatchObject({
			detail: 'decision'
		});
		const second = {
			...decided,
			id: decisionItemId(minutes.id, 2),
			fromMinutes: { minutesId: minutes.id, decision: 2 }
		};
		expect(pushLedger(secretary, second, { related })).toMatchObject({ detail: 'decision' });
	});

	it('refuses minutes of another year, and, on the gateway, minutes not there', () => {
		const older = relatedDocs({ ...minutes, year: 2025, heldOn: '2025-05-20' });
		expect(pushLedger(secretary, decided, { related: older })).toMatchObject({
			detail: 'fromMinutes'
		});
		expect(pushLedger(secretary, decided)).toMatchObject({ detail: 'fromMinutes' });
		expect(pushLedger(secretary, decided, { relatedComplete: false })).toEqual({ ok: true });
	});

	it('keeps its decision once made', () => {
		const moved = changed(decided, secretary, {
			fromMinutes: { minutesId: minutes.id, decision: 2 }
		});
		expect(pushLedger(secretary, moved, { prev: decided })).toMatchObject({ reason: 'invalid' });
	});
});

describe('list items: the pair is real', () => {
	it('refuses an item of a community the branch is not linked to', () => {
		const other = item({ communityId: 'cm9' });
		expect(pushLedger(secretary, other)).toEqual({
			ok: false,
			reason: 'subject-mismatch',
			detail: 'communityId'
		});
	});
});
