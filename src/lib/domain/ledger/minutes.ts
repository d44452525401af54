import { ACCEPT, changedField, reject } from '../access/write-verdict';
import { hasText, yearField } from '../records/record-fragments';
import { compositeId, idRef } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import {
	badDay,
	branchOf,
	checkPairIsReal,
	dayField,
	PAIR_FIELDS,
	pairProperties,
	personField,
	sideField,
	titleField,
	updatedAtField,
	writerField,
	writesForSide,
	yearlyPairChannels,
	type LedgerPair,
	type LedgerSide
} from './ledger-pair';
import { LEDGER_LISTS, MAX_DECISIONS, type LedgerList } from './list-items';

/** Someone at the meeting, from the organiser's list: community staff, other units' people. */
export interface MeetingAttendee {
	name: string;
	unit: string;
}

/** What the meeting decided: each decision becomes a list item with its owner and due date. */
export interface MeetingDecision {
	/** Becomes the item's title. */
	text: string;
	owner: string;
	/** Shanghai date `YYYY-MM-DD`. */
	dueOn: string;
	list: LedgerList;
}

/**
 * 联席会议纪要 (R7): the minutes of a joint meeting (an activity of type 'joint-meeting') of the
 * pair. Whoever writes them first — the branch's secretary or the community's staff — is their
 * side, and only that side changes them. Decisions are only added to: each is numbered by its
 * place (from 1), and its list item carries that number.
 */
export interface Minutes extends LedgerPair {
	id: string;
	kind: 'minutes';
	activityId: string;
	year: number;
	/** Shanghai date `YYYY-MM-DD`, in `year`. */
	heldOn: string;
	agenda: string;
	invitedUnits: string[];
	attendees: MeetingAttendee[];
	/** The minutes themselves; absent until written. */
	text?: string;
	decisions: MeetingDecision[];
	side: LedgerSide;
	by: string;
	updatedAt: string;
	channels: string[];
}

export const MAX_AGENDA = 2000;
export const MAX_MINUTES_TEXT = 5000;
export const MAX_INVITED_UNITS = 20;
/** A unit's name, invited or an attendee's. */
export const MAX_UNIT_LENGTH = 60;
export const MAX_ATTENDEES = 60;

/** One set of minutes per meeting. */
export function minutesId(activityId: string): string {
	return `mi.${activityId}`;
}

/** A meeting's decision by its number (from 1), as a list item's `fromMinutes` names it. */
export function decisionOf(minutes: Minutes, n: number): MeetingDecision | undefined {
	return n >= 1 ? minutes.decisions[n - 1] : undefined;
}

const unitField = { type: 'string', minLength: 1, maxLength: MAX_UNIT_LENGTH } as const;

/** Fields fixed once the minutes exist: which meeting, of which pair, kept by which side. */
const fixedFields = [...PAIR_FIELDS, 'activityId', 'year', 'side'] as const;

/** The first decision that lacks a text, an owner or a due date, as a refusal detail. */
function decisionProblem(decisions: readonly MeetingDecision[]): string | null {
	const index = decisions.findIndex(
		(d) => !hasText(d.text) || !hasText(d.owner) || badDay({ dueOn: d.dueOn })
	);
	return index < 0 ? null : `decisions/${index + 1}`;
}

export const minutes: KindDefinition<Minutes> = {
	name: 'minutes',
	kindValues: ['minutes'],
	schema: {
		title: 'minutes',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['minutes'] },
			...pairProperties,
			activityId: idRef,
			year: yearField,
			heldOn: dayField,
			agenda: { type: 'string', minLength: 1, maxLength: MAX_AGENDA },
			invitedUnits: { type: 'array', items: unitField, maxItems: MAX_INVITED_UNITS },
			attendees: {
				type: 'array',
				items: {
					type: 'object',
					properties: { name: personField, unit: { type: 'string', maxLength: MAX_UNIT_LENGTH } },
					required: ['name', 'unit'],
					additionalProperties: false
				},
				maxItems: MAX_ATTENDEES
			},
			text: { type: 'string', maxLength: MAX_MINUTES_TEXT },
			decisions: {
				type: 'array',
				items: {
					type: 'object',
					properties: {
						text: titleField,
						owner: personField,
						dueOn: dayField,
						list: { type: 'string', enum: [...LEDGER_LISTS] }
					},
					required: ['text', 'owner', 'dueOn', 'list'],
					additionalProperties: false
				},
				maxItems: MAX_DECISIONS
			},
			side: sideField,
			by: writerField,
			updatedAt: updatedAtField,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'branchId',
			'communityId',
			'orgId',
			'activityId',
			'year',
			'heldOn',
			'agenda',
			'invitedUnits',
			'attendees',
			'decisions',
			'side',
			'by',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: (m) => yearlyPairChannels(m, m.year),
	relatedOf: (m) => [branchOf(m)],
	policy: ({ actor, prev, next, deleting, related, relatedComplete }) => {
		if (!writesForSide(actor, next, next.side)) return reject('forbidden');
		if (prev && !writesForSide(actor, prev, prev.side)) return reject('forbidden');
		// Decisions have become list items that name them: minutes with decisions stay.
		if (deleting) {
			return prev && prev.decisions.length > 0 ? reject('forbidden', 'decisions') : ACCEPT;
		}
		if (next.by !== actor.username) return reject('not-owner');
		if (next.id !== minutesId(next.activityId)) return reject('invalid', 'id');
		if (prev) {
			const field = changedField(prev, next, fixedFields);
			if (field) return reject('immutable-field', field);
			const kept = next.decisions.slice(0, prev.decisions.length);
			if (JSON.stringify(kept) !== JSON.stringify(prev.decisions)) {
				return reject('append-only', 'decisions');
			}
		}
		if (badDay({ heldOn: next.heldOn })) return reject('invalid', 'heldOn');
		if (!next.heldOn.startsWith(`${next.year}-`)) return reject('invalid', 'year');
		if (!hasText(next.agenda)) return reject('invalid', 'agenda');
		const problem = decisionProblem(next.decisions);
		if (problem) return reject('invalid', problem);
		return prev ? ACCEPT : checkPairIsReal(next, related, relatedComplete);
	}
};
