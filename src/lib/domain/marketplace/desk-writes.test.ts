import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/roles';
import { checkTypedWrite } from '../access/write-policy';
import type { Claim } from './claim-record';
import { decisionOf } from './decision-drafts';
import { editedItem, itemInState, newItem, readItemDraft, type ItemDraft } from './item-drafts';
import { residentOf } from './resident-drafts';

/**
 * What the service desk writes passes the gateway's own policies, as the device runs them
 * before storing (local-write.ts): a draft the form accepts is never refused for its shape.
 */
const now = new Date('2026-05-10T02:00:00Z');
const staff: Actor = {
	username: 'community1',
	roles: [{ role: 'community_staff', communityId: 'c-1' }]
};
const secretary: Actor = {
	username: 'secretary1',
	memberId: 'm-9',
	branchId: 'b-1',
	orgId: 'o-1',
	roles: [{ role: 'member' }, { role: 'secretary', branchId: 'b-1' }]
};

function draft(overrides: Partial<ItemDraft> = {}): ItemDraft {
	return {
		kind: 'project',
		title: '楼道灯维修',
		description: '更换楼道灯',
		skills: ['electrical-repair'],
		fields: [],
		category: '',
		urgency: 'normal',
		startsAt: '2026-05-16T09:00',
		endsAt: '2026-05-16T11:30',
		schedule: '',
		shifts: [],
		place: '3号楼',
		places: '2',
		contactName: '',
		contactPhone: '',
		photo: null,
		budget: '',
		...overrides
	};
}

function input(d: ItemDraft) {
	const read = readItemDraft(d, now);
	if (!read.ok) throw new Error(JSON.stringify(read.problems));
	return read.input;
}

function verdict(
	collection: 'activities' | 'contacts' | 'attendance',
	actor: Actor,
	next: object,
	prev: object | null = null,
	subject: object | null = null
) {
	return checkTypedWrite({
		collection,
		actor,
		prev: prev as never,
		next: next as never,
		deleting: false,
		subject,
		now
	});
}

describe('items the desk publishes', () => {
	it('are accepted from the community staff, for every kind', () => {
		const kinds: [ItemDraft['kind'], Partial<ItemDraft>][] = [
			['project', {}],
			['post', { endsAt: '', shifts: [{ weekday: 6, start: '09:00', end: '11:00' }] }],
			['need', { category: 'repair', startsAt: '', endsAt: '' }],
			['micro-wish', { startsAt: '', endsAt: '2026-05-31', photo: 'ab'.repeat(32), budget: '50' }]
		];
		for (const [kind, overrides] of kinds) {
			const item = newItem(kind, input(draft({ kind, ...overrides })), {
				communityId: 'c-1',
				createdBy: 'community1',
				now
			});
			expect(verdict('activities', staff, item), kind).toMatchObject({ ok: true });
		}
	});

	it('are accepted from a secretary for the branch linked community only', () => {
		const item = newItem('project', input(draft()), {
			communityId: 'c-1',
			branchId: 'b-1',
			createdBy: 'secretary1',
			now
		});
		const branch = { id: 'b-1', kind: 'branch', linkedCommunityId: 'c-1' };
		expect(verdict('activities', secretary, item, null, branch)).toMatchObject({ ok: true });
		const elsewhere = { ...branch, linkedCommunityId: 'c-2' };
		expect(verdict('activities', secretary, item, null, elsewhere)).toMatchObject({ ok: false });
	});

	it('keep being accepted through an edit, a close and a cancel, and not after it', () => {
		const item = newItem('project', input(draft()), {
			communityId: 'c-1',
			createdBy: 'community1',
			now
		});
		const edited = editedItem(item, input(draft({ title: '改了' })), now);
		expect(verdict('activities', staff, edited, item)).toMatchObject({ ok: true });
		const closed = itemInState(edited, 'closed', now);
		expect(verdict('activities', staff, closed, edited)).toMatchObject({ ok: true });
		const cancelled = itemInState(closed, 'cancelled', now);
		expect(verdict('activities', staff, cancelled, closed)).toMatchObject({ ok: true });
		const afterwards = itemInState(cancelled, 'open', now);
		expect(verdict('activities', staff, afterwards, cancelled)).toMatchObject({ ok: false });
	});
});

describe('the resident of a need', () => {
	it('is accepted from staff beside the item', () => {
		const need = newItem('need', input(draft({ kind: 'need', category: 'repair' })), {
			communityId: 'c-1',
			createdBy: 'community1',
			now
		});
		const resident = residentOf(need, { name: '张阿姨', phone: '13912345678' }, now);
		expect(verdict('contacts', staff, resident, null, need)).toMatchObject({ ok: true });
		expect(verdict('contacts', secretary, resident, null, need)).toMatchObject({ ok: false });
	});
});

describe('a decision on a done claim', () => {
	const claim: Claim = {
		id: 'cl.it-1.m-1',
		kind: 'claim',
		itemId: 'it-1',
		itemKind: 'project',
		communityId: 'c-1',
		memberId: 'm-1',
		memberName: '李明',
		branchId: 'b-1',
		orgId: 'o-1',
		claimedAt: '2026-05-02T00:00:00.000Z',
		state: 'done',
		done: { at: '2026-05-03T00:00:00.000Z', minutes: 30, note: '', photos: [] },
		updatedAt: '2026-05-03T00:00:00.000Z',
		channels: []
	};

	it('is accepted from staff, confirming or returning with a reason', () => {
		const confirmed = decisionOf(claim, { decision: 'confirmed' }, 'community1', now);
		expect(verdict('attendance', staff, confirmed, null, claim)).toMatchObject({ ok: true });
		const returned = decisionOf(
			claim,
			{ decision: 'returned', reason: '缺照片' },
			'community1',
			now
		);
		expect(verdict('attendance', staff, returned, null, claim)).toMatchObject({ ok: true });
	});

	it('is refused on the decider own claim', () => {
		const own: Actor = { ...staff, memberId: 'm-1' };
		const confirmed = decisionOf(claim, { decision: 'confirmed' }, 'community1', now);
		expect(verdict('attendance', own, confirmed, null, claim)).toMatchObject({ ok: false });
	});
});
