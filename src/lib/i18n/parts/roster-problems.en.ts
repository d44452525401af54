import type { rosterProblemsZh } from './roster-problems.zh-CN';

/** English for roster-problems.zh-CN.ts. */
export const rosterProblemsEn: Record<keyof typeof rosterProblemsZh, string> = {
	'roster.problem.not-spreadsheet':
		'This file is not an Excel workbook (.xlsx) or a CSV file. Fill in the template and upload it again.',
	'roster.problem.empty': 'The file holds no data. Fill in the template and upload it again.',
	'roster.problem.unknown-sheet':
		'The sheet "{value}" is not recognised; sheets are 社区 (communities), 支部 (branches) or 党员 (members).',
	'roster.problem.unknown-column':
		'The column "{column}" is not recognised. Use the template\'s headers or delete the column.',
	'roster.problem.missing-column': 'The column "{column}" is missing; this table was not read.',
	'roster.problem.too-many-rows':
		'The file has {value} rows, more than the 20,000 one import takes. Split it into several files.',
	'roster.problem.missing': '"{column}" is empty.',
	'roster.problem.formula':
		'This cell holds a formula. Type the value instead (copy, then paste as values).',
	'roster.problem.merged': 'This cell is merged. Unmerge it and fill in every row in full.',
	'roster.problem.date-number':
		'The spreadsheet took this for a date. Format the cell as text and type it again.',
	'roster.problem.too-long': '"{column}" is too long.',
	'roster.problem.bad-mobile': 'Not a mobile number: it has 11 digits.',
	'roster.problem.bad-id-number':
		'Not a valid ID number: 18 characters, with a real birth date and the right check character.',
	'roster.problem.duplicate-mobile':
		'This mobile number appears earlier in the file; one number belongs to one member.',
	'roster.problem.duplicate-id-number': 'This ID number appears earlier in the file.',
	'roster.problem.duplicate-community': 'This community is listed twice.',
	'roster.problem.duplicate-branch': 'This branch is listed twice.',
	'roster.problem.unknown-community':
		'No community "{value}". List it in the communities sheet first, or write "street/community".',
	'roster.problem.ambiguous-community':
		'More than one community is called "{value}". Write "street/community".',
	'roster.problem.unknown-branch': 'No branch "{value}". List it in the branches sheet first.',
	'roster.problem.unknown-role': 'The role "{value}" is not recognised: write 党员 or 支部书记.',
	'roster.problem.secretary-branch-missing':
		'The secretary\'s branch "{value}" is neither in the file nor one of the bureau\'s branches.',
	'roster.problem.two-secretaries': 'The branch "{value}" has more than one secretary.',
	'roster.problem.mobile-taken':
		"This mobile number is already a member's of another bureau. Please check it."
};
