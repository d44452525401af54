import type { RawCell, RawTable, RawWorkbook } from './raw-cells';
import {
	headerKey,
	MAX_ROSTER_ROWS,
	ROLE_WORDS,
	ROSTER_TABLE_NAMES,
	ROSTER_TABLES,
	toHalfWidth,
	type RosterColumn,
	type RosterTableName
} from './roster-columns';
import { checkRoster } from './roster-checks';
import { TEMPLATE_EXAMPLE_ROWS } from './roster-template';
import {
	rosterRowCount,
	type BranchRow,
	type CommunityRow,
	type MemberRow,
	type Roster,
	type RosterProblem,
	type RosterReading
} from './roster-rows';
import { maskIdNumber, normalizeIdNumber } from './id-numbers';
import { maskMobile, normalizeMobile } from './mobile-numbers';

export type {
	BranchRow,
	CommunityRow,
	MemberRow,
	Roster,
	RosterProblem,
	RosterProblemCode,
	RosterReading
} from './roster-rows';
export { rosterShapeProblems } from './roster-shape';

const isBlank = (cell: RawCell | undefined) =>
	!cell || cell.t === 'empty' || (cell.t === 'text' && cell.v.trim() === '');

const where = (p: RosterProblem) => `${p.table ?? ''}:${p.row ?? ''}:${p.column ?? ''}`;

const isBlankRow = (row: readonly RawCell[]) => row.every(isBlank);

/** A table with anything in it: its header row, or any row below. */
const hasContent = (table: RawTable) => table.rows.some((row) => !isBlankRow(row));

function cellText(cell: RawCell | undefined): string {
	if (!cell) return '';
	switch (cell.t) {
		case 'text':
			return cell.v;
		case 'number':
		case 'boolean':
		case 'date':
			return String(cell.v);
		case 'formula':
			return cell.v === null ? '' : String(cell.v);
		default:
			return '';
	}
}

/** A name as stored: trimmed, inner runs of spaces made one. */
function cleanName(text: string): string {
	return text.replace(/[\s\u3000]+/g, ' ').trim();
}

/** The table a sheet holds: by its name, else by the headers it has most of. */
function tableOf(table: RawTable): RosterTableName | null {
	const name = headerKey(table.sheet);
	const byName = ROSTER_TABLE_NAMES.find((t) => headerKey(ROSTER_TABLES[t].sheet) === name);
	if (byName) return byName;
	const headers = new Set((table.rows[0] ?? []).map((cell) => headerKey(cellText(cell))));
	let best: RosterTableName | null = null;
	let bestScore = 0;
	for (const t of ROSTER_TABLE_NAMES) {
		const score = ROSTER_TABLES[t].columns.filter(
			(column) => column.required && namesOf(column).some((n) => headers.has(n))
		).length;
		if (score > bestScore) [best, bestScore] = [t, score];
	}
	return best;
}

function namesOf(column: RosterColumn): string[] {
	return [column.header, ...column.aliases].map(headerKey);
}

/**
 * What a spreadsheet holds, as rows of the roster, and every problem of its cells by row and
 * column. Rows are not matched against anything stored here (planRoster does that); a file of
 * more than MAX_ROSTER_ROWS rows is refused before any row is looked at.
 */
export function readRoster(book: RawWorkbook): RosterReading {
	const roster: Roster = { communities: [], branches: [], members: [] };
	const tables = book.tables.filter(hasContent);
	if (tables.length === 0)
		return { roster, problems: [{ table: null, row: null, column: null, code: 'empty' }] };
	const rowCount = tables.reduce((sum, table) => sum + Math.max(0, table.rows.length - 1), 0);
	if (rowCount > MAX_ROSTER_ROWS) {
		return {
			roster,
			problems: [
				{ table: null, row: null, column: null, code: 'too-many-rows', value: String(rowCount) }
			]
		};
	}

	const problems: RosterProblem[] = [];
	const seen = new Set<RosterTableName>();
	for (const table of tables) {
		const name = tableOf(table);
		if (!name || seen.has(name)) {
			problems.push({
				table: null,
				row: null,
				column: null,
				code: 'unknown-sheet',
				value: table.sheet
			});
			continue;
		}
		seen.add(name);
		readTable(name, table, roster, problems);
	}
	if (problems.length === 0 && rosterRowCount(roster) === 0) {
		problems.push({ table: null, row: null, column: null, code: 'empty' });
	}
	// A cell already named (a formula, a merge) is not missing too.
	const named = new Set(problems.map(where));
	problems.push(...checkRoster(roster).filter((problem) => !named.has(where(problem))));
	return { roster, problems };
}

function readTable(
	name: RosterTableName,
	table: RawTable,
	roster: Roster,
	problems: RosterProblem[]
): void {
	const columns = ROSTER_TABLES[name].columns;
	const header = table.rows[0] ?? [];
	const indexOf = new Map<string, number>();
	header.forEach((cell, index) => {
		if (isBlank(cell)) return;
		const text = cellText(cell);
		const column = columns.find((c) => namesOf(c).includes(headerKey(text)));
		if (!column || indexOf.has(column.key) || cell.t === 'formula' || cell.t === 'merged') {
			problems.push({ table: name, row: 1, column: text, code: 'unknown-column', value: text });
			return;
		}
		indexOf.set(column.key, index);
	});
	const missing = columns.filter((c) => c.required && !indexOf.has(c.key));
	for (const column of missing) {
		problems.push({ table: name, row: null, column: column.header, code: 'missing-column' });
	}
	if (missing.length > 0) return;

	for (let index = 1; index < table.rows.length; index++) {
		const cells = table.rows[index] ?? [];
		if (isBlankRow(cells)) continue;
		const row = index + 1;
		const values: Record<string, string> = {};
		for (const column of columns) {
			const at = indexOf.get(column.key);
			values[column.key] =
				at === undefined ? '' : cellValue(name, row, column, cells[at], problems);
		}
		if (isExample(name, values)) continue;
		if (name === 'communities') roster.communities.push(communityRow(row, values));
		else if (name === 'branches') roster.branches.push(branchRow(row, values));
		else roster.members.push(memberRow(row, values, problems));
	}
}

/** The template's example row, left in the file: it shows how to fill in, and is not imported. */
function isExample(table: RosterTableName, values: Record<string, string>): boolean {
	const example = TEMPLATE_EXAMPLE_ROWS[table];
	return ROSTER_TABLES[table].columns.every((c, i) => (values[c.key] ?? '') === (example[i] ?? ''));
}

/** A cell's text as the column takes it, or '' with a problem when the cell cannot say it. */
function cellValue(
	table: RosterTableName,
	row: number,
	column: RosterColumn,
	cell: RawCell | undefined,
	problems: RosterProblem[]
): string {
	const flag = (code: RosterProblem['code'], value?: string) => {
		problems.push({
			table,
			row,
			column: column.header,
			code,
			...(value ? { value: shown(column, value) } : {})
		});
		return '';
	};
	if (!cell) return '';
	switch (cell.t) {
		case 'formula':
			return flag('formula', cell.v === null ? undefined : String(cell.v));
		case 'merged':
			return flag('merged');
		case 'date':
			return flag('date-number', cell.v);
		case 'number':
			// A mobile typed as a number is still the number; an ID number as a number lost digits.
			if (column.key === 'idNumber') return flag('bad-id-number', String(cell.v));
			return Number.isInteger(cell.v) ? String(cell.v) : toHalfWidth(String(cell.v));
		default:
			return cellText(cell).trim();
	}
}

function shown(column: RosterColumn, value: string): string {
	if (column.key === 'mobile') return maskMobile(value);
	if (column.key === 'idNumber') return maskIdNumber(value);
	return value;
}

function communityRow(row: number, v: Record<string, string>): CommunityRow {
	return {
		row,
		city: cleanName(v['city'] ?? ''),
		district: cleanName(v['district'] ?? ''),
		street: cleanName(v['street'] ?? ''),
		community: cleanName(v['community'] ?? '')
	};
}

function branchRow(row: number, v: Record<string, string>): BranchRow {
	const linked = cleanName(v['linkedCommunity'] ?? '');
	return {
		row,
		name: cleanName(v['branch'] ?? ''),
		...(linked ? { linkedCommunity: linked } : {})
	};
}

function memberRow(row: number, v: Record<string, string>, problems: RosterProblem[]): MemberRow {
	const words = (v['roles'] ?? '')
		.split(/[、,，;；/\s]+/)
		.map((word) => word.trim())
		.filter(Boolean);
	let secretary = false;
	for (const word of words) {
		const role = ROLE_WORDS[word];
		if (!role) {
			problems.push({ table: 'members', row, column: '角色', code: 'unknown-role', value: word });
		} else if (role === 'secretary') secretary = true;
	}
	const mobile = (v['mobile'] ?? '').trim();
	const typedId = (v['idNumber'] ?? '').trim();
	const idNumber = typedId && (normalizeIdNumber(typedId) ?? typedId);
	const residence = cleanName(v['residence'] ?? '');
	return {
		row,
		name: cleanName(v['name'] ?? ''),
		branch: cleanName(v['branch'] ?? ''),
		// Normalised here, so that full-width digits or spaces are no problem; checkRoster flags the rest.
		mobile: normalizeMobile(mobile) ?? mobile,
		...(idNumber ? { idNumber } : {}),
		...(residence ? { residence } : {}),
		secretary
	};
}
