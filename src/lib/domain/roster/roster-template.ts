import { sheetName, type LedgerSheet, type WorkbookCell } from '../ledger/ledger-workbook';
import type { ExportedMember } from './exported-member';
import { ROSTER_TABLE_NAMES, ROSTER_TABLES, type RosterTableName } from './roster-columns';

/** One row each, showing how a cell is filled in (community references as "街道/社区"). */
export const TEMPLATE_EXAMPLE_ROWS: Record<RosterTableName, readonly string[]> = {
	communities: ['昌吉回族自治州', '昌吉市', '宁边路街道', '丰收社区'],
	branches: ['机关第一党支部', '宁边路街道/丰收社区'],
	members: ['张三', '机关第一党支部', '13800000000', '', '宁边路街道/丰收社区', '党员']
};

export const TEMPLATE_FILE_NAME = '双报到名册模板.xlsx';

/** Widths in characters; a Chinese character is about two. */
const width = (header: string, example: string) =>
	Math.max(12, (Math.max(header.length, example.length) + 2) * 2);

/** The template's three sheets, headed as readRoster knows them. */
export function templateSheets(): LedgerSheet[] {
	return ROSTER_TABLE_NAMES.map((table) => {
		const { sheet, columns } = ROSTER_TABLES[table];
		const example = TEMPLATE_EXAMPLE_ROWS[table];
		return {
			name: sheet,
			headerRows: 1,
			rows: [columns.map((c) => c.header), [...example]],
			widths: columns.map((c, i) => width(c.header, example[i] ?? ''))
		};
	});
}

export const EXPORT_HEADERS = [
	'姓名',
	'所在支部',
	'手机号',
	'居住社区',
	'角色',
	'账号',
	'是否已激活'
];

/** The bureau's roster as the export writes it, one row a member. */
export function exportSheet(members: readonly ExportedMember[]): LedgerSheet {
	const rows: WorkbookCell[][] = members.map((m) => [
		m.name,
		m.branch,
		m.mobile,
		m.residence,
		m.roles,
		m.username,
		m.activated ? '是' : '否'
	]);
	return {
		name: sheetName('党员'),
		headerRows: 1,
		rows: [EXPORT_HEADERS, ...rows],
		widths: [12, 28, 16, 28, 18, 16, 12]
	};
}

/** 住建局党员名册.xlsx: the bureau's name without characters a file name cannot hold. */
export function exportFileName(bureauName: string): string {
	const safe = bureauName.replace(/[\\/:*?"<>|]/g, '').trim();
	return `${safe || '本单位'}党员名册.xlsx`;
}
