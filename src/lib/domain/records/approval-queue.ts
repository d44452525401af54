import { instantToShanghaiLocal } from '../calendar/shanghai-calendar';
import type { Correction } from './corrections';
import type { RecordState, RecordView, Returned } from './record-status';
import type { ServiceCategory } from './service-record';

/*
 * The secretary's approval queue: the branch's records and corrections as rows, the filters and
 * the selection of a batch. Pure, so the screen stays thin and the rules are tested here.
 */

/** The states the queue filters by, in the order the screen offers them (待审批 first). */
export const QUEUE_STATES = [
	'needs-approval',
	'needs-confirmation',
	'flagged',
	'returned',
	'approved'
] as const satisfies readonly RecordState[];
export type QueueState = (typeof QUEUE_STATES)[number];

/** One thing the secretary decides: a record, or a correction asked of one. */
export interface QueueRow {
	/** The subject an approval is about: the record's id, or its correction's. */
	id: string;
	subject: 'record' | 'correction';
	view: RecordView;
	/** Set on a correction row. */
	correction?: Correction;
	state: QueueState;
	returned?: Returned;
	submission: number;
	memberId: string;
	memberName: string;
	/** The service's time (for a correction: the time asked, else the record's). */
	at: string;
	/** Shanghai month `YYYY-MM` of `at`, for the month filter. */
	month: string;
	communityId: string;
	description: string;
	minutes: number;
	category: ServiceCategory;
}

/** The Shanghai month (`YYYY-MM`) of an instant. */
export function shanghaiMonth(at: string): string {
	return instantToShanghaiLocal(at).slice(0, 7);
}

function isQueueState(state: RecordState): state is QueueState {
	return (QUEUE_STATES as readonly string[]).includes(state);
}

/**
 * The rows of a set of record views: one per record not withdrawn, and one per correction asked,
 * newest service first (as the views come). Computed once per change of the documents.
 */
export function queueRows(views: readonly RecordView[]): QueueRow[] {
	const rows: QueueRow[] = [];
	for (const view of views) {
		const { record, effective } = view;
		const base = {
			view,
			memberId: record.memberId,
			memberName: record.memberName,
			communityId: effective.communityId,
			category: record.category
		};
		if (isQueueState(view.state)) {
			rows.push({
				...base,
				id: record.id,
				subject: 'record',
				state: view.state,
				...(view.returned ? { returned: view.returned } : {}),
				submission: record.submission,
				at: effective.at,
				month: shanghaiMonth(effective.at),
				description: effective.description,
				minutes: effective.minutes
			});
		}
		const asked = view.correction;
		if (asked && !record.withdrawn) {
			const at = asked.correction.asked.at ?? effective.at;
			rows.push({
				...base,
				id: asked.correction.id,
				subject: 'correction',
				correction: asked.correction,
				state: asked.state,
				...(asked.returned ? { returned: asked.returned } : {}),
				submission: asked.correction.submission,
				at,
				month: shanghaiMonth(at),
				description: asked.correction.asked.description ?? effective.description,
				minutes: asked.correction.asked.minutes ?? effective.minutes
			});
		}
	}
	return rows;
}

export interface QueueFilter {
	state: QueueState;
	/** Empty: everyone. */
	memberId: string;
	/** Empty: every category. */
	category: ServiceCategory | '';
	/** `YYYY-MM` in Shanghai; empty: every month. */
	month: string;
}

export const DEFAULT_FILTER: QueueFilter = {
	state: 'needs-approval',
	memberId: '',
	category: '',
	month: ''
};

function matchesOthers(row: QueueRow, filter: QueueFilter): boolean {
	return (
		(!filter.memberId || row.memberId === filter.memberId) &&
		(!filter.category || row.category === filter.category) &&
		(!filter.month || row.month === filter.month)
	);
}

/** The rows the filter shows. */
export function filterRows(rows: readonly QueueRow[], filter: QueueFilter): QueueRow[] {
	return rows.filter((row) => row.state === filter.state && matchesOthers(row, filter));
}

/** How many rows each state would show with the other filters as they are. */
export function stateCounts(
	rows: readonly QueueRow[],
	filter: QueueFilter
): Record<QueueState, number> {
	const counts = Object.fromEntries(QUEUE_STATES.map((s) => [s, 0])) as Record<QueueState, number>;
	for (const row of rows) if (matchesOthers(row, filter)) counts[row.state] += 1;
	return counts;
}

/** The choices of the member, category and month filters: those the rows hold, sorted. */
export function filterChoices(rows: readonly QueueRow[]): {
	members: { id: string; name: string }[];
	categories: ServiceCategory[];
	months: string[];
} {
	const members = new Map<string, string>();
	const categories = new Set<ServiceCategory>();
	const months = new Set<string>();
	for (const row of rows) {
		members.set(row.memberId, row.memberName);
		categories.add(row.category);
		months.add(row.month);
	}
	return {
		members: [...members]
			.map(([id, name]) => ({ id, name }))
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
		categories: [...categories].sort(),
		months: [...months].sort().reverse()
	};
}

/**
 * Whether the secretary may approve a row now: it waits for her, and it is not her own service
 * (the gateway refuses a secretary approving herself).
 */
export function isApprovable(row: QueueRow, selfId: string | undefined): boolean {
	return row.state === 'needs-approval' && row.memberId !== selfId;
}

/**
 * The rows of a selection that can be approved now: only those shown and approvable. A row that
 * left the filter (approved on another device, returned) drops out, so "批准所选（N）" never
 * approves what the secretary no longer sees.
 */
export function approvableSelection(
	shown: readonly QueueRow[],
	selected: ReadonlySet<string>,
	selfId: string | undefined
): QueueRow[] {
	return shown.filter((row) => selected.has(row.id) && isApprovable(row, selfId));
}

/** "全选": every approvable row shown is selected; again, and none is. */
export function toggleAll(
	shown: readonly QueueRow[],
	selected: ReadonlySet<string>,
	selfId: string | undefined
): Set<string> {
	const approvable = shown.filter((row) => isApprovable(row, selfId));
	const all = approvable.length > 0 && approvable.every((row) => selected.has(row.id));
	return all ? new Set() : new Set(approvable.map((row) => row.id));
}

/** The selection with one row added or removed. */
export function toggleOne(selected: ReadonlySet<string>, id: string): Set<string> {
	const next = new Set(selected);
	if (!next.delete(id)) next.add(id);
	return next;
}
