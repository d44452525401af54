import { describe, expect, it } from 'vitest';
import {
	agreement,
	FILE,
	item,
	LEDGER_NOW,
	meetingMinutes,
	PAIR,
	seat
} from '../../../test-data/ledger-fixtures';
import type { LedgerDoc } from './ledger-docs';
import { ledgerView } from './ledger-view';

const docs: LedgerDoc[] = [
	agreement({ startsOn: '2024-01-01', endsOn: '2025-12-31', signedOn: '2024-01-02', file: FILE }),
	agreement({ startsOn: '2026-01-01', endsOn: '2026-06-20', signedOn: '2026-01-02', file: FILE }),
	seat(),
	item({ id: 'li.br1.2026.b', title: '乙', dueOn: '2026-09-01', goodDeed: true }),
	item({ id: 'li.br1.2026.a', title: '甲', dueOn: '2026-09-01' }),
	item({ id: 'li.br1.2026.c', title: '丙', dueOn: '2026-07-01', list: 'projects' }),
	item({
		id: 'li.br1.2026.d',
		title: '丁',
		goodDeed: true,
		state: 'done',
		doneOn: '2026-05-01',
		list: 'resources'
	}),
	item({ id: 'li.br1.2025.e', year: 2025, goodDeed: true, state: 'done', doneOn: '2025-05-01' }),
	item({ id: 'li.br1.2026.f', communityId: 'cm1' }),
	meetingMinutes({ id: 'mi.act-j2', activityId: 'act-j2', heldOn: '2026-05-30' }),
	meetingMinutes(),
	meetingMinutes({ id: 'mi.act-j0', activityId: 'act-j0', year: 2025, heldOn: '2025-11-01' })
];

describe('the ledger view', () => {
	const view = ledgerView(docs, PAIR, 2026, LEDGER_NOW);

	it('shows the current agreement, the latest to start, with its state', () => {
		expect(view.agreement?.doc.startsOn).toBe('2026-01-01');
		expect(view.agreement).toMatchObject({ state: 'expiring', daysLeft: 19 });
		expect(view.seat?.id).toBe('seat.br1.cm2');
	});

	it("lists the pair's items of the year by due date, then title", () => {
		expect(view.lists.needs.map((i) => i.title)).toEqual(['甲', '乙']);
		expect(view.lists.projects.map((i) => i.title)).toEqual(['丙']);
		expect(view.lists.resources.map((i) => i.title)).toEqual(['丁']);
		expect(view.lists.responsibilities).toEqual([]);
	});

	it('counts the good deeds of the year delivered against three', () => {
		expect(view.goodDeeds.items.map((i) => i.title)).toEqual(['乙', '丁']);
		expect(view.goodDeeds).toMatchObject({ delivered: 1, target: 3 });
	});

	it("holds the year's meetings by the day held", () => {
		expect(view.meetings.map((m) => m.id)).toEqual(['mi.act-j1', 'mi.act-j2']);
	});

	it('is empty for a pair without documents', () => {
		const empty = ledgerView([], PAIR, 2026, LEDGER_NOW);
		expect(empty).toMatchObject({ agreement: null, seat: null, meetings: [] });
		expect(empty.goodDeeds.delivered).toBe(0);
	});
});
