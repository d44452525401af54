/** One cell as a file reader saw it; the domain decides what it may mean. */
export type RawCell =
	| { t: 'empty' }
	| { t: 'text'; v: string }
	| { t: 'number'; v: number }
	| { t: 'boolean'; v: boolean }
	/** An ISO date: the reader saw a date-formatted cell. */
	| { t: 'date'; v: string }
	/** A formula, with the result the spreadsheet cached when it was saved. */
	| { t: 'formula'; v: string | number | null }
	/** Covered by a merge (not its top-left cell). */
	| { t: 'merged' };

export interface RawTable {
	sheet: string;
	/** Row 0 is the header row (spreadsheet row 1). */
	rows: RawCell[][];
}

/** One table per sheet; a CSV file is one table named '' whose headers say which table it is. */
export interface RawWorkbook {
	tables: RawTable[];
}

export const EMPTY_CELL: RawCell = { t: 'empty' };
