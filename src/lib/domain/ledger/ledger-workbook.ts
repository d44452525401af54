import type { AgreementState } from './agreements';
import type { LedgerView } from './ledger-view';
import type { LedgerSide } from './ledger-pair';
import {
	LEDGER_LISTS,
	type ItemState,
	type LedgerList,
	type ListItem,
	type ResourceType
} from './list-items';

/**
 * The words of the exported ledger workbook, named by what they label. The device supplies them
 * from its messages: the workbook is the ledger a bureau files, in the language of the screen.
 */
export const WORKBOOK_TEXTS = [
	'sheet.resources',
	'sheet.needs',
	'sheet.projects',
	'sheet.responsibilities',
	'sheet.goodDeeds',
	'sheet.meetings',
	'sheet.agreement',
	'col.no',
	'col.title',
	'col.detail',
	'col.resourceType',
	'col.tags',
	'col.owner',
	'col.dueOn',
	'col.state',
	'col.doneOn',
	'col.goodDeed',
	'col.evidence',
	'col.source',
	'col.side',
	'col.list',
	'col.heldOn',
	'col.agenda',
	'col.invitedUnits',
	'col.attendees',
	'col.minutes',
	'col.decision',
	'col.item',
	'col.value',
	'yes',
	'source.meeting',
	'evidence.count',
	'goodDeeds.delivered',
	'agreement.branch',
	'agreement.community',
	'agreement.year',
	'agreement.title',
	'agreement.period',
	'agreement.periodValue',
	'agreement.state',
	'agreement.daysLeft',
	'agreement.content',
	'agreement.branchSignatory',
	'agreement.communitySignatory',
	'agreement.signedOn',
	'agreement.file',
	'agreement.fileKept',
	'agreement.none',
	'seat.member',
	'seat.post',
	'seat.since',
	'seat.none'
] as const;
export type WorkbookText = (typeof WORKBOOK_TEXTS)[number];

export interface WorkbookLabels {
	/** A text with `{name}` placeholders filled from `params`. */
	text: (key: WorkbookText, params?: Record<string, string | number>) => string;
	/** The ledger's vocabulary, as its screens label it (a tag: its skill's label, or itself). */
	list: (list: LedgerList) => string;
	tag: (tag: string) => string;
	state: (state: ItemState) => string;
	resourceType: (type: ResourceType) => string;
	side: (side: LedgerSide) => string;
	agreementState: (state: AgreementState) => string;
	/** A Shanghai date (YYYY-MM-DD) as people write it, e.g. 2026年3月1日. */
	day: (isoDay: string) => string;
	/** The branch's and the linked community's names, for the agreement sheet's heading rows. */
	branchName: string;
	communityName: string;
}

export type WorkbookCell = string | number | null;

/** One sheet of the workbook: its rows (the first `headerRows` are headings) and column widths. */
export interface LedgerSheet {
	name: string;
	headerRows: number;
	rows: WorkbookCell[][];
	/** Column widths in characters; a Chinese character is about two. */
	widths: number[];
}

/** Excel refuses a sheet name longer than 31 characters or holding any of : \ / ? * [ ]. */
export const SHEET_NAME_MAX = 31;

export function sheetName(name: string): string {
	const clean = name.replace(/[:\\/?*[\]]/g, ' ').trim();
	return Array.from(clean).slice(0, SHEET_NAME_MAX).join('') || 'Sheet';
}

/** A YYYY-MM-DD day the Chinese way without a formatter: 2026年3月1日. */
export function chineseDay(isoDay: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
	if (!match) return isoDay;
	return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

const LIST_SHEETS: Record<LedgerList, WorkbookText> = {
	resources: 'sheet.resources',
	needs: 'sheet.needs',
	projects: 'sheet.projects',
	responsibilities: 'sheet.responsibilities'
};

function listSheet(list: LedgerList, items: readonly ListItem[], labels: WorkbookLabels) {
	const { text, day, state, side } = labels;
	// Only the resources list records what kind of resource an item is.
	const typed = list === 'resources';
	const header: WorkbookText[] = [
		'col.no',
		'col.title',
		'col.detail',
		...(typed ? (['col.resourceType'] as const) : []),
		'col.tags',
		'col.owner',
		'col.dueOn',
		'col.state',
		'col.doneOn',
		'col.goodDeed',
		'col.evidence',
		'col.source',
		'col.side'
	];
	const rows = items.map((item, index): WorkbookCell[] => [
		index + 1,
		item.title,
		item.detail ?? null,
		...(typed ? [item.resourceType ? labels.resourceType(item.resourceType) : null] : []),
		item.tags.map(labels.tag).join('、') || null,
		item.owner,
		day(item.dueOn),
		state(item.state),
		item.doneOn ? day(item.doneOn) : null,
		item.goodDeed ? text('yes') : null,
		item.evidence.length ? text('evidence.count', { count: item.evidence.length }) : null,
		item.fromMinutes ? text('source.meeting', { n: item.fromMinutes.decision }) : null,
		side(item.side)
	]);
	return {
		name: sheetName(text(LIST_SHEETS[list])),
		headerRows: 1,
		rows: [header.map((key) => text(key)), ...rows],
		widths: [6, 28, 40, ...(typed ? [10] : []), 18, 12, 16, 10, 16, 10, 10, 16, 8]
	};
}

function goodDeedsSheet(view: LedgerView, labels: WorkbookLabels): LedgerSheet {
	const { text, day } = labels;
	const { delivered, target, items } = view.goodDeeds;
	const header: WorkbookText[] = [
		'col.no',
		'col.title',
		'col.list',
		'col.owner',
		'col.dueOn',
		'col.state',
		'col.doneOn'
	];
	return {
		name: sheetName(text('sheet.goodDeeds')),
		headerRows: 2,
		rows: [
			[text('goodDeeds.delivered', { delivered, target })],
			header.map((key) => text(key)),
			...items.map((item, index) => [
				index + 1,
				item.title,
				labels.list(item.list),
				item.owner,
				day(item.dueOn),
				labels.state(item.state),
				item.doneOn ? day(item.doneOn) : null
			])
		],
		widths: [6, 32, 12, 12, 16, 10, 16]
	};
}

/** A row per decision (a meeting without decisions has one): the meeting's cells on its first. */
function meetingsSheet(view: LedgerView, labels: WorkbookLabels): LedgerSheet {
	const { text, day } = labels;
	const header: WorkbookText[] = [
		'col.no',
		'col.heldOn',
		'col.agenda',
		'col.invitedUnits',
		'col.attendees',
		'col.minutes',
		'col.decision',
		'col.list',
		'col.owner',
		'col.dueOn'
	];
	const rows: WorkbookCell[][] = [];
	view.meetings.forEach((meeting, index) => {
		const first: WorkbookCell[] = [
			index + 1,
			day(meeting.heldOn),
			meeting.agenda,
			meeting.invitedUnits.join('、') || null,
			meeting.attendees.map((a) => (a.unit ? `${a.name}（${a.unit}）` : a.name)).join('、') || null,
			meeting.text ?? null
		];
		const decisions = meeting.decisions.map((d, n): WorkbookCell[] => [
			`${n + 1}. ${d.text}`,
			labels.list(d.list),
			d.owner,
			day(d.dueOn)
		]);
		const [head, ...rest] = decisions.length ? decisions : [[null, null, null, null]];
		rows.push([...first, ...(head ?? [])]);
		for (const decision of rest) rows.push([null, null, null, null, null, null, ...decision]);
	});
	return {
		name: sheetName(text('sheet.meetings')),
		headerRows: 1,
		rows: [header.map((key) => text(key)), ...rows],
		widths: [6, 16, 32, 24, 32, 48, 36, 12, 12, 16]
	};
}

/** The pair, the agreement and the committee seat as label–value rows. */
function agreementSheet(view: LedgerView, labels: WorkbookLabels): LedgerSheet {
	const { text, day } = labels;
	const row = (key: WorkbookText, value: WorkbookCell): WorkbookCell[] => [text(key), value];
	const rows: WorkbookCell[][] = [
		[text('col.item'), text('col.value')],
		row('agreement.branch', labels.branchName),
		row('agreement.community', labels.communityName),
		row('agreement.year', view.year)
	];
	const current = view.agreement;
	if (current) {
		const { doc, state, daysLeft } = current;
		const stateLabel = labels.agreementState(state);
		rows.push(
			row('agreement.title', doc.title),
			row(
				'agreement.period',
				text('agreement.periodValue', { from: day(doc.startsOn), to: day(doc.endsOn) })
			),
			row(
				'agreement.state',
				state === 'expiring'
					? `${stateLabel}（${text('agreement.daysLeft', { days: daysLeft })}）`
					: stateLabel
			),
			row('agreement.content', doc.content),
			row('agreement.branchSignatory', doc.branchSignatory),
			row('agreement.communitySignatory', doc.communitySignatory),
			row('agreement.signedOn', doc.signedOn ? day(doc.signedOn) : null),
			row('agreement.file', doc.file ? text('agreement.fileKept') : null)
		);
	} else {
		rows.push(row('agreement.title', text('agreement.none')));
	}
	const seat = view.seat;
	rows.push(
		row('seat.member', seat ? seat.memberName : text('seat.none')),
		row('seat.post', seat?.post ?? null),
		row('seat.since', seat ? day(seat.since) : null)
	);
	return {
		name: sheetName(text('sheet.agreement')),
		headerRows: 1,
		rows,
		widths: [16, 80]
	};
}

/**
 * The ledger of one branch–community pair and year as workbook sheets: one per list (服务资源,
 * 居民需求, 民生项目, 责任落实), then 实事好事, 联席会议 and 协议书. Pure: the device writes the
 * file (src/lib/db/ledger-export.ts), tests read it back.
 */
export function ledgerSheets(view: LedgerView, labels: WorkbookLabels): LedgerSheet[] {
	return [
		...LEDGER_LISTS.map((list) => listSheet(list, view.lists[list], labels)),
		goodDeedsSheet(view, labels),
		meetingsSheet(view, labels),
		agreementSheet(view, labels)
	];
}

/** The workbook's file name: 台账-<支部>-<年>.xlsx, without characters file systems refuse. */
export function ledgerFileName(branchName: string, year: number): string {
	const safe = branchName.replace(/[\\/:*?"<>|]/g, '').trim() || 'branch';
	return `台账-${safe}-${year}.xlsx`;
}
