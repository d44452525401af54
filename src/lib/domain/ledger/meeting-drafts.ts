import { withChannels } from '../access/write-policy';
import { instantToShanghaiLocal } from '../calendar/shanghai-calendar';
import type { Activity } from '../events/activities';
import type { LedgerPair, LedgerSide } from './ledger-pair';
import {
	decisionItemId,
	LEDGER_LISTS,
	MAX_DECISIONS,
	type LedgerList,
	type ListItem
} from './list-items';
import {
	MAX_AGENDA,
	MAX_ATTENDEES,
	MAX_INVITED_UNITS,
	MAX_MINUTES_TEXT,
	MAX_UNIT_LENGTH,
	minutesId,
	type MeetingAttendee,
	type MeetingDecision,
	type Minutes
} from './minutes';

/*
 * The documents of a joint meeting (联席会议, R7) built the one way the gateway accepts, and the
 * problems of the forms found before anything is written, so the screen says what to fix: the
 * schedule (agenda, invited units) kept with the activity, then the minutes, whose new decisions
 * each become a list item with an owner and a due date.
 */

/** A decision's text becomes its item's title. */
export const MAX_DECISION_TEXT = 100;
export const MAX_NAME_LENGTH = 40;

/** What the scheduler types beside the activity: the agenda, the units invited one a line. */
export interface ScheduleDraft {
	agenda: string;
	invitedUnits: string;
}

export type ScheduleProblem = 'agenda-missing' | 'agenda-too-long' | 'units';

/** The invited units as typed: one a line (or split at 、/；), blanks and repeats dropped. */
export function unitNames(text: string): string[] {
	const names = text
		.split(/[\n、;；]+/)
		.map((name) => name.trim())
		.filter(Boolean);
	return [...new Set(names)];
}

export function readSchedule(
	draft: ScheduleDraft
): { ok: true; agenda: string; invitedUnits: string[] } | { ok: false; problem: ScheduleProblem } {
	const agenda = draft.agenda.trim();
	if (!agenda) return { ok: false, problem: 'agenda-missing' };
	if (agenda.length > MAX_AGENDA) return { ok: false, problem: 'agenda-too-long' };
	const invitedUnits = unitNames(draft.invitedUnits);
	if (
		invitedUnits.length > MAX_INVITED_UNITS ||
		invitedUnits.some((unit) => unit.length > MAX_UNIT_LENGTH)
	) {
		return { ok: false, problem: 'units' };
	}
	return { ok: true, agenda, invitedUnits };
}

/**
 * The minutes a joint meeting starts with, kept with its activity: the agenda and invited units,
 * no attendees, text or decisions yet. The meeting's day and year are of its start in Shanghai.
 */
export function newMinutes(input: {
	activity: Pick<Activity, 'id' | 'startsAt'>;
	pair: LedgerPair;
	schedule: { agenda: string; invitedUnits: readonly string[] };
	side: LedgerSide;
	by: string;
	now: Date;
}): Minutes {
	const heldOn = instantToShanghaiLocal(input.activity.startsAt).slice(0, 10);
	return withChannels('ledger', {
		id: minutesId(input.activity.id),
		kind: 'minutes',
		branchId: input.pair.branchId,
		communityId: input.pair.communityId,
		orgId: input.pair.orgId,
		activityId: input.activity.id,
		year: Number(heldOn.slice(0, 4)),
		heldOn,
		agenda: input.schedule.agenda,
		invitedUnits: [...input.schedule.invitedUnits],
		attendees: [],
		decisions: [],
		side: input.side,
		by: input.by,
		updatedAt: input.now.toISOString(),
		channels: []
	} satisfies Minutes);
}

/** A decision as the form holds it; the list is empty until chosen. */
export interface DecisionDraft {
	text: string;
	owner: string;
	dueOn: string;
	list: LedgerList | '';
}

/** What the organiser enters after the meeting: attendees, minutes text, new decisions. */
export interface MinutesDraft {
	attendees: readonly MeetingAttendee[];
	text: string;
	/** Decisions not yet saved: the saved ones are on the ledger already and stay as they are. */
	decisions: readonly DecisionDraft[];
}

export type MinutesProblem =
	| { problem: 'attendee-name' | 'attendee-unit' | 'too-many-attendees'; attendee: number }
	| { problem: 'text-too-long' | 'too-many-decisions' }
	| {
			problem: 'decision-text' | 'decision-owner' | 'decision-due' | 'decision-list';
			/** The decision's number as the page shows it, counting the saved ones (from 1). */
			decision: number;
	  };

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function attendeeProblems(attendees: readonly MeetingAttendee[]): MinutesProblem[] {
	if (attendees.length > MAX_ATTENDEES) {
		return [{ problem: 'too-many-attendees', attendee: MAX_ATTENDEES + 1 }];
	}
	return attendees.flatMap((a, index): MinutesProblem[] => {
		const name = a.name.trim();
		const unit = a.unit.trim();
		if (!name || name.length > MAX_NAME_LENGTH) {
			return [{ problem: 'attendee-name', attendee: index + 1 }];
		}
		return !unit || unit.length > MAX_UNIT_LENGTH
			? [{ problem: 'attendee-unit', attendee: index + 1 }]
			: [];
	});
}

function decisionProblems(draft: DecisionDraft, decision: number): MinutesProblem[] {
	const problems: MinutesProblem[] = [];
	const text = draft.text.trim();
	const owner = draft.owner.trim();
	if (!text || text.length > MAX_DECISION_TEXT)
		problems.push({ problem: 'decision-text', decision });
	// A decision nobody answers for is no decision: the ledger item it becomes needs an owner.
	if (!owner || owner.length > MAX_NAME_LENGTH)
		problems.push({ problem: 'decision-owner', decision });
	if (!DAY.test(draft.dueOn)) problems.push({ problem: 'decision-due', decision });
	if (!LEDGER_LISTS.some((list) => list === draft.list)) {
		problems.push({ problem: 'decision-list', decision });
	}
	return problems;
}

/** The list item a decision becomes: planned, owned and due as decided, on its side's trail. */
export function decisionItem(
	minutes: Minutes,
	n: number,
	side: LedgerSide,
	by: string,
	now: Date
): ListItem {
	const decision = minutes.decisions[n - 1];
	if (!decision) throw new Error(`The minutes ${minutes.id} have no decision ${n}.`);
	const at = now.toISOString();
	return withChannels('ledger', {
		id: decisionItemId(minutes.id, n),
		kind: 'list-item',
		branchId: minutes.branchId,
		communityId: minutes.communityId,
		orgId: minutes.orgId,
		year: minutes.year,
		list: decision.list,
		title: decision.text,
		tags: [],
		owner: decision.owner,
		dueOn: decision.dueOn,
		state: 'planned',
		goodDeed: false,
		evidence: [],
		serviceItemIds: [],
		recordIds: [],
		fromMinutes: { minutesId: minutes.id, decision: n },
		side,
		trail: [{ at, by, change: 'created' }],
		by,
		updatedAt: at,
		channels: []
	} satisfies ListItem);
}

/**
 * The minutes as saved from the form, and one list item per new decision (numbered after the
 * saved ones), or every problem of the form. Only the minutes' own side writes them (their
 * policy), so the items are of that side too.
 */
export function readMinutes(
	stored: Minutes,
	draft: MinutesDraft,
	by: string,
	now: Date
): { ok: true; minutes: Minutes; items: ListItem[] } | { ok: false; problems: MinutesProblem[] } {
	const text = draft.text.trim();
	const saved = stored.decisions.length;
	const problems: MinutesProblem[] = [
		...attendeeProblems(draft.attendees),
		...(text.length > MAX_MINUTES_TEXT ? [{ problem: 'text-too-long' as const }] : []),
		...(saved + draft.decisions.length > MAX_DECISIONS
			? [{ problem: 'too-many-decisions' as const }]
			: []),
		...draft.decisions.flatMap((d, index) => decisionProblems(d, saved + index + 1))
	];
	if (problems.length > 0) return { ok: false, problems };
	const added: MeetingDecision[] = draft.decisions.map((d) => ({
		text: d.text.trim(),
		owner: d.owner.trim(),
		dueOn: d.dueOn,
		list: d.list as LedgerList
	}));
	const next: Minutes = {
		...stored,
		attendees: draft.attendees.map((a) => ({ name: a.name.trim(), unit: a.unit.trim() })),
		decisions: [...stored.decisions, ...added],
		by,
		updatedAt: now.toISOString()
	};
	// Text emptied again is no text: the minutes read as not written, as before.
	if (text) next.text = text;
	else delete next.text;
	const minutes = withChannels('ledger', next);
	const items = added.map((_, index) =>
		decisionItem(minutes, saved + index + 1, stored.side, by, now)
	);
	return { ok: true, minutes, items };
}
