import { MAX_ROSTER_ROWS, NAME_MAX } from './roster-columns';

/** Longest text of any roster field: a community path (联系社区, 居住社区) names four places. */
const FIELD_MAX = NAME_MAX.place * 4 + 3;

const FIELDS = {
	communities: { city: true, district: true, street: true, community: true },
	branches: { name: true, linkedCommunity: false },
	members: { name: true, branch: true, mobile: true, idNumber: false, residence: false }
} as const;

function rowProblem(table: keyof typeof FIELDS, value: unknown, index: number): string | null {
	const where = `${table}[${index}]`;
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return `${where} is not an object`;
	const row = value as Record<string, unknown>;
	const fields: Record<string, boolean> = FIELDS[table];
	const allowed = new Set([
		'row',
		...Object.keys(fields),
		...(table === 'members' ? ['secretary'] : [])
	]);
	for (const key of Object.keys(row)) if (!allowed.has(key)) return `${where}.${key} is unknown`;
	if (
		!Number.isInteger(row['row']) ||
		(row['row'] as number) < 2 ||
		(row['row'] as number) > 1_048_576
	)
		return `${where}.row is not a row number`;
	for (const [key, required] of Object.entries(fields)) {
		const field = row[key];
		if (field === undefined && !required) continue;
		if (typeof field !== 'string' || field.length > FIELD_MAX)
			return `${where}.${key} is not a text`;
	}
	if (table === 'members' && typeof row['secretary'] !== 'boolean')
		return `${where}.secretary is not a boolean`;
	return null;
}

/**
 * The server's check of a roster sent as JSON before anything reads it: its shape, each field's
 * type and length, the number of rows. Null when it is a roster; else what is wrong, for the log.
 */
export function rosterShapeProblems(value: unknown): string | null {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
	const roster = value as Record<string, unknown>;
	for (const key of Object.keys(roster)) if (!(key in FIELDS)) return `${key} is unknown`;
	let rows = 0;
	for (const table of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
		const list = roster[table];
		if (!Array.isArray(list)) return `${table} is not a list`;
		rows += list.length;
		if (rows > MAX_ROSTER_ROWS) return `more than ${MAX_ROSTER_ROWS} rows`;
	}
	for (const table of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
		const list = roster[table] as unknown[];
		for (let i = 0; i < list.length; i++) {
			const problem = rowProblem(table, list[i], i);
			if (problem) return problem;
		}
	}
	return null;
}
