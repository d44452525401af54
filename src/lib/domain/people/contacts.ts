import { channel, normalizeChannels } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { entityId, idRef, instant } from '../schema/ids';
import { isMember } from '../access/roles';
import { ACCEPT, reject } from '../access/write-verdict';

/**
 * Personal contact data (PIPL): replicated only to the member, their branch secretary and the
 * staff of their residence community — never to the whole bureau.
 */
export interface Contact {
	/** Equal to the member's id: one contact document per member. */
	id: string;
	memberId: string;
	branchId: string;
	residenceCommunityId?: string;
	/** Mainland mobile number, 11 digits. */
	phone: string;
	/** Resident ID number, 18 characters; optional. */
	idNumber?: string;
	updatedAt: string;
	channels: string[];
}

/**
 * Whether a document of the `contacts` collection is a member's contact: contacts came first and
 * have no `kind` field; residents and their shares kept beside them have one.
 */
export function isContact(doc: object): doc is Contact {
	return !('kind' in doc);
}

export const contacts: KindDefinition<Contact> = {
	name: 'contact',
	schema: {
		title: 'member contact',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: entityId,
			memberId: idRef,
			branchId: idRef,
			residenceCommunityId: idRef,
			phone: { type: 'string', pattern: '^1[3-9][0-9]{9}$', maxLength: 11 },
			idNumber: { type: 'string', pattern: '^[0-9]{17}[0-9Xx]$', maxLength: 18 },
			updatedAt: instant,
			...baseProperties
		},
		required: ['id', 'memberId', 'branchId', 'phone', 'updatedAt', 'channels'],
		additionalProperties: false
	},
	channelsOf: (c) =>
		normalizeChannels([
			channel.member(c.memberId),
			channel.branch(c.branchId),
			...(c.residenceCommunityId ? [channel.community(c.residenceCommunityId)] : [])
		]),
	policy: ({ actor, prev, next, deleting }) => {
		if (next.id !== next.memberId) return reject('invalid', 'id');
		if (!isMember(actor, next.memberId)) return reject('not-owner');
		// Reporting registers a contact (R14): it can be corrected, not removed.
		if (deleting) return reject('forbidden');
		if (next.branchId !== actor.branchId) return reject('immutable-field', 'branchId');
		if (prev && prev.memberId !== next.memberId) return reject('immutable-field', 'memberId');
		return ACCEPT;
	}
};
