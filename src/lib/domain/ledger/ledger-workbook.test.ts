import { describe, expect, it } from 'vitest';
import { sampleLedgerView } from '../../../test-data/ledger-view-fixtures';
import {
	chineseDay,
	ledgerFileName,
	ledgerSheets,
	sheetName,
	SHEET_NAME_MAX,
	type LedgerSheet,
	type WorkbookLabels
} from './ledger-workbook';

/** Labels that say what was asked for, so the rows show which label went where. */
const echo: WorkbookLabels = {
	text: (key, params) => (params ? `${key}${JSON.stringify(params)}` : key),
	list: (list) => `list:${list}`,
	tag: (tag) => `tag:${tag}`,
	state: (state) => `state:${state}`,
	resourceType: (type) => `type:${type}`,
	side: (side) => `side:${side}`,
	agreementState: (state) => `agreement:${state}`,
	day: chineseDay,
	branchName: 'Branch 1',
	communityName: 'Community 1'
};

const sheets = ledgerSheets(sampleLedgerView(), echo);
const sheet = (name: string): LedgerSheet => {
	const found = sheets.find((s) => s.name === name);
	if (!found) throw new Error(`no sheet ${name}`);
	return found;
};

describe('ledgerSheets', () => {
	it('has a sheet per list, then good deeds, meetings and the agreement', () => {
		expect(sheets.map((s) => s.name)).toEqual([
			'sheet.resources',
			'sheet.needs',
			'sheet.projects',
			'sheet.responsibilities',
			'sheet.goodDeeds',
			'sheet.meetings',
			'sheet.agreement'
		]);
		for (const s of sheets) {
			expect(s.widths.length, s.name).toBe(s.rows[s.headerRows - 1]?.length);
		}
	});

	it('writes an item: its day, state, tags, good deed, evidence, source and side', () => {
		const [header, lights, decided] = sheet('sheet.needs').rows;
		expect(header).not.toContain('col.resourceType');
		expect(lights).toEqual([
			1,
			'老旧小区楼道照明维修',
			null,
			'tag:electrical-repair、tag:repair',
			'马丽',
			'2026年3月1日',
			'state:done',
			'2026年4月12日',
			'yes',
			'evidence.count{"count":2}',
			null,
			'side:community'
		]);
		expect(decided?.slice(0, 2)).toEqual([2, '完成楼道照明线路排查']);
		expect(decided?.[10]).toBe('source.meeting{"n":1}');
	});

	it('gives resources their type, and keeps an empty list as its heading alone', () => {
		const [header, volunteers] = sheet('sheet.resources').rows;
		expect(header?.[3]).toBe('col.resourceType');
		expect(volunteers?.[3]).toBe('type:people');
		expect(sheet('sheet.responsibilities').rows).toEqual([sheet('sheet.needs').rows[0]]);
	});

	it('counts the good deeds against the target above their list', () => {
		const { rows, headerRows } = sheet('sheet.goodDeeds');
		expect(headerRows).toBe(2);
		expect(rows[0]).toEqual(['goodDeeds.delivered{"delivered":1,"target":3}']);
		expect(rows.slice(2).map((row) => [row[1], row[2], row[5]])).toEqual([
			['老旧小区楼道照明维修', 'list:needs', 'state:done'],
			['老旧小区屋面防水改造', 'list:projects', 'state:in-progress']
		]);
	});

	it('gives a meeting a row per decision, its own cells on the first', () => {
		const [, first, second] = sheet('sheet.meetings').rows;
		expect(first?.slice(0, 7)).toEqual([
			1,
			'2026年10月26日',
			'研究冬季服务安排',
			'社区物业服务中心、社区警务室',
			'马丽（社区党组织）、赵建国',
			'会议形成两项决定。',
			'1. 完成楼道照明线路排查'
		]);
		expect(second).toEqual([
			null,
			null,
			null,
			null,
			null,
			null,
			'2. 开展冬季扫雪除冰',
			'list:projects',
			'马丽',
			'2027年1月5日'
		]);
	});

	it('shows an agreement ending soon with the days left', () => {
		const rows = new Map(sheet('sheet.agreement').rows.map(([k, v]) => [k, v]));
		expect(rows.get('agreement.branch')).toBe('Branch 1');
		expect(rows.get('agreement.year')).toBe(2026);
		expect(rows.get('agreement.state')).toBe('agreement:expiring（agreement.daysLeft{"days":20}）');
		expect(rows.get('agreement.period')).toBe(
			'agreement.periodValue{"from":"2025年1月1日","to":"2026年12月10日"}'
		);
	});

	it('says when there is no agreement or seat yet', () => {
		const view = { ...sampleLedgerView(), agreement: null, seat: null };
		const rows = ledgerSheets(view, echo).at(-1)?.rows ?? [];
		expect(rows).toContainEqual(['agreement.title', 'agreement.none']);
		expect(rows).toContainEqual(['seat.member', 'seat.none']);
		expect(rows).toContainEqual(['seat.post', null]);
	});
});

describe('sheetName', () => {
	it('keeps to the 31 characters Excel allows, without the characters it refuses', () => {
		expect(sheetName('联席会议')).toBe('联席会议');
		expect(Array.from(sheetName('长'.repeat(40)))).toHaveLength(SHEET_NAME_MAX);
		expect(sheetName('a/b:c[d]')).toBe('a b c d');
		expect(sheetName('//')).toBe('Sheet');
	});
});

describe('ledgerFileName', () => {
	it('names the workbook after the branch and year', () => {
		expect(ledgerFileName('局机关第一党支部', 2026)).toBe('台账-局机关第一党支部-2026.xlsx');
		expect(ledgerFileName('A/B:支部', 2025)).toBe('台账-AB支部-2025.xlsx');
	});
});

describe('chineseDay', () => {
	it('writes a calendar day the Chinese way', () => {
		expect(chineseDay('2026-03-01')).toBe('2026年3月1日');
		expect(chineseDay('2026-12-20')).toBe('2026年12月20日');
	});
});
