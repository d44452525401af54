import { describe, expect, it } from 'vitest';
import { MAX_ITEM_TAGS, MAX_PLACES } from './service-items';
import {
	editedItem,
	itemMoves,
	newItem,
	newItemId,
	publishableKinds,
	readItemDraft,
	readPhone,
	TITLE_MAX,
	type ItemDraft
} from './item-drafts';

const now = new Date('2026-05-10T02:00:00Z'); // 10:00 in Shanghai

function draft(overrides: Partial<ItemDraft> = {}): ItemDraft {
	return {
		kind: 'project',
		title: '楼道灯维修',
		description: '为老旧小区更换楼道灯',
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
		contactName: '王主任',
		contactPhone: '138 0000 1234',
		photo: null,
		budget: '',
		...overrides
	};
}

describe('readItemDraft', () => {
	it('reads a project: Shanghai wall times as instants, tags and the phone as stored', () => {
		const result = readItemDraft(draft({ skills: ['electrical-repair', ' 水电 ', '水电'] }), now);
		expect(result).toEqual({
			ok: true,
			input: {
				title: '楼道灯维修',
				description: '为老旧小区更换楼道灯',
				skills: ['electrical-repair', '水电'],
				fields: [],
				startsAt: '2026-05-16T01:00:00.000Z',
				endsAt: '2026-05-16T03:30:00.000Z',
				place: '3号楼',
				places: 2,
				contactName: '王主任',
				contactPhone: '13800001234'
			}
		});
	});

	it('names every bad field at once, each with its own problem', () => {
		const result = readItemDraft(
			draft({
				title: ' ',
				description: '',
				startsAt: '2026-05-01T09:00',
				endsAt: '2026-04-30T09:00',
				place: '',
				places: '0',
				contactPhone: '12345'
			}),
			now
		);
		expect(result).toEqual({
			ok: false,
			problems: {
				title: 'title-required',
				description: 'description-required',
				startsAt: 'starts-past',
				endsAt: 'ends-before-start',
				place: 'place-required',
				places: 'places-invalid',
				contactPhone: 'phone-invalid'
			}
		});
	});

	it('refuses a title too long, places beyond the limit and a project without an end', () => {
		const result = readItemDraft(
			draft({ title: '字'.repeat(TITLE_MAX + 1), places: String(MAX_PLACES + 1), endsAt: '' }),
			now
		);
		expect(result.ok ? {} : result.problems).toEqual({
			title: 'title-too-long',
			places: 'places-invalid',
			endsAt: 'ends-required'
		});
	});

	it('refuses more skills than an item may ask for', () => {
		const skills = Array.from({ length: MAX_ITEM_TAGS + 1 }, (_, i) => `技能${i}`);
		const result = readItemDraft(draft({ skills }), now);
		expect(result.ok ? null : result.problems.skills).toBe('tags-too-many');
	});

	it('lets an edited item keep a start that has passed, but not move to another past time', () => {
		const prev = newItem('project', okInput(draft()), {
			communityId: 'c-1',
			createdBy: 'community1',
			now
		});
		const later = new Date('2026-05-20T00:00:00Z');
		expect(readItemDraft(draft(), later, prev).ok).toBe(true);
		const moved = readItemDraft(draft({ startsAt: '2026-05-15T09:00' }), later, prev);
		expect(moved.ok ? null : moved.problems.startsAt).toBe('starts-past');
	});

	it('reads a post with weekly shifts and refuses a shift that ends before it starts', () => {
		const shifts = [{ weekday: 6, start: '09:00', end: '11:00' }];
		const post = readItemDraft(draft({ kind: 'post', endsAt: '', shifts }), now);
		expect(post.ok && post.input.shifts).toEqual(shifts);
		expect(post.ok && post.input.endsAt).toBeUndefined();
		const bad = readItemDraft(
			draft({ kind: 'post', shifts: [{ weekday: 6, start: '11:00', end: '09:00' }] }),
			now
		);
		expect(bad.ok ? null : bad.problems.shifts).toBe('shifts-invalid');
		const weekday = readItemDraft(
			draft({ kind: 'post', shifts: [{ weekday: 8, start: '09:00', end: '10:00' }] }),
			now
		);
		expect(weekday.ok ? null : weekday.problems.shifts).toBe('shifts-invalid');
	});

	it('starts a need when published, needs a category and drops project-only fields', () => {
		const need = readItemDraft(
			draft({ kind: 'need', category: 'repair', urgency: 'urgent', startsAt: '', endsAt: '' }),
			now
		);
		expect(need).toMatchObject({
			ok: true,
			input: { startsAt: now.toISOString(), category: 'repair', urgency: 'urgent' }
		});
		expect(need.ok && 'contactPhone' in need.input).toBe(false);
		const noCategory = readItemDraft(draft({ kind: 'need', category: 'plumbing' }), now);
		expect(noCategory.ok ? null : noCategory.problems.category).toBe('category-required');
	});

	it('wants a micro-wish with a picture and a deadline to come, and a whole budget in range', () => {
		const result = readItemDraft(
			draft({ kind: 'micro-wish', endsAt: '2026-05-09', budget: '12.5' }),
			now
		);
		expect(result.ok ? {} : result.problems).toEqual({
			photo: 'photo-required',
			endsAt: 'deadline-past',
			budget: 'budget-invalid'
		});
		const wish = readItemDraft(
			draft({ kind: 'micro-wish', endsAt: '2026-05-31', budget: '200', photo: 'ab'.repeat(32) }),
			now
		);
		// A deadline day runs to its last minute, Shanghai time.
		expect(wish).toMatchObject({
			ok: true,
			input: { endsAt: '2026-05-31T15:59:00.000Z', budgetYuan: 200, photo: 'ab'.repeat(32) }
		});
	});
});

function okInput(d: ItemDraft) {
	const result = readItemDraft(d, now);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.input;
}

describe('newItem and editedItem', () => {
	it('publishes an open item of the community with its channels in the year it was made', () => {
		const item = newItem('project', okInput(draft()), {
			communityId: 'c-1',
			branchId: 'b-1',
			createdBy: 'secretary1',
			now
		});
		expect(item).toMatchObject({
			kind: 'project',
			communityId: 'c-1',
			branchId: 'b-1',
			state: 'open',
			createdAt: now.toISOString()
		});
		expect(item.id).toMatch(/^it-[0-9a-z]+$/);
		expect(item.channels).toContain('community:c-1/2026');
	});

	it('keeps who published, where, when and the state through an edit', () => {
		const item = {
			...newItem('project', okInput(draft()), {
				communityId: 'c-1',
				createdBy: 'community1',
				now
			}),
			state: 'closed' as const
		};
		const later = new Date('2026-05-11T00:00:00Z');
		const edited = editedItem(item, okInput(draft({ title: '新标题', contactName: '' })), later);
		expect(edited).toMatchObject({
			id: item.id,
			state: 'closed',
			createdBy: 'community1',
			createdAt: item.createdAt,
			title: '新标题',
			updatedAt: later.toISOString()
		});
		expect('contactName' in edited).toBe(false);
	});
});

describe('item moves and ids', () => {
	it('closes or cancels an open item, reopens a closed one, and never moves a cancelled one', () => {
		expect(itemMoves('open')).toEqual(['closed', 'cancelled']);
		expect(itemMoves('closed')).toEqual(['open', 'cancelled']);
		expect(itemMoves('cancelled')).toEqual([]);
	});

	it('lets staff publish every kind and a secretary projects and posts only', () => {
		expect(publishableKinds(false)).toEqual(['project', 'post', 'need', 'micro-wish']);
		expect(publishableKinds(true)).toEqual(['project', 'post']);
	});

	it('makes distinct ids offline', () => {
		expect(newItemId(now, () => 0.5)).not.toBe(newItemId(now, () => 0.25));
	});

	it('reads mobiles and landlines as stored', () => {
		expect(readPhone('+86 139-1234-5678')).toBe('13912345678');
		expect(readPhone('010-12345678')).toBe('01012345678');
		expect(readPhone('12345')).toBeNull();
	});
});
