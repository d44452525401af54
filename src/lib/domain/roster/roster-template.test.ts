import { describe, expect, it } from 'vitest';
import type { RawWorkbook } from './raw-cells';
import { readRoster } from './roster-read';
import {
	exportFileName,
	exportSheet,
	templateSheets,
	TEMPLATE_EXAMPLE_ROWS
} from './roster-template';

const asBook = (rows: string[][][], names: string[]): RawWorkbook => ({
	tables: rows.map((sheet, i) => ({
		sheet: names[i] ?? '',
		rows: sheet.map((row) =>
			row.map((v) => (v ? { t: 'text' as const, v } : { t: 'empty' as const }))
		)
	}))
});

describe('the template', () => {
	const sheets = templateSheets();

	it('has the three sheets with their Chinese headers and one example row each', () => {
		expect(sheets.map((s) => s.name)).toEqual(['社区', '支部', '党员']);
		expect(sheets.map((s) => s.rows[0])).toEqual([
			['市（州）', '区（县）', '街道（乡镇）', '社区'],
			['支部名称', '联系社区'],
			['姓名', '所在支部', '手机号', '身份证号', '居住社区', '角色']
		]);
		expect(sheets.map((s) => s.rows.length)).toEqual([2, 2, 2]);
		expect(sheets.every((s) => s.widths.length === s.rows[0]?.length)).toBe(true);
	});

	it('reads back as an empty roster: the example rows are not imported', () => {
		const book = asBook(
			sheets.map((s) => s.rows.map((row) => row.map((v) => String(v ?? '')))),
			sheets.map((s) => s.name)
		);
		const { roster, problems } = readRoster(book);
		expect(roster).toEqual({ communities: [], branches: [], members: [] });
		expect(problems.map((p) => p.code)).toEqual(['empty']);
	});

	it('imports a row that differs from the example in anything', () => {
		const member = [...TEMPLATE_EXAMPLE_ROWS.members];
		member[2] = '13912345678';
		const { roster } = readRoster(
			asBook([[['姓名', '所在支部', '手机号', '身份证号', '居住社区', '角色'], member]], ['党员'])
		);
		expect(roster.members).toHaveLength(1);
	});
});

describe('the export', () => {
	it('writes one row a member under Chinese headers', () => {
		const sheet = exportSheet([
			{
				name: '张三',
				branch: '第一党支部',
				mobile: '138****5678',
				residence: '宁边路街道/丰收社区',
				roles: '党员、支部书记',
				username: 'm001',
				activated: true
			}
		]);
		expect(sheet.rows).toEqual([
			['姓名', '所在支部', '手机号', '居住社区', '角色', '账号', '是否已激活'],
			['张三', '第一党支部', '138****5678', '宁边路街道/丰收社区', '党员、支部书记', 'm001', '是']
		]);
	});

	it('names the file after the bureau, without characters a file name cannot hold', () => {
		expect(exportFileName('州住建局')).toBe('州住建局党员名册.xlsx');
		expect(exportFileName('a/b:c')).toBe('abc党员名册.xlsx');
		expect(exportFileName(' / ')).toBe('本单位党员名册.xlsx');
	});
});
