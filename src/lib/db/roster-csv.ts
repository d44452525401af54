import type { RawCell, RawTable } from '../domain/roster/raw-cells';

/**
 * A CSV file's text: UTF-8 (a byte-order mark dropped), else GB18030 — what Excel on a Chinese
 * Windows saves as "CSV" — when the bytes are no valid UTF-8.
 */
export function decodeCsv(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		return new TextDecoder('gb18030').decode(bytes);
	}
}

/** Rows of fields as RFC 4180 has them: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\r' || c === '\n') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

const cellOf = (text: string): RawCell => (text === '' ? { t: 'empty' } : { t: 'text', v: text });

/** A CSV file as the roster's one table: its headers say which table it is. */
export function csvTable(bytes: Uint8Array): RawTable {
	return { sheet: '', rows: parseCsv(decodeCsv(bytes)).map((row) => row.map(cellOf)) };
}
