import { channel, normalizeChannels } from '../access/channels';
import { isStaffOf } from '../access/roles';
import { ACCEPT, changedField, reject } from '../access/write-verdict';
import { compositeId, idRef, instant } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { isServiceItem } from './service-items';

/**
 * A resident behind a need or a micro-wish. Personal data (PIPL): kept in the `contacts`
 * collection apart from the item, readable by the community's staff; a member who holds a place
 * on the item gets the server's copy (`ResidentShare`), nobody else. Everyone else sees 某小区居民.
 */
export interface Resident {
	id: string;
	kind: 'resident';
	itemId: string;
	communityId: string;
	name: string;
	phone?: string;
	address?: string;
	updatedAt: string;
	channels: string[];
}

export function residentId(itemId: string): string {
	return `${itemId}.resident`;
}

export function isResident(doc: { kind?: unknown }): doc is Resident {
	return doc.kind === 'resident';
}

/** The server's copy of a resident's contact for the member holding a place: channel `member:`. */
export interface ResidentShare {
	id: string;
	kind: 'resident-share';
	claimId: string;
	itemId: string;
	memberId: string;
	name: string;
	phone?: string;
	address?: string;
	updatedAt: string;
	channels: string[];
}

export function residentShareId(claimId: string): string {
	return `${claimId}.resident`;
}

export function isResidentShare(doc: { kind?: unknown }): doc is ResidentShare {
	return doc.kind === 'resident-share';
}

/** The share the claim worker writes for the member holding a place on the resident's item. */
export function residentShareOf(
	resident: Resident,
	claim: { id: string; memberId: string },
	now: Date
): ResidentShare {
	return {
		id: residentShareId(claim.id),
		kind: 'resident-share',
		claimId: claim.id,
		itemId: resident.itemId,
		memberId: claim.memberId,
		name: resident.name,
		...(resident.phone ? { phone: resident.phone } : {}),
		...(resident.address ? { address: resident.address } : {}),
		updatedAt: now.toISOString(),
		channels: [channel.member(claim.memberId)]
	};
}

/** The resident's own fields, alike in both kinds; the phone as a member's contact has it. */
const residentProperties = {
	name: { type: 'string', minLength: 1, maxLength: 50 },
	phone: { type: 'string', pattern: '^1[3-9][0-9]{9}$', maxLength: 11 },
	address: { type: 'string', minLength: 1, maxLength: 200 },
	updatedAt: instant
} as const;

export const residents: KindDefinition<Resident> = {
	name: 'resident',
	kindValues: ['resident'],
	schema: {
		title: 'resident',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['resident'] },
			itemId: idRef,
			communityId: idRef,
			...residentProperties,
			...baseProperties
		},
		required: ['id', 'kind', 'itemId', 'communityId', 'name', 'updatedAt', 'channels'],
		additionalProperties: false
	},
	// The community's staff only, in no year: a resident's need outlives the year it was recorded.
	channelsOf: (resident) => normalizeChannels([channel.community(resident.communityId)]),
	subjectOf: (resident) => ({ collection: 'activities', id: resident.itemId }),
	policy: ({ actor, prev, next, deleting, subject }) => {
		if (!isStaffOf(actor, next.communityId)) return reject('forbidden');
		if (deleting) return reject('append-only');
		if (next.id !== residentId(next.itemId)) return reject('invalid', 'id');
		if (prev) {
			const field = changedField(prev, next, ['itemId', 'communityId']);
			if (field) return reject('immutable-field', field);
		}
		const item = subject;
		if (!item || item['_deleted'] === true || !isServiceItem(item)) {
			return reject('subject-mismatch', 'itemId');
		}
		if (item['communityId'] !== next.communityId) return reject('subject-mismatch', 'communityId');
		// Projects and posts name the community's own contact person, never a resident.
		return item['kind'] === 'need' || item['kind'] === 'micro-wish'
			? ACCEPT
			: reject('subject-mismatch', 'itemKind');
	}
};

export const residentShares: KindDefinition<ResidentShare> = {
	name: 'resident-share',
	kindValues: ['resident-share'],
	schema: {
		title: 'resident share',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['resident-share'] },
			claimId: compositeId,
			itemId: idRef,
			// As the contact kind has it.
			memberId: idRef,
			...residentProperties,
			...baseProperties
		},
		required: ['id', 'kind', 'claimId', 'itemId', 'memberId', 'name', 'updatedAt', 'channels'],
		additionalProperties: false
	},
	channelsOf: (share) => [channel.member(share.memberId)],
	policy: null
};
