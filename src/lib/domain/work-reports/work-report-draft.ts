import type { AgreementState } from '../ledger/agreements';
import type { LedgerView } from '../ledger/ledger-view';
import { LEDGER_LISTS } from '../ledger/list-items';
import { targetsOf } from '../points/member-standing';
import type { Grade } from '../points/points-scheme';
import type { BranchReportState } from '../reporting/branch-report-status';
import type { SectionFigure, SectionKey, WorkReportSection } from './work-report';

/**
 * Drafts the 述职 from what the secretary's device holds: the branch report, the pair's ledger of
 * the year (agreement, seat, four lists, good deeds, joint meetings) and the members' standings.
 * Pure: the words come from the caller (the screen's language), the facts from the data.
 */
export const DRAFT_PHRASES = [
	'pairing',
	'report.none',
	'report.waiting',
	'report.confirmed',
	'report.returned',
	'seat',
	'noSeat',
	'agreement',
	'noAgreement',
	'agreementState.draft',
	'agreementState.signed',
	'agreementState.expiring',
	'agreementState.expired',
	'lists',
	'goodDeeds',
	'goodDeedTitles',
	'meetings',
	'noMeetings',
	'members',
	'grades',
	'noMembers'
] as const;
export type DraftPhrase = (typeof DRAFT_PHRASES)[number];

/** How the draft is worded: phrases with parameters, days and lists the local way. */
export interface DraftWords {
	say(phrase: DraftPhrase, params?: Record<string, string | number>): string;
	day(day: string): string;
	list(items: readonly string[]): string;
}

export interface DraftInputs {
	year: number;
	communityName: string;
	branchReport: BranchReportState;
	/** The pair's ledger of the year; null when the device holds none. */
	ledger: LedgerView | null;
	standings: readonly DraftStanding[];
}

/** What the draft needs of a member's standing this year (member-standing.ts). */
export interface DraftStanding {
	reported: boolean;
	residenceServices: number;
	effective: boolean;
	grade: Grade;
}

const figures = (values: Record<string, number>): SectionFigure[] =>
	Object.entries(values).map(([key, value]) => ({ key, value }));

function agreementSection(ledger: LedgerView | null, words: DraftWords): WorkReportSection {
	const agreement = ledger?.agreement;
	if (!agreement) return { text: words.say('noAgreement'), figures: figures({ agreement: 0 }) };
	const state: AgreementState = agreement.state;
	return {
		text: words.say('agreement', {
			title: agreement.doc.title,
			startsOn: words.day(agreement.doc.startsOn),
			endsOn: words.day(agreement.doc.endsOn),
			state: words.say(`agreementState.${state}`)
		}),
		figures: figures({ agreement: 1, agreementSigned: state === 'draft' ? 0 : 1 })
	};
}

function listsSection(ledger: LedgerView | null, words: DraftWords): WorkReportSection {
	const counts = Object.fromEntries(
		LEDGER_LISTS.map((list) => [list, ledger?.lists[list].length ?? 0])
	) as Record<(typeof LEDGER_LISTS)[number], number>;
	const done = LEDGER_LISTS.reduce(
		(sum, list) => sum + (ledger?.lists[list].filter((item) => item.state === 'done').length ?? 0),
		0
	);
	return { text: words.say('lists', { ...counts, done }), figures: figures({ ...counts, done }) };
}

function goodDeedsSection(ledger: LedgerView | null, words: DraftWords): WorkReportSection {
	const deeds = ledger?.goodDeeds;
	const delivered = deeds?.delivered ?? 0;
	const target = deeds?.target ?? 0;
	const titles = (deeds?.items ?? [])
		.filter((item) => item.state === 'done')
		.map((item) => item.title);
	const text =
		words.say('goodDeeds', { delivered, target }) +
		(titles.length ? words.say('goodDeedTitles', { titles: words.list(titles) }) : '');
	return { text, figures: figures({ goodDeeds: delivered, goodDeedsTarget: target }) };
}

function meetingsSection(ledger: LedgerView | null, words: DraftWords): WorkReportSection {
	const meetings = ledger?.meetings ?? [];
	if (meetings.length === 0)
		return { text: words.say('noMeetings'), figures: figures({ meetings: 0 }) };
	return {
		text: words.say('meetings', {
			count: meetings.length,
			days: words.list(meetings.map((m) => words.day(m.heldOn)))
		}),
		figures: figures({ meetings: meetings.length })
	};
}

function membersSection(standings: readonly DraftStanding[], words: DraftWords): WorkReportSection {
	if (standings.length === 0)
		return { text: words.say('noMembers'), figures: figures({ members: 0 }) };
	const reported = standings.filter((s) => s.reported).length;
	const services = standings.reduce((sum, s) => sum + s.residenceServices, 0);
	const effective = standings.filter((s) => s.effective).length;
	const rate = Math.round((effective / standings.length) * 100);
	const values = { members: standings.length, reported, services, effective };
	return { text: words.say('members', { ...values, rate }), figures: figures(values) };
}

function gradesSection(standings: readonly DraftStanding[], words: DraftWords): WorkReportSection {
	const { grades } = targetsOf(standings);
	return { text: words.say('grades', { ...grades }), figures: figures({ ...grades }) };
}

/** The report's sections as drafted; the secretary edits them before submitting. */
export function draftWorkReport(
	inputs: DraftInputs,
	words: DraftWords
): Record<SectionKey, WorkReportSection> {
	const { ledger } = inputs;
	const seat = ledger?.seat;
	return {
		pairing: {
			text:
				words.say('pairing', {
					year: inputs.year,
					community: inputs.communityName,
					report: words.say(`report.${inputs.branchReport}`)
				}) + (seat ? words.say('seat', { post: seat.post }) : words.say('noSeat')),
			figures: figures({
				branchReportConfirmed: inputs.branchReport === 'confirmed' ? 1 : 0,
				seat: seat ? 1 : 0
			})
		},
		agreement: agreementSection(ledger, words),
		lists: listsSection(ledger, words),
		goodDeeds: goodDeedsSection(ledger, words),
		meetings: meetingsSection(ledger, words),
		members: membersSection(inputs.standings, words),
		grades: gradesSection(inputs.standings, words),
		plans: { text: '' }
	};
}
