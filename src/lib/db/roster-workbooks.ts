import type { ExportedMember } from '../domain/roster/exported-member';
import {
	exportFileName,
	exportSheet,
	TEMPLATE_FILE_NAME,
	templateSheets
} from '../domain/roster/roster-template';
import { excelSheets } from './ledger-export';

export type { ExportedMember } from '../domain/roster/exported-member';

/** Writes the sheets as .xlsx and hands the file to the browser to save; the writer loads only now. */
async function download(
	sheets: Parameters<typeof excelSheets>[0],
	fileName: string
): Promise<void> {
	const { default: writeExcelFile } = await import('write-excel-file/browser');
	await writeExcelFile(excelSheets(sheets)).toFile(fileName);
}

/** The import template: sheets 社区, 支部, 党员 with their Chinese headers and one example row each. */
export function downloadRosterTemplate(): Promise<void> {
	return download(templateSheets(), TEMPLATE_FILE_NAME);
}

/** The bureau's roster as the server exported it (mobiles masked), as 〈bureau〉党员名册.xlsx. */
export function downloadRosterExport(rows: ExportedMember[], bureauName: string): Promise<void> {
	return download([exportSheet(rows)], exportFileName(bureauName));
}
