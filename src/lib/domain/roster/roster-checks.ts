import { maskIdNumber, normalizeIdNumber } from './id-numbers';
import { maskMobile, normalizeMobile } from './mobile-numbers';
import { NAME_MAX, ROSTER_TABLES, type RosterTableName } from './roster-columns';
import type { Roster, RosterProblem, RosterProblemCode } from './roster-rows';

function headerOf(table: RosterTableName, key: string): string {
	return ROSTER_TABLES[table].columns.find((c) => c.key === key)?.header ?? key;
}

/**
 * The rules a roster keeps within itself, whoever read it: required values, lengths, mobiles and
 * ID numbers, nothing twice, one secretary a branch. The device checks a file with them and the
 * server again the roster it is sent.
 */
export function checkRoster(roster: Roster): RosterProblem[] {
	const problems: RosterProblem[] = [];
	const flag = (
		table: RosterTableName,
		row: number,
		key: string,
		code: RosterProblemCode,
		value?: string
	) =>
		problems.push({
			table,
			row,
			column: headerOf(table, key),
			code,
			...(value !== undefined ? { value } : {})
		});
	const text = (table: RosterTableName, row: number, key: string, value: string, max: number) => {
		if (!value) flag(table, row, key, 'missing');
		else if (value.length > max) flag(table, row, key, 'too-long', `${value.slice(0, 20)}…`);
	};

	const paths = new Set<string>();
	for (const c of roster.communities) {
		text('communities', c.row, 'city', c.city, NAME_MAX.place);
		text('communities', c.row, 'district', c.district, NAME_MAX.place);
		text('communities', c.row, 'street', c.street, NAME_MAX.place);
		text('communities', c.row, 'community', c.community, NAME_MAX.place);
		const path = [c.city, c.district, c.street, c.community].join('/');
		if (paths.has(path)) flag('communities', c.row, 'community', 'duplicate-community', path);
		paths.add(path);
	}

	const branches = new Set<string>();
	for (const b of roster.branches) {
		text('branches', b.row, 'branch', b.name, NAME_MAX.branch);
		if (b.linkedCommunity && b.linkedCommunity.length > NAME_MAX.place * 4)
			flag('branches', b.row, 'linkedCommunity', 'too-long');
		if (branches.has(b.name)) flag('branches', b.row, 'branch', 'duplicate-branch', b.name);
		branches.add(b.name);
	}

	const mobiles = new Map<string, number>();
	const idNumbers = new Map<string, number>();
	const secretaries = new Map<string, number>();
	for (const m of roster.members) {
		text('members', m.row, 'name', m.name, NAME_MAX.member);
		text('members', m.row, 'branch', m.branch, NAME_MAX.branch);
		if (m.residence && m.residence.length > NAME_MAX.place * 4)
			flag('members', m.row, 'residence', 'too-long');
		const mobile = normalizeMobile(m.mobile);
		if (!m.mobile) flag('members', m.row, 'mobile', 'missing');
		else if (!mobile) flag('members', m.row, 'mobile', 'bad-mobile', maskMobile(m.mobile));
		else if (mobiles.has(mobile))
			flag('members', m.row, 'mobile', 'duplicate-mobile', maskMobile(mobile));
		else mobiles.set(mobile, m.row);
		if (m.idNumber) {
			const id = normalizeIdNumber(m.idNumber);
			if (!id) flag('members', m.row, 'idNumber', 'bad-id-number', maskIdNumber(m.idNumber));
			else if (idNumbers.has(id))
				flag('members', m.row, 'idNumber', 'duplicate-id-number', maskIdNumber(id));
			else idNumbers.set(id, m.row);
		}
		if (m.secretary && m.branch) {
			if (secretaries.has(m.branch)) flag('members', m.row, 'roles', 'two-secretaries', m.branch);
			else secretaries.set(m.branch, m.row);
		}
	}
	return problems;
}
