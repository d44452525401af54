import { describe, expect, it } from 'vitest';
import { newItem, readItemDraft, type ItemDraft } from '$lib/domain/marketplace/item-drafts';
import type { ItemKind } from '$lib/domain/marketplace/service-items';
import { formValues, tagsOf } from './item-form-values';

const now = new Date('2026-05-10T02:00:00Z');

function asDraft(values: ReturnType<typeof formValues>): ItemDraft {
	return {
		...values,
		skills: tagsOf(values.skills),
		fields: tagsOf(values.fields)
	};
}

describe('formValues', () => {
	it.each<[ItemKind, Partial<ItemDraft>]>([
		['project', { title: '修灯', description: '楼道灯', place: '3号楼', places: '2' }],
		['post', { title: '楼栋长', description: '每周巡楼', place: '1号楼', places: '1' }],
		['need', { title: '修水管', description: '厨房漏水', category: 'repair' }],
		['micro-wish', { title: '轮椅', description: '想要一辆轮椅', photo: 'ab'.repeat(32) }]
	])('starts a new %s with defaults that only lack what the person must type', (kind, typed) => {
		const draft = { ...asDraft(formValues(kind, null, now)), ...typed };
		expect(readItemDraft(draft, now)).toMatchObject({ ok: true });
	});

	it('gives an item back as the form shows it, which reads as the same item', () => {
		const typed = {
			...asDraft(formValues('post', null, now)),
			title: '楼栋长',
			description: '每周巡楼',
			skills: ['building-safety', '巡楼'],
			place: '1号楼',
			places: '3',
			shifts: [{ weekday: 6, start: '09:00', end: '11:00' }]
		};
		const read = readItemDraft(typed, now);
		if (!read.ok) throw new Error(JSON.stringify(read.problems));
		const item = newItem('post', read.input, { communityId: 'c-1', createdBy: 'community1', now });
		const values = formValues('post', item, now);
		expect(values.skills).toEqual({ codes: ['building-safety'], other: '巡楼' });
		// A post's first day goes back into a date field, which takes a day and nothing more.
		expect(values.startsAt).toBe(typed.startsAt);
		expect(values.startsAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(readItemDraft(asDraft(values), now, item)).toEqual({ ok: true, input: read.input });
	});
});
