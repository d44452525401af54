import type { Sheet } from 'write-excel-file/browser';
import type { LedgerView } from '../domain/ledger/ledger-view';
import {
	ledgerFileName,
	ledgerSheets,
	type LedgerSheet,
	type WorkbookLabels
} from '../domain/ledger/ledger-workbook';
import { formatDate } from '../i18n/format';
import { t } from '../i18n/i18n.svelte';
import { tagLabel } from '../i18n/vocabulary-labels';

/** The branch's and its linked community's names, as the directory on the device has them. */
export interface PairNames {
	branch: string;
	community: string;
}

/** The workbook's words from the ledger's messages, its dates as the screen writes them. */
export function workbookLabels(names: PairNames): WorkbookLabels {
	return {
		text: (key, params) => t(`ledger.export.${key}`, params),
		list: (list) => t(`ledger.list.${list}`),
		tag: (tag) => tagLabel('skill', tag),
		state: (state) => t(`ledger.itemState.${state}`),
		resourceType: (type) => t(`ledger.resourceType.${type}`),
		side: (side) => t(`ledger.side.${side}`),
		agreementState: (state) => t(`ledger.agreementState.${state}`),
		day: (isoDay) => formatDate(isoDay),
		branchName: names.branch,
		communityName: names.community
	};
}

/**
 * The sheets as write-excel-file takes them: headings bold, long texts wrapped, the heading rows
 * frozen so they stay in view while scrolling a long list.
 */
export function excelSheets(sheets: readonly LedgerSheet[]): Sheet<never>[] {
	return sheets.map((sheet) => ({
		sheet: sheet.name,
		data: sheet.rows.map((row, index) =>
			row.map((value) =>
				value === null
					? null
					: index < sheet.headerRows
						? { value, fontWeight: 'bold' as const }
						: { value, wrap: typeof value === 'string', alignVertical: 'top' as const }
			)
		),
		columns: sheet.widths.map((width) => ({ width })),
		stickyRowsCount: sheet.headerRows
	}));
}

/**
 * Writes the pair's ledger of the year as an .xlsx file and hands it to the browser to save, from
 * the replica alone (offline too). The writer loads only now: no screen carries it before.
 * Resolves with the file's name.
 */
export async function exportLedger(view: LedgerView, names: PairNames): Promise<string> {
	const { default: writeExcelFile } = await import('write-excel-file/browser');
	const fileName = ledgerFileName(names.branch, view.year);
	await writeExcelFile(excelSheets(ledgerSheets(view, workbookLabels(names)))).toFile(fileName);
	return fileName;
}
