import type { RawCell, RawTable, RawWorkbook } from '../domain/roster/raw-cells';
import { MAX_ROSTER_ROWS } from '../domain/roster/roster-columns';
import { csvTable } from './roster-csv';

/** The largest file read: a full roster of 20,000 members is about 2 MB as .xlsx. */
export const ROSTER_FILE_MAX_BYTES = 10 * 1024 * 1024;
/** What a file may unpack to: more is a zip bomb, not a roster. */
const UNPACKED_MAX_BYTES = 200 * 1024 * 1024;

export type RosterFileProblem = 'not-spreadsheet' | 'empty' | 'too-large';

type CellValue = string | number | boolean | Date | null;
/** read-excel-file's reader of all sheets, whichever build (browser on the device, node in tests). */
export type XlsxReader = (input: Blob) => Promise<{ sheet: string; data: unknown[][] }[]>;

/**
 * What a chosen roster file holds, as the domain reads it (readRoster): an .xlsx workbook's sheets
 * or a CSV file's table, each cell as it was typed — formulas and merged cells marked. The readers
 * load only now, so no other screen carries them.
 */
export async function readRosterFile(
	file: File
): Promise<RawWorkbook | { problem: RosterFileProblem }> {
	if (file.size > ROSTER_FILE_MAX_BYTES) return { problem: 'too-large' };
	const bytes = new Uint8Array(await file.arrayBuffer());
	return readRosterBytes(bytes, async () => (await import('read-excel-file/browser')).default);
}

/** The file's bytes read with the given .xlsx reader: tests hand it read-excel-file's Node build. */
export async function readRosterBytes(
	bytes: Uint8Array,
	loadReader: () => Promise<XlsxReader>
): Promise<RawWorkbook | { problem: RosterFileProblem }> {
	if (bytes.length === 0) return { problem: 'empty' };
	if (bytes.length > ROSTER_FILE_MAX_BYTES) return { problem: 'too-large' };
	if (isZip(bytes)) return readXlsx(bytes, loadReader);
	if (!looksLikeText(bytes)) return { problem: 'not-spreadsheet' };
	return { tables: [csvTable(bytes)] };
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Text has no NUL bytes: an old .xls, a PDF or an image has many in its first kilobytes. */
function looksLikeText(bytes: Uint8Array): boolean {
	const head = bytes.subarray(0, 4096);
	return !head.includes(0);
}

/** A sheet's formulas, merges and data rows, read from its XML: the value reader hides them. */
interface SheetMarkers {
	formulas: Set<string>;
	merges: { top: number; left: number; bottom: number; right: number }[];
	dataRows: number;
}

async function readXlsx(
	bytes: Uint8Array,
	loadReader: () => Promise<XlsxReader>
): Promise<RawWorkbook | { problem: RosterFileProblem }> {
	const { unzipSync, strFromU8 } = await import('fflate');
	let files: Record<string, Uint8Array>;
	let unpacked = 0;
	try {
		files = unzipSync(bytes, {
			filter: (file) => {
				unpacked += file.originalSize;
				return /\.(xml|rels)$/.test(file.name);
			}
		});
	} catch {
		return { problem: 'not-spreadsheet' };
	}
	if (unpacked > UNPACKED_MAX_BYTES) return { problem: 'too-large' };
	const workbook = files['xl/workbook.xml'];
	const relations = files['xl/_rels/workbook.xml.rels'];
	if (!workbook || !relations) return { problem: 'not-spreadsheet' };

	const markers = new Map<string, SheetMarkers>();
	for (const { name, path } of sheetsOf(strFromU8(workbook), strFromU8(relations))) {
		const xml = files[path];
		if (xml) markers.set(name, markersOf(strFromU8(xml)));
	}
	const rows = [...markers.values()].reduce((sum, m) => sum + Math.max(0, m.dataRows - 1), 0);
	if (rows > MAX_ROSTER_ROWS) return { tables: [tooManyRows(rows)] };

	let sheets: Awaited<ReturnType<XlsxReader>>;
	try {
		const read = await loadReader();
		sheets = await read(new Blob([await storedZip(files)]));
	} catch {
		return { problem: 'not-spreadsheet' };
	}
	const tables = sheets.map((sheet) => tableOf(sheet.sheet, sheet.data, markers.get(sheet.sheet)));
	if (tables.every((table) => table.rows.length === 0)) return { problem: 'empty' };
	return { tables };
}

/**
 * The workbook's parts zipped again without compression. read-excel-file unzips with fflate, which
 * inflates a part of 512 KB or more in a Web Worker made from a blob: address — refused by the
 * app's Content-Security-Policy (worker-src 'self'), so a large roster would not read. Stored
 * parts are only copied.
 */
async function storedZip(files: Record<string, Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
	const { zipSync } = await import('fflate');
	return zipSync(
		Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { level: 0 }]]))
	);
}

/**
 * A workbook over the limit is not read: a table of as many rows, each the same marker, lets the
 * domain say how many there are (readRoster refuses it before looking at any row).
 */
function tooManyRows(count: number): RawTable {
	const marker: RawCell[] = [{ t: 'text', v: '…' }];
	return { sheet: '', rows: Array.from({ length: count + 1 }, () => marker) };
}

function decodeXml(text: string): string {
	return text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | undefined {
	const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
	return match?.[1] === undefined ? undefined : decodeXml(match[1]);
}

/** The sheets' names and the paths of their XML, in the workbook's order. */
function sheetsOf(workbook: string, relations: string): { name: string; path: string }[] {
	const targets = new Map<string, string>();
	for (const [tag] of relations.matchAll(/<Relationship\b[^>]*>/g)) {
		const id = attribute(tag, 'Id');
		const target = attribute(tag, 'Target');
		if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
	}
	return [...workbook.matchAll(/<sheet\b[^>]*>/g)].flatMap(([tag]) => {
		const name = attribute(tag, 'name');
		const path = targets.get(attribute(tag, 'r:id') ?? '');
		return name !== undefined && path ? [{ name, path }] : [];
	});
}

/** Column letters and row number of a cell reference such as "AB12", both from 0. */
function position(reference: string): { row: number; column: number } {
	const match = /^([A-Z]+)(\d+)$/.exec(reference);
	if (!match?.[1] || !match[2]) return { row: -1, column: -1 };
	let column = 0;
	for (const letter of match[1]) column = column * 26 + (letter.charCodeAt(0) - 64);
	return { row: Number(match[2]) - 1, column: column - 1 };
}

function markersOf(xml: string): SheetMarkers {
	const formulas = new Set<string>();
	if (xml.includes('<f')) {
		for (const [, attributes = '', inner = ''] of xml.matchAll(
			/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g
		)) {
			const reference = attribute(attributes, 'r');
			if (reference && /<f\b/.test(inner)) formulas.add(reference);
		}
	}
	const merges = [...xml.matchAll(/<mergeCell\b[^>]*\sref="([A-Z]+\d+):([A-Z]+\d+)"/g)].map(
		([, from = '', to = '']) => {
			const a = position(from);
			const b = position(to);
			return { top: a.row, left: a.column, bottom: b.row, right: b.column };
		}
	);
	let dataRows = 0;
	for (const [, inner = ''] of xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
		if (/<v>|<is>/.test(inner)) dataRows++;
	}
	return { formulas, merges, dataRows };
}

function cellOf(value: CellValue): RawCell {
	if (value === null || value === undefined) return { t: 'empty' };
	if (value instanceof Date) return { t: 'date', v: value.toISOString().slice(0, 10) };
	if (typeof value === 'string') return value === '' ? { t: 'empty' } : { t: 'text', v: value };
	if (typeof value === 'number') return { t: 'number', v: value };
	return { t: 'boolean', v: value };
}

function columnLetters(column: number): string {
	let letters = '';
	for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) {
		letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	}
	return letters;
}

function tableOf(sheet: string, data: unknown[][], markers: SheetMarkers | undefined): RawTable {
	const rows = data.map((row, r) =>
		row.map((value, c): RawCell => {
			const cell = cellOf(value as CellValue);
			if (!markers?.formulas.has(`${columnLetters(c)}${r + 1}`)) return cell;
			const cached = value instanceof Date ? value.toISOString().slice(0, 10) : value;
			return {
				t: 'formula',
				v: typeof cached === 'string' || typeof cached === 'number' ? cached : null
			};
		})
	);
	// A merge of empty cells changes nothing; one over a value hides it from every row but the first.
	for (const merge of markers?.merges ?? []) {
		const origin = rows[merge.top]?.[merge.left];
		if (!origin || origin.t === 'empty') continue;
		for (let r = merge.top; r <= merge.bottom && r < rows.length; r++) {
			const row = rows[r];
			if (!row) continue;
			for (let c = merge.left; c <= merge.right; c++) {
				if (r === merge.top && c === merge.left) continue;
				while (row.length <= c) row.push({ t: 'empty' });
				row[c] = { t: 'merged' };
			}
		}
	}
	return { sheet, rows };
}
