import { plainContext } from '../../../test-data/policy-fixtures';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/roles';
import { validateAgainst } from '../schema/schema-validation';
import { office, otherMember, owner, secretary } from '../../../test-data/test-actors';
import { contacts, type Contact } from './contacts';

function contact(overrides: Partial<Contact> = {}): Contact {
	const doc: Contact = {
		id: 'm001',
		memberId: 'm001',
		branchId: 'br1',
		residenceCommunityId: 'cm2',
		phone: '13812345678',
		idNumber: '65010219900101123X',
		updatedAt: '2024-05-20T08:00:00.000Z',
		channels: [],
		...overrides
	};
	return { ...doc, channels: overrides.channels ?? contacts.channelsOf(doc) };
}

function decide(actor: Actor, next: Contact, prev: Contact | null = null, deleting = false) {
	if (!contacts.policy) throw new Error('contacts has a policy');
	return contacts.policy({ actor, prev, next, deleting, subject: null, ...plainContext });
}

const valid = (doc: unknown) => validateAgainst(contacts.schema, doc);

describe('contacts schema', () => {
	it('accepts a full and a minimal contact', () => {
		expect(valid(contact())).toBeNull();
		const minimal: Record<string, unknown> = { ...contact() };
		delete minimal['residenceCommunityId'];
		delete minimal['idNumber'];
		expect(valid(minimal)).toBeNull();
	});

	it.each(['id', 'memberId', 'branchId', 'phone', 'updatedAt', 'channels'])(
		'requires %s',
		(field) => {
			const doc: Record<string, unknown> = { ...contact() };
			delete doc[field];
			expect(valid(doc)).toEqual({
				path: '/',
				message: `must have required property '${field}'`
			});
		}
	);

	it('accepts mainland mobile numbers', () => {
		for (const phone of ['13012345678', '19999999999', '15500000000']) {
			expect(valid(contact({ phone })), phone).toBeNull();
		}
	});

	it('rejects bad phone numbers', () => {
		for (const phone of [
			'12812345678',
			'10812345678',
			'23812345678',
			'1381234567',
			'138123456789',
			'+8613812345678',
			'138 1234 567',
			'1381234567a',
			''
		]) {
			expect(valid(contact({ phone })), phone).toEqual({
				path: '/phone',
				message: expect.any(String) as string
			});
		}
		expect(valid({ ...contact(), phone: 13812345678 })?.path).toBe('/phone');
	});

	it('accepts an 18-character ID number with a digit or X check character', () => {
		expect(valid(contact({ idNumber: '650102199001011234' }))).toBeNull();
		expect(valid(contact({ idNumber: '65010219900101123x' }))).toBeNull();
	});

	it('rejects bad ID numbers', () => {
		for (const idNumber of [
			'65010219900101123',
			'6501021990010112345',
			'65010219900101123Y',
			'X50102199001011234'
		]) {
			expect(valid(contact({ idNumber }))?.path, idNumber).toBe('/idNumber');
		}
	});

	it('rejects an extra property', () => {
		expect(valid({ ...contact(), email: 'a@b.cn' })).toEqual({
			path: '/',
			message: 'must NOT have additional properties'
		});
	});

	it('rejects bad ids', () => {
		expect(valid(contact({ id: 'm/001' }))?.path).toBe('/id');
		expect(valid(contact({ memberId: '' }))?.path).toBe('/memberId');
		expect(valid(contact({ branchId: '.br1' }))?.path).toBe('/branchId');
		expect(valid(contact({ residenceCommunityId: 'x'.repeat(129) }))?.path).toBe(
			'/residenceCommunityId'
		);
	});
});

describe('contacts channels', () => {
	it('reaches the member, the branch and the residence community, not the bureau', () => {
		expect(contacts.channelsOf(contact())).toEqual(['branch:br1', 'community:cm2', 'member:m001']);
	});

	it('leaves out the community when no residence is known', () => {
		const doc = contact();
		delete doc.residenceCommunityId;
		expect(contacts.channelsOf(doc)).toEqual(['branch:br1', 'member:m001']);
	});
});

describe('contacts policy', () => {
	it('lets the member create and edit their own contact', () => {
		expect(decide(owner, contact())).toEqual({ ok: true });
		expect(decide(owner, contact({ phone: '13900000000' }), contact())).toEqual({ ok: true });
		expect(decide(owner, contact({ residenceCommunityId: 'cm3' }), contact())).toEqual({
			ok: true
		});
	});

	it('refuses an id other than the member id', () => {
		expect(decide(owner, contact({ id: 'm001-contact' }))).toEqual({
			ok: false,
			reason: 'invalid',
			detail: 'id'
		});
	});

	it("refuses another member, the secretary and the office writing a member's contact", () => {
		for (const actor of [otherMember, secretary, office]) {
			expect(decide(actor, contact()), actor.username).toEqual({ ok: false, reason: 'not-owner' });
			expect(decide(actor, contact({ phone: '13900000000' }), contact()), actor.username).toEqual({
				ok: false,
				reason: 'not-owner'
			});
		}
	});

	it('refuses a branch other than the one the office gave the member', () => {
		expect(decide(owner, contact({ branchId: 'br2' }))).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'branchId'
		});
		expect(decide({ ...owner, branchId: undefined }, contact())).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'branchId'
		});
	});

	it('refuses changing the member of a stored contact', () => {
		// A stored version whose memberId differs from its id (e.g. written before the id rule).
		expect(decide(owner, contact(), contact({ memberId: 'm999' }))).toEqual({
			ok: false,
			reason: 'immutable-field',
			detail: 'memberId'
		});
	});
});
