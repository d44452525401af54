import type { Agreement } from '../lib/domain/ledger/agreements';
import type { LedgerPair } from '../lib/domain/ledger/ledger-pair';
import type { LedgerView } from '../lib/domain/ledger/ledger-view';
import type { LedgerList, ListItem } from '../lib/domain/ledger/list-items';
import type { Minutes } from '../lib/domain/ledger/minutes';

const pair: LedgerPair = { branchId: 'br1', communityId: 'cm1', orgId: 'org-zjj' };
const at = '2026-03-01T02:00:00.000Z';

export function ledgerItem(overrides: Partial<ListItem> & Pick<ListItem, 'id' | 'list'>): ListItem {
	return {
		kind: 'list-item',
		...pair,
		year: 2026,
		title: '老旧小区楼道照明维修',
		tags: [],
		owner: '王芳',
		dueOn: '2026-03-01',
		state: 'planned',
		goodDeed: false,
		evidence: [],
		serviceItemIds: [],
		recordIds: [],
		side: 'branch',
		trail: [{ at, by: 'secretary1', change: 'created' }],
		by: 'secretary1',
		updatedAt: at,
		channels: [],
		...overrides
	};
}

export const ledgerAgreement: Agreement = {
	id: 'ag.br1.cm1.20250101',
	kind: 'agreement',
	...pair,
	title: '共驻共治共建协议书',
	startsOn: '2025-01-01',
	endsOn: '2026-12-10',
	content: '双方围绕四张清单开展共建。',
	branchSignatory: '王芳（支部书记）',
	communitySignatory: '马丽（社区党组织书记）',
	signedOn: '2025-01-01',
	file: 'a'.repeat(64),
	by: 'secretary1',
	updatedAt: at,
	channels: []
};

export const ledgerMinutes: Minutes = {
	id: 'mi.act-j1',
	kind: 'minutes',
	...pair,
	activityId: 'act-j1',
	year: 2026,
	heldOn: '2026-10-26',
	agenda: '研究冬季服务安排',
	invitedUnits: ['社区物业服务中心', '社区警务室'],
	attendees: [
		{ name: '马丽', unit: '社区党组织' },
		{ name: '赵建国', unit: '' }
	],
	text: '会议形成两项决定。',
	decisions: [
		{ text: '完成楼道照明线路排查', owner: '王芳', dueOn: '2026-12-20', list: 'needs' },
		{ text: '开展冬季扫雪除冰', owner: '马丽', dueOn: '2027-01-05', list: 'projects' }
	],
	side: 'branch',
	by: 'secretary1',
	updatedAt: at,
	channels: []
};

/**
 * A pair's ledger of 2026 as the screens get it from `ledgerView`: an agreement ending soon, a
 * seat, items in each list (one from a meeting's decision, two good deeds), one minuted meeting.
 */
export function sampleLedgerView(): LedgerView {
	const lights = ledgerItem({
		id: 'li.br1.2026.a1',
		list: 'needs',
		state: 'done',
		doneOn: '2026-04-12',
		goodDeed: true,
		tags: ['electrical-repair', 'repair'],
		evidence: ['b'.repeat(64), 'c'.repeat(64)],
		side: 'community',
		owner: '马丽'
	});
	const roof = ledgerItem({
		id: 'li.br1.2026.a2',
		list: 'projects',
		title: '老旧小区屋面防水改造',
		detail: '完成 2 栋住宅楼屋面防水修缮。',
		state: 'in-progress',
		goodDeed: true,
		dueOn: '2026-12-01'
	});
	const volunteers = ledgerItem({
		id: 'li.br1.2026.a3',
		list: 'resources',
		title: '党员志愿服务队',
		resourceType: 'people',
		dueOn: '2026-06-30'
	});
	const decided = ledgerItem({
		id: 'li.mi.act-j1.d1',
		list: 'needs',
		title: '完成楼道照明线路排查',
		dueOn: '2026-12-20',
		fromMinutes: { minutesId: 'mi.act-j1', decision: 1 }
	});
	const lists: Record<LedgerList, ListItem[]> = {
		resources: [volunteers],
		needs: [lights, decided],
		projects: [roof],
		responsibilities: []
	};
	return {
		pair,
		year: 2026,
		agreement: { doc: ledgerAgreement, state: 'expiring', daysLeft: 20 },
		seat: {
			id: 'seat.br1.cm1',
			kind: 'committee-seat',
			...pair,
			memberId: 'm121',
			memberName: '王芳',
			post: '社区党组织兼职委员',
			since: '2025-03-15',
			evidence: ['d'.repeat(64)],
			by: 'secretary1',
			updatedAt: at,
			channels: []
		},
		lists,
		goodDeeds: { delivered: 1, target: 3, items: [lights, roof] },
		meetings: [ledgerMinutes]
	};
}
