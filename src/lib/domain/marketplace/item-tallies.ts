import { recordYear } from '../calendar/shanghai-calendar';
import { compositeId, idRef, instant } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { itemChannelsInYear, MAX_SHIFTS, type ServiceItem } from './service-items';

/** How full one item (or one shift of a post) is: counts only, never who. */
export interface ShiftTally {
	/** The shift's index; 0 for an item without shifts. */
	shift: number;
	held: number;
	waiting: number;
}

/**
 * The server's count of an item's places, with the item's channels: a member's device learns
 * from it, offline, whether a place is free. Written only by the worker.
 */
export interface ItemTally {
	id: string;
	kind: 'item-tally';
	itemId: string;
	communityId: string;
	/** The item's own channels' year (the Shanghai year of its `createdAt`). */
	year: number;
	tallies: ShiftTally[];
	updatedAt: string;
	channels: string[];
}

export function itemTallyId(item: Pick<ServiceItem, 'id'>): string {
	return `${item.id}.tally`;
}

export function isItemTally(doc: { kind?: unknown }): doc is ItemTally {
	return doc.kind === 'item-tally';
}

/** The tally document of an item, as the worker writes it. */
export function itemTallyOf(
	item: Pick<ServiceItem, 'id' | 'communityId' | 'createdAt'>,
	tallies: ShiftTally[],
	now: Date
): ItemTally {
	const year = recordYear(item.createdAt);
	return {
		id: itemTallyId(item),
		kind: 'item-tally',
		itemId: item.id,
		communityId: item.communityId,
		year,
		tallies,
		updatedAt: now.toISOString(),
		channels: itemChannelsInYear(item.communityId, year)
	};
}

/** The count of one shift (0 for an item without shifts); none counted yet is an empty one. */
/** Most claims waiting per item (or per shift of a post): beyond it, a claim is refused as full. */
export const WAITLIST_MAX = 10;

export function shiftTally(tally: ItemTally | null, shift: number): ShiftTally {
	return tally?.tallies.find((entry) => entry.shift === shift) ?? { shift, held: 0, waiting: 0 };
}

const count = { type: 'integer', minimum: 0, maximum: 10_000 } as const;

export const itemTallies: KindDefinition<ItemTally> = {
	name: 'item-tally',
	kindValues: ['item-tally'],
	schema: {
		title: 'item tally',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['item-tally'] },
			itemId: idRef,
			communityId: idRef,
			year: { type: 'integer', minimum: 2000, maximum: 2200 },
			tallies: {
				type: 'array',
				items: {
					type: 'object',
					properties: { shift: { ...count, maximum: MAX_SHIFTS }, held: count, waiting: count },
					required: ['shift', 'held', 'waiting'],
					additionalProperties: false
				},
				maxItems: MAX_SHIFTS
			},
			updatedAt: instant,
			...baseProperties
		},
		required: ['id', 'kind', 'itemId', 'communityId', 'year', 'tallies', 'updatedAt', 'channels'],
		additionalProperties: false
	},
	channelsOf: (tally) => itemChannelsInYear(tally.communityId, tally.year),
	policy: null
};
