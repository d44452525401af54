import readExcelFile from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { readRoster } from '../domain/roster/roster-read';
import { exportSheet, templateSheets } from '../domain/roster/roster-template';
import { excelSheets } from './ledger-export';
import { readRosterBytes, type XlsxReader } from './roster-file';

// The same sheets downloadRosterTemplate hands the browser's writer, written by its Node build.
async function written(sheets: ReturnType<typeof templateSheets>): Promise<Uint8Array> {
	return new Uint8Array(await writeExcelFile(excelSheets(sheets)).toBuffer());
}

describe('the template as a file', () => {
	it('reads back through the roster reader as three known sheets and nothing to import', async () => {
		const bytes = await written(templateSheets());
		const book = await readRosterBytes(bytes, () =>
			Promise.resolve(readExcelFile as unknown as XlsxReader)
		);
		if ('problem' in book) throw new Error(book.problem);
		expect(book.tables.map((t) => t.sheet)).toEqual(['社区', '支部', '党员']);
		expect(readRoster(book).problems.map((p) => p.code)).toEqual(['empty']);
	});
});

describe('the export as a file', () => {
	it('holds the members as given', async () => {
		const bytes = await written([
			exportSheet([
				{
					name: '张三',
					branch: '第一党支部',
					mobile: '138****5678',
					residence: '',
					roles: '党员',
					username: 'm001',
					activated: false
				}
			])
		]);
		const [sheet] = await readExcelFile(Buffer.from(bytes));
		expect(sheet?.sheet).toBe('党员');
		expect(sheet?.data[1]).toEqual([
			'张三',
			'第一党支部',
			'138****5678',
			null,
			'党员',
			'm001',
			'否'
		]);
	});
});
