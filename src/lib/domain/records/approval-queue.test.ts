import { describe, expect, it } from 'vitest';
import {
	approvableSelection,
	DEFAULT_FILTER,
	filterChoices,
	filterRows,
	isApprovable,
	queueRows,
	shanghaiMonth,
	stateCounts,
	toggleAll,
	toggleOne
} from './approval-queue';
import type { Correction } from './corrections';
import type { RecordState, RecordView } from './record-status';
import type { ServiceCategory, ServiceRecord } from './service-record';

function view(
	id: string,
	state: RecordState,
	options: {
		memberId?: string;
		memberName?: string;
		at?: string;
		category?: ServiceCategory;
		correction?: RecordView['correction'];
		withdrawn?: boolean;
	} = {}
): RecordView {
	const at = options.at ?? '2026-03-10T02:00:00.000Z';
	const record: ServiceRecord = {
		id,
		kind: 'service-record',
		origin: 'own',
		memberId: options.memberId ?? 'm1',
		memberName: options.memberName ?? '张三',
		branchId: 'b1',
		orgId: 'o1',
		communityId: 'c1',
		category: options.category ?? 'service',
		at,
		minutes: 90,
		description: '打扫楼道',
		photos: [],
		submission: 2,
		submittedAt: at,
		trail: [],
		updatedAt: at,
		channels: [],
		...(options.withdrawn ? { withdrawn: true } : {})
	};
	return {
		record,
		effective: { at, minutes: 90, description: '打扫楼道', communityId: 'c1' },
		state,
		confirmation: 'review',
		...(options.correction ? { correction: options.correction } : {})
	};
}

function correctionOf(recordId: string, asked: Correction['asked']): Correction {
	return {
		id: `co.${recordId}`,
		kind: 'correction',
		recordId,
		memberId: 'm1',
		memberName: '张三',
		branchId: 'b1',
		orgId: 'o1',
		communityId: 'c1',
		year: 2026,
		asked,
		reason: '时间记错了',
		photos: [],
		submission: 1,
		submittedAt: '2026-03-12T02:00:00.000Z',
		updatedAt: '2026-03-12T02:00:00.000Z',
		channels: []
	};
}

describe('shanghaiMonth', () => {
	it('takes the month in Shanghai, not in UTC', () => {
		expect(shanghaiMonth('2026-03-31T16:30:00.000Z')).toBe('2026-04');
		expect(shanghaiMonth('2026-03-31T15:59:00.000Z')).toBe('2026-03');
	});
});

describe('queueRows', () => {
	it('leaves withdrawn records out and keeps their state otherwise', () => {
		const rows = queueRows([
			view('sr.a', 'needs-approval'),
			view('sr.b', 'withdrawn', { withdrawn: true }),
			view('sr.c', 'flagged')
		]);
		expect(rows.map((r) => [r.id, r.state])).toEqual([
			['sr.a', 'needs-approval'],
			['sr.c', 'flagged']
		]);
	});

	it('adds a row for a correction with the values asked and its own state and submission', () => {
		const correction = correctionOf('sr.a', { minutes: 120, at: '2026-04-01T01:00:00.000Z' });
		const rows = queueRows([
			view('sr.a', 'approved', { correction: { correction, state: 'needs-approval' } })
		]);
		expect(rows).toHaveLength(2);
		const row = rows[1]!;
		expect(row).toMatchObject({
			id: 'co.sr.a',
			subject: 'correction',
			state: 'needs-approval',
			submission: 1,
			minutes: 120,
			month: '2026-04',
			description: '打扫楼道'
		});
		expect(rows[0]).toMatchObject({ id: 'sr.a', subject: 'record', state: 'approved' });
	});
});

describe('filters', () => {
	const rows = queueRows([
		view('sr.a', 'needs-approval', { memberId: 'm1', category: 'service' }),
		view('sr.b', 'needs-approval', { memberId: 'm2', memberName: '李四', category: 'emergency' }),
		view('sr.c', 'needs-approval', { memberId: 'm1', at: '2026-05-02T02:00:00.000Z' }),
		view('sr.d', 'returned', { memberId: 'm1' }),
		view('sr.e', 'needs-confirmation', { memberId: 'm2', memberName: '李四' })
	]);

	it('shows 待审批 by default', () => {
		expect(filterRows(rows, DEFAULT_FILTER).map((r) => r.id)).toEqual(['sr.a', 'sr.b', 'sr.c']);
	});

	it('combines state, member, category and month', () => {
		expect(filterRows(rows, { ...DEFAULT_FILTER, memberId: 'm1' }).map((r) => r.id)).toEqual([
			'sr.a',
			'sr.c'
		]);
		expect(filterRows(rows, { ...DEFAULT_FILTER, category: 'emergency' }).map((r) => r.id)).toEqual(
			['sr.b']
		);
		expect(filterRows(rows, { ...DEFAULT_FILTER, month: '2026-05' }).map((r) => r.id)).toEqual([
			'sr.c'
		]);
		expect(
			filterRows(rows, { ...DEFAULT_FILTER, state: 'returned', memberId: 'm2' }).map((r) => r.id)
		).toEqual([]);
	});

	it('counts each state under the other filters', () => {
		expect(stateCounts(rows, DEFAULT_FILTER)).toEqual({
			'needs-approval': 3,
			'needs-confirmation': 1,
			flagged: 0,
			returned: 1,
			approved: 0
		});
		expect(stateCounts(rows, { ...DEFAULT_FILTER, memberId: 'm2' })).toMatchObject({
			'needs-approval': 1,
			'needs-confirmation': 1,
			returned: 0
		});
	});

	it('offers the members, categories and months the rows hold', () => {
		expect(filterChoices(rows)).toEqual({
			members: [
				{ id: 'm2', name: '李四' },
				{ id: 'm1', name: '张三' }
			],
			categories: ['emergency', 'service'],
			months: ['2026-05', '2026-03']
		});
	});
});

describe('selection', () => {
	const rows = queueRows([
		view('sr.a', 'needs-approval'),
		view('sr.b', 'needs-approval'),
		view('sr.c', 'needs-confirmation'),
		view('sr.own', 'needs-approval', { memberId: 'sec' })
	]);

	it('selects every approvable row shown, then none', () => {
		const all = toggleAll(rows, new Set(), 'sec');
		expect([...all]).toEqual(['sr.a', 'sr.b']);
		expect(toggleAll(rows, all, 'sec').size).toBe(0);
		expect([...toggleAll(rows, new Set(['sr.a']), 'sec')]).toEqual(['sr.a', 'sr.b']);
	});

	it('toggles one row', () => {
		expect([...toggleOne(new Set(['sr.a']), 'sr.b')]).toEqual(['sr.a', 'sr.b']);
		expect([...toggleOne(new Set(['sr.a']), 'sr.a')]).toEqual([]);
	});

	it('approves only rows shown, waiting for the secretary and not her own', () => {
		const selected = new Set(['sr.a', 'sr.c', 'sr.own', 'sr.gone']);
		expect(approvableSelection(rows, selected, 'sec').map((r) => r.id)).toEqual(['sr.a']);
		expect(isApprovable(rows[3]!, 'sec')).toBe(false);
		expect(isApprovable(rows[3]!, 'other')).toBe(true);
		expect(isApprovable(rows[2]!, 'other')).toBe(false);
	});
});
