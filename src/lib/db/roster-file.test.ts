import { strToU8, unzipSync, zipSync } from 'fflate';
import readExcelFile from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { RawWorkbook } from '../domain/roster/raw-cells';
import { readRoster } from '../domain/roster/roster-read';
import { readRosterBytes, readRosterFile, type XlsxReader } from './roster-file';

const nodeReader = () => Promise.resolve(readExcelFile as unknown as XlsxReader);
const read = (bytes: Uint8Array) => readRosterBytes(bytes, nodeReader);

type Cell = Parameters<typeof writeExcelFile>[0] extends (infer S)[] ? S : never;

async function xlsx(sheets: { sheet: string; data: unknown[][] }[]): Promise<Uint8Array> {
	const buffer = await writeExcelFile(sheets as unknown as Cell[]).toBuffer();
	return new Uint8Array(buffer);
}

const MEMBER_HEADERS = ['姓名', '所在支部', '手机号'];

function workbook(result: Awaited<ReturnType<typeof read>>): RawWorkbook {
	if ('problem' in result) throw new Error(`problem ${result.problem}`);
	return result;
}

describe('reading an .xlsx roster', () => {
	it('reads every sheet, text and numbers as typed', async () => {
		const bytes = await xlsx([
			{ sheet: '支部', data: [['支部名称'], ['第一党支部']] },
			{ sheet: '党员', data: [MEMBER_HEADERS, ['张三', '第一党支部', 13812345678]] }
		]);
		const book = workbook(await read(bytes));
		expect(book.tables.map((t) => t.sheet)).toEqual(['支部', '党员']);
		expect(book.tables[1]?.rows[1]).toEqual([
			{ t: 'text', v: '张三' },
			{ t: 'text', v: '第一党支部' },
			{ t: 'number', v: 13812345678 }
		]);
		expect(readRoster(book).problems).toEqual([]);
	});

	it('marks formulas, merged cells and dates, which readRoster names by row and column', async () => {
		const bytes = await xlsx([
			{
				sheet: '党员',
				data: [
					MEMBER_HEADERS,
					[{ value: '张三', rowSpan: 2 }, '第一党支部', '13812345678'],
					[null, '第一党支部', '13912345678'],
					['王五', { type: 'Formula', value: '=B3' }, '13712345678'],
					[
						'赵六',
						{ type: Date, value: new Date('2026-03-05T00:00:00Z'), format: 'yyyy-mm-dd' },
						'13612345678'
					]
				]
			}
		]);
		const book = workbook(await read(bytes));
		const rows = book.tables[0]?.rows ?? [];
		expect(rows[2]?.[0]).toEqual({ t: 'merged' });
		expect(rows[3]?.[1]?.t).toBe('formula');
		expect(rows[4]?.[1]).toEqual({ t: 'date', v: '2026-03-05' });
		const problems = readRoster(book).problems.map((p) => [p.row, p.column, p.code]);
		expect(problems).toEqual([
			[3, '姓名', 'merged'],
			[4, '所在支部', 'formula'],
			[5, '所在支部', 'date-number']
		]);
	});

	it('reads a formula the spreadsheet cached a value for, and a merge of empty cells as nothing', async () => {
		const sheet =
			'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
			'<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>所在支部</t></is></c><c r="C1" t="inlineStr"><is><t>手机号</t></is></c></row>' +
			'<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="str"><f>"第一"&amp;"党支部"</f><v>第一党支部</v></c><c r="C2"><v>13812345678</v></c></row>' +
			'</sheetData><mergeCells count="1"><mergeCell ref="E1:F2"/></mergeCells></worksheet>';
		const bytes = zipSync({
			'[Content_Types].xml': strToU8(
				'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
			),
			'xl/workbook.xml': strToU8(
				'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="党员" sheetId="1" r:id="rId1"/></sheets></workbook>'
			),
			'xl/_rels/workbook.xml.rels': strToU8(
				'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
			),
			'xl/worksheets/sheet1.xml': strToU8(sheet)
		});
		const book = workbook(await read(bytes));
		expect(book.tables[0]?.rows[1]?.[1]).toEqual({ t: 'formula', v: '第一党支部' });
		expect(readRoster(book).problems).toEqual([
			{ table: 'members', row: 2, column: '所在支部', code: 'formula', value: '第一党支部' }
		]);
	});

	it('hands the reader the parts stored, not compressed: no Web Worker to inflate them in the browser', async () => {
		const data = [MEMBER_HEADERS];
		for (let i = 0; i < 20_000; i++)
			data.push([`党员${i}`, '第一党支部', `138${String(i).padStart(8, '0')}`]);
		const bytes = await xlsx([{ sheet: '党员', data }]);
		const compressions: number[] = [];
		const universal = (await import('read-excel-file/universal')).default;
		const book = workbook(
			await readRosterBytes(bytes, () =>
				Promise.resolve(async (input: Blob) => {
					unzipSync(new Uint8Array(await input.arrayBuffer()), {
						filter: (file) => {
							compressions.push(file.compression);
							return false;
						}
					});
					return universal(input);
				})
			)
		);
		expect(compressions.length).toBeGreaterThan(3);
		expect(new Set(compressions)).toEqual(new Set([0]));
		const { roster, problems } = readRoster(book);
		expect(problems).toEqual([]);
		expect(roster.members).toHaveLength(20_000);
	});

	it('counts 50,000 rows without reading their cells, and readRoster refuses them', async () => {
		const rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'];
		for (let r = 2; r <= 50_001; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
		const bytes = zipSync({
			'xl/workbook.xml': strToU8(
				'<workbook xmlns:r="r"><sheets><sheet name="党员" sheetId="1" r:id="rId1"/></sheets></workbook>'
			),
			'xl/_rels/workbook.xml.rels': strToU8(
				'<Relationships><Relationship Id="rId1" Target="/xl/worksheets/sheet1.xml"/></Relationships>'
			),
			'xl/worksheets/sheet1.xml': strToU8(
				`<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`
			)
		});
		let loaded = false;
		const result = await readRosterBytes(bytes, () => {
			loaded = true;
			return nodeReader();
		});
		expect(loaded).toBe(false);
		expect(readRoster(workbook(result)).problems).toEqual([
			{ table: null, row: null, column: null, code: 'too-many-rows', value: '50000' }
		]);
	});
});

describe('reading a CSV roster', () => {
	const utf8 = (text: string) => new TextEncoder().encode(text);

	it('drops the byte-order mark, takes CRLF and quoted fields with commas, quotes and line breaks', async () => {
		const book = workbook(
			await read(utf8('\ufeff姓名,所在支部,手机号\r\n"张,三","第一""党""支部","138\n12345678"\r\n'))
		);
		expect(book.tables).toEqual([
			{
				sheet: '',
				rows: [
					[
						{ t: 'text', v: '姓名' },
						{ t: 'text', v: '所在支部' },
						{ t: 'text', v: '手机号' }
					],
					[
						{ t: 'text', v: '张,三' },
						{ t: 'text', v: '第一"党"支部' },
						{ t: 'text', v: '138\n12345678' }
					]
				]
			}
		]);
	});

	it('reads a file saved as GB18030 by Excel on Chinese Windows', async () => {
		// "姓名,手机号" then a row, in GBK bytes (a subset of GB18030).
		const gbk = new Uint8Array([
			0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0xba, 0xc5, 0x0d, 0x0a, 0xd5, 0xc5,
			0xc8, 0xfd, 0x2c, 0x31, 0x33, 0x38
		]);
		const book = workbook(await read(gbk));
		expect(book.tables[0]?.rows).toEqual([
			[
				{ t: 'text', v: '姓名' },
				{ t: 'text', v: '手机号' }
			],
			[
				{ t: 'text', v: '张三' },
				{ t: 'text', v: '138' }
			]
		]);
	});

	it('gives empty fields as empty cells', async () => {
		const book = workbook(await read(utf8('姓名,,手机号\n')));
		expect(book.tables[0]?.rows[0]?.[1]).toEqual({ t: 'empty' });
	});
});

describe('files that are no roster', () => {
	it('says an empty file is empty', async () => {
		expect(await read(new Uint8Array())).toEqual({ problem: 'empty' });
	});

	it('says an image, an old .xls and a zip of something else are no spreadsheet', async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
		const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
		const zip = zipSync({ 'word/document.xml': strToU8('<w:document/>') });
		const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
		for (const bytes of [png, xls, zip, broken]) {
			expect(await read(bytes)).toEqual({ problem: 'not-spreadsheet' });
		}
	});

	it('refuses a file over 10 MB before reading it', async () => {
		const file = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.xlsx');
		expect(await readRosterFile(file)).toEqual({ problem: 'too-large' });
	});
});
