import { describe, expect, it } from 'vitest';
import { readResidentDraft, residentOf, RESIDENT_NAME_MAX } from './resident-drafts';

describe('readResidentDraft', () => {
	it('reads a resident with a phone as stored and no empty fields', () => {
		expect(readResidentDraft({ name: ' 张阿姨 ', phone: '139 1234 5678', address: '' })).toEqual({
			ok: true,
			input: { name: '张阿姨', phone: '13912345678' }
		});
	});

	it('names each bad field', () => {
		expect(readResidentDraft({ name: '', phone: '888', address: '路'.repeat(201) })).toEqual({
			ok: false,
			problems: {
				name: 'resident-name-required',
				phone: 'mobile-invalid',
				address: 'address-too-long'
			}
		});
		const landline = readResidentDraft({ name: '张阿姨', phone: '010-12345678', address: '' });
		expect(landline.ok ? null : landline.problems.phone).toBe('mobile-invalid');
		const long = readResidentDraft({
			name: '名'.repeat(RESIDENT_NAME_MAX + 1),
			phone: '',
			address: ''
		});
		expect(long.ok ? null : long.problems.name).toBe('resident-name-too-long');
	});
});

describe('residentOf', () => {
	it('keeps the resident beside the item, on the community channel only', () => {
		const resident = residentOf(
			{ id: 'it-1', communityId: 'c-1' },
			{ name: '张阿姨', phone: '13912345678' },
			new Date('2026-05-10T02:00:00Z')
		);
		expect(resident).toMatchObject({ id: 'it-1.resident', kind: 'resident', itemId: 'it-1' });
		expect(resident.channels).toEqual(['community:c-1']);
	});
});
