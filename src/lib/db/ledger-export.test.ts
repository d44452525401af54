import readExcelFile from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { ledgerSheets, WORKBOOK_TEXTS, type LedgerSheet } from '../domain/ledger/ledger-workbook';
import { addMessages } from '../i18n/i18n.svelte';
import { ledgerEn } from '../i18n/parts/ledger.en';
import { ledgerZh } from '../i18n/parts/ledger.zh-CN';
import { sampleLedgerView } from '../../test-data/ledger-view-fixtures';
import { excelSheets, workbookLabels } from './ledger-export';

// As the ledger route's layout does.
addMessages({ 'zh-CN': ledgerZh, en: ledgerEn });

const names = { branch: '局机关第一党支部', community: '幸福社区' };
const sheets = ledgerSheets(sampleLedgerView(), workbookLabels(names));
const sheet = (name: string): LedgerSheet => {
	const found = sheets.find((s) => s.name === name);
	if (!found) throw new Error(`no sheet ${name}`);
	return found;
};

/** The workbook the export writes, made by the same writer on Node and read back. */
async function roundTrip() {
	const buffer = await writeExcelFile(excelSheets(sheets)).toBuffer();
	return { read: await readExcelFile(buffer) };
}

describe('the exported workbook', () => {
	it('holds the seven sheets by their Chinese names', async () => {
		const { read } = await roundTrip();
		expect(read.map((s) => s.sheet)).toEqual([
			'服务资源',
			'居民需求',
			'民生项目',
			'责任落实',
			'实事好事',
			'联席会议',
			'协议书'
		]);
	});

	it('reads back every heading and row as built, dates written the Chinese way', async () => {
		const { read } = await roundTrip();
		for (const [index, built] of sheets.entries()) {
			// The reader pads every row with nulls to the widest row of its sheet.
			const width = Math.max(...built.rows.map((row) => row.length));
			const padded = built.rows.map((row) => [
				...row,
				...Array<null>(width - row.length).fill(null)
			]);
			expect(read[index]?.data, built.name).toEqual(padded);
		}
		const needs = read[1]?.data ?? [];
		expect(needs[0]?.slice(0, 3)).toEqual(['序号', '事项', '具体内容']);
		expect(needs[1]).toContain('2026年4月12日');
		expect(needs[1]).toContain('已完成');
	});
});

describe('the workbook in Chinese', () => {
	it('heads each list with Chinese columns, the resource type on resources only', () => {
		expect(sheet('服务资源').rows[0]).toEqual([
			'序号',
			'事项',
			'具体内容',
			'资源类型',
			'标签',
			'责任人',
			'完成时限',
			'状态',
			'完成日期',
			'实事好事',
			'佐证材料',
			'来源',
			'填报方'
		]);
		expect(sheet('服务资源').rows[1]?.[3]).toBe('人员');
		expect(sheet('居民需求').rows[0]).not.toContain('资源类型');
	});

	it('writes an item with Chinese dates, state, good deed, evidence, source and side', () => {
		const [, lights, decided] = sheet('居民需求').rows;
		expect(lights).toEqual([
			1,
			'老旧小区楼道照明维修',
			null,
			'电工维修、repair',
			'马丽',
			'2026年3月1日',
			'已完成',
			'2026年4月12日',
			'是',
			'2 份',
			null,
			'社区'
		]);
		expect(decided?.[0]).toBe(2);
		expect(decided?.[6]).toBe('计划中');
		expect(decided?.[10]).toBe('联席会议决定第 1 项');
		expect(decided?.[11]).toBe('支部');
	});

	it('keeps an empty list as its heading alone', () => {
		expect(sheet('责任落实').rows).toHaveLength(1);
	});

	it('counts the good deeds against the target above their list', () => {
		const { rows, headerRows } = sheet('实事好事');
		expect(headerRows).toBe(2);
		expect(rows[0]).toEqual(['本年度已办成 1 件，目标 3 件']);
		expect(rows[1]?.slice(0, 3)).toEqual(['序号', '事项', '所属清单']);
		expect(rows.slice(2).map((row) => [row[1], row[2], row[5]])).toEqual([
			['老旧小区楼道照明维修', '居民需求', '已完成'],
			['老旧小区屋面防水改造', '民生项目', '推进中']
		]);
	});

	it('gives a meeting a row per decision, its own cells on the first', () => {
		const [header, first, second] = sheet('联席会议').rows;
		expect(header).toEqual([
			'序号',
			'会议日期',
			'会议议题',
			'邀请单位',
			'参会人员（单位）',
			'会议纪要',
			'决定事项',
			'所属清单',
			'责任人',
			'完成时限'
		]);
		expect(first).toEqual([
			1,
			'2026年10月26日',
			'研究冬季服务安排',
			'社区物业服务中心、社区警务室',
			'马丽（社区党组织）、赵建国',
			'会议形成两项决定。',
			'1. 完成楼道照明线路排查',
			'居民需求',
			'王芳',
			'2026年12月20日'
		]);
		expect(second).toEqual([
			null,
			null,
			null,
			null,
			null,
			null,
			'2. 开展冬季扫雪除冰',
			'民生项目',
			'马丽',
			'2027年1月5日'
		]);
	});

	it('lists the pair, the agreement with its state and days left, and the committee seat', () => {
		const rows = Object.fromEntries(sheet('协议书').rows.map(([k, v]) => [String(k), v]));
		expect(rows).toMatchObject({
			党支部: '局机关第一党支部',
			联系社区: '幸福社区',
			年度: 2026,
			协议名称: '共驻共治共建协议书',
			协议期限: '2025年1月1日 至 2026年12月10日',
			协议状态: '即将到期（还剩 20 天）',
			签订日期: '2025年1月1日',
			协议文本: '已上传签字盖章扫描件',
			兼职委员: '王芳',
			兼任职务: '社区党组织兼职委员',
			任职时间: '2025年3月15日'
		});
	});

	it('says when there is no agreement or seat yet', () => {
		const view = { ...sampleLedgerView(), agreement: null, seat: null };
		const rows = ledgerSheets(view, workbookLabels(names)).at(-1)?.rows ?? [];
		expect(rows).toContainEqual(['协议名称', '尚未签订协议书']);
		expect(rows).toContainEqual(['兼职委员', '尚未记录']);
		expect(rows).toContainEqual(['兼任职务', null]);
	});

	it('finds every text among the ledger messages', () => {
		for (const key of WORKBOOK_TEXTS) expect(ledgerZh[`ledger.export.${key}`], key).toBeTruthy();
		for (const key of WORKBOOK_TEXTS) expect(ledgerEn[`ledger.export.${key}`], key).toBeTruthy();
	});
});
