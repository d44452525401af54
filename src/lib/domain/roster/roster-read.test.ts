import { describe, expect, it } from 'vitest';
import type { RawCell, RawTable, RawWorkbook } from './raw-cells';
import { MAX_ROSTER_ROWS } from './roster-columns';
import { readRoster, rosterShapeProblems, type RosterProblem } from './roster-read';

/** A cell from a test's shorthand: strings are text, null is empty, objects are taken as they are. */
const cell = (value: string | number | null | RawCell): RawCell =>
	value === null
		? { t: 'empty' }
		: typeof value === 'string'
			? { t: 'text', v: value }
			: typeof value === 'number'
				? { t: 'number', v: value }
				: value;

const table = (sheet: string, rows: (string | number | null | RawCell)[][]): RawTable => ({
	sheet,
	rows: rows.map((row) => row.map(cell))
});

const COMMUNITY_HEADERS = ['市（州）', '区（县）', '街道（乡镇）', '社区'];
const BRANCH_HEADERS = ['支部名称', '联系社区'];
const MEMBER_HEADERS = ['姓名', '所在支部', '手机号', '身份证号', '居住社区', '角色'];

function book(
	members: (string | number | null | RawCell)[][],
	extra: Partial<Record<'communities' | 'branches', (string | number | null | RawCell)[][]>> = {}
): RawWorkbook {
	return {
		tables: [
			table('社区', [
				COMMUNITY_HEADERS,
				...(extra.communities ?? [['昌吉州', '昌吉市', '宁边路街道', '丰收社区']])
			]),
			table('支部', [
				BRANCH_HEADERS,
				...(extra.branches ?? [['第一党支部', '宁边路街道/丰收社区']])
			]),
			table('党员', [MEMBER_HEADERS, ...members])
		]
	};
}

const good = ['张三', '第一党支部', '13812345678', '652301199001011235', '丰收社区', '支部书记'];

const codes = (problems: RosterProblem[]) => problems.map((p) => p.code);

describe('readRoster on a good file', () => {
	it('reads the three tables into rows numbered as the spreadsheet shows them', () => {
		const { roster, problems } = readRoster(
			book([good, ['李四', '第一党支部', '13912345678', null, null, '党员']])
		);
		expect(problems).toEqual([]);
		expect(roster.communities).toEqual([
			{ row: 2, city: '昌吉州', district: '昌吉市', street: '宁边路街道', community: '丰收社区' }
		]);
		expect(roster.branches).toEqual([
			{ row: 2, name: '第一党支部', linkedCommunity: '宁边路街道/丰收社区' }
		]);
		expect(roster.members).toEqual([
			{
				row: 2,
				name: '张三',
				branch: '第一党支部',
				mobile: '13812345678',
				idNumber: '652301199001011235',
				residence: '丰收社区',
				secretary: true
			},
			{ row: 3, name: '李四', branch: '第一党支部', mobile: '13912345678', secretary: false }
		]);
	});

	it('takes full-width digits and spaces in mobiles, and a mobile typed as a number, without a problem', () => {
		const { roster, problems } = readRoster(
			book([
				['张三', '第一党支部', '１３８ １２３４ ５６７８', null, null, null],
				['李四', '第一党支部', 13912345678, null, null, null],
				['王五', '第一党支部', '+86 137\u30001234 5678', null, null, null]
			])
		);
		expect(problems).toEqual([]);
		expect(roster.members.map((m) => m.mobile)).toEqual([
			'13812345678',
			'13912345678',
			'13712345678'
		]);
	});

	it('skips blank rows, keeps the row numbers of the rest and trims names', () => {
		const { roster } = readRoster(
			book([[null, null, null], ['  张三 ', ' 第一党支部', '13812345678'], ['   ']])
		);
		expect(roster.members).toEqual([
			{ row: 3, name: '张三', branch: '第一党支部', mobile: '13812345678', secretary: false }
		]);
	});

	it('knows the headers by their aliases and half-width brackets', () => {
		const { roster, problems } = readRoster({
			tables: [
				table('Sheet1', [
					['姓名', '支部', '手机号码'],
					['张三', '第一党支部', '13812345678']
				])
			]
		});
		expect(problems).toEqual([]);
		expect(roster.members).toHaveLength(1);
		const communities = readRoster({
			tables: [
				table('x', [
					['市(州)', '区 (县)', '街道', '社区'],
					['昌吉州', '昌吉市', '宁边路街道', '丰收社区']
				])
			]
		});
		expect(communities.problems).toEqual([]);
		expect(communities.roster.communities).toHaveLength(1);
	});

	it('reads a CSV table by its headers', () => {
		const { roster, problems } = readRoster({
			tables: [table('', [MEMBER_HEADERS, good])]
		});
		expect(problems).toEqual([]);
		expect(roster.members).toHaveLength(1);
	});
});

describe('readRoster on bad input', () => {
	it('says a workbook without anything in it is empty', () => {
		expect(readRoster({ tables: [] }).problems).toEqual([
			{ table: null, row: null, column: null, code: 'empty' }
		]);
		expect(codes(readRoster({ tables: [table('Sheet1', [[null, '  '], []])] }).problems)).toEqual([
			'empty'
		]);
	});

	it('says headers alone are empty too', () => {
		const { problems } = readRoster({ tables: [table('党员', [MEMBER_HEADERS])] });
		expect(codes(problems)).toEqual(['empty']);
	});

	it('names a sheet it cannot place', () => {
		const { problems } = readRoster({
			tables: [
				table('工资表', [
					['工号', '金额'],
					['1', '100']
				])
			]
		});
		expect(problems).toEqual([
			{ table: null, row: null, column: null, code: 'unknown-sheet', value: '工资表' }
		]);
	});

	it('names unknown columns and missing required ones, and reads no row of such a table', () => {
		const { roster, problems } = readRoster({
			tables: [
				table('党员', [
					['姓名', '手机号', '爱好'],
					['张三', '13812345678', '读书']
				])
			]
		});
		expect(problems).toEqual([
			{ table: 'members', row: 1, column: '爱好', code: 'unknown-column', value: '爱好' },
			{ table: 'members', row: null, column: '所在支部', code: 'missing-column' }
		]);
		expect(roster.members).toEqual([]);
	});

	it('refuses 50,000 rows without reading them', () => {
		const row = [cell('张三'), cell('第一党支部'), cell('13812345678')];
		const rows = [MEMBER_HEADERS.map(cell)];
		for (let i = 0; i < 50_000; i++) rows.push(row);
		const { roster, problems } = readRoster({ tables: [{ sheet: '党员', rows }] });
		expect(problems).toEqual([
			{ table: null, row: null, column: null, code: 'too-many-rows', value: '50000' }
		]);
		expect(roster.members).toEqual([]);
	});

	it(`takes ${MAX_ROSTER_ROWS} rows`, () => {
		const rows = [MEMBER_HEADERS.map(cell)];
		for (let i = 0; i < MAX_ROSTER_ROWS; i++)
			rows.push([cell(`党员${i}`), cell('第一党支部'), cell(`138${String(i).padStart(8, '0')}`)]);
		const { roster, problems } = readRoster({ tables: [{ sheet: '党员', rows }] });
		expect(problems).toEqual([]);
		expect(roster.members).toHaveLength(MAX_ROSTER_ROWS);
	});

	it('flags a formula, with its cached result', () => {
		const { problems } = readRoster(
			book([['张三', { t: 'formula', v: '第一党支部' }, '13812345678']])
		);
		expect(problems).toContainEqual({
			table: 'members',
			row: 2,
			column: '所在支部',
			code: 'formula',
			value: '第一党支部'
		});
	});

	it('flags a cell covered by a merge', () => {
		const { problems } = readRoster(book([good, ['李四', { t: 'merged' }, '13912345678']]));
		expect(problems).toContainEqual({
			table: 'members',
			row: 3,
			column: '所在支部',
			code: 'merged'
		});
	});

	it('flags a date where text belongs', () => {
		const { problems } = readRoster(
			book([], {
				communities: [['昌吉州', '昌吉市', '宁边路街道', { t: 'date', v: '2026-03-05' }]]
			})
		);
		expect(problems).toContainEqual({
			table: 'communities',
			row: 2,
			column: '社区',
			code: 'date-number',
			value: '2026-03-05'
		});
	});

	it('flags an ID number typed as a number (its last digits are lost), masked', () => {
		const { problems } = readRoster(
			book([['张三', '第一党支部', '13812345678', 652301199001011200]])
		);
		expect(problems).toContainEqual({
			table: 'members',
			row: 2,
			column: '身份证号',
			code: 'bad-id-number',
			value: '6523**********1200'
		});
	});

	it('flags missing values by row and column', () => {
		const { problems } = readRoster(
			book([['张三', null, null]], { branches: [[null, '丰收社区']] })
		);
		expect(problems).toEqual(
			expect.arrayContaining([
				{ table: 'branches', row: 2, column: '支部名称', code: 'missing' },
				{ table: 'members', row: 2, column: '所在支部', code: 'missing' },
				{ table: 'members', row: 2, column: '手机号', code: 'missing' }
			])
		);
	});

	it('flags a malformed mobile, masked', () => {
		const { problems } = readRoster(book([['张三', '第一党支部', '1381234567']]));
		expect(problems).toEqual([
			{ table: 'members', row: 2, column: '手机号', code: 'bad-mobile', value: '138***4567' }
		]);
	});

	it('flags malformed ID numbers: checksum, length, birth date', () => {
		const { problems } = readRoster(
			book([
				['张三', '第一党支部', '13812345678', '652301199001011234'],
				['李四', '第一党支部', '13912345678', '65230119900101123'],
				['王五', '第一党支部', '13712345678', '652301199002301231']
			])
		);
		expect(problems.map((p) => [p.row, p.code])).toEqual([
			[2, 'bad-id-number'],
			[3, 'bad-id-number'],
			[4, 'bad-id-number']
		]);
		expect(problems[0]?.value).toBe('6523**********1234');
	});

	it('flags a mobile twice in the file, even typed differently, on the later row', () => {
		const { problems } = readRoster(book([good, ['李四', '第一党支部', '１３８１２３４５６７８']]));
		expect(problems).toEqual([
			{ table: 'members', row: 3, column: '手机号', code: 'duplicate-mobile', value: '138****5678' }
		]);
	});

	it('flags an ID number twice', () => {
		const { problems } = readRoster(
			book([good, ['李四', '第一党支部', '13912345678', '652301199001011235']])
		);
		expect(codes(problems)).toEqual(['duplicate-id-number']);
	});

	it('flags a community or branch listed twice', () => {
		const { problems } = readRoster(
			book([], {
				communities: [
					['昌吉州', '昌吉市', '宁边路街道', '丰收社区'],
					['昌吉州', '昌吉市', '宁边路街道', '丰收社区']
				],
				branches: [['第一党支部'], ['第一党支部']]
			})
		);
		expect(problems.map((p) => [p.table, p.row, p.code])).toEqual([
			['communities', 3, 'duplicate-community'],
			['branches', 3, 'duplicate-branch']
		]);
	});

	it('flags an unknown role and two secretaries of one branch', () => {
		const { problems } = readRoster(
			book([
				good,
				['李四', '第一党支部', '13912345678', null, null, '支部书记'],
				['王五', '第一党支部', '13712345678', null, null, '组织委员']
			])
		);
		expect(problems.map((p) => [p.row, p.code, p.value])).toEqual([
			[4, 'unknown-role', '组织委员'],
			[3, 'two-secretaries', '第一党支部']
		]);
	});

	it('flags a value too long to store', () => {
		const { problems } = readRoster(book([['张'.repeat(51), '第一党支部', '13812345678']]));
		expect(codes(problems)).toEqual(['too-long']);
	});
});

describe('rosterShapeProblems', () => {
	const roster = {
		communities: [
			{ row: 2, city: '昌吉州', district: '昌吉市', street: '宁边路街道', community: '丰收社区' }
		],
		branches: [{ row: 2, name: '第一党支部' }],
		members: [
			{ row: 2, name: '张三', branch: '第一党支部', mobile: '13812345678', secretary: false }
		]
	};

	it('passes a roster as readRoster makes it', () => {
		expect(rosterShapeProblems(roster)).toBeNull();
		expect(rosterShapeProblems(readRoster(book([good])).roster)).toBeNull();
	});

	it('says what is wrong with anything else', () => {
		expect(rosterShapeProblems(null)).toBe('not an object');
		expect(rosterShapeProblems([])).toBe('not an object');
		expect(rosterShapeProblems({ ...roster, extra: [] })).toBe('extra is unknown');
		expect(rosterShapeProblems({ ...roster, members: {} })).toBe('members is not a list');
		expect(rosterShapeProblems({ ...roster, members: [{ ...roster.members[0], row: 1 }] })).toMatch(
			/row/
		);
		expect(
			rosterShapeProblems({ ...roster, members: [{ ...roster.members[0], name: 3 }] })
		).toMatch(/name/);
		expect(
			rosterShapeProblems({ ...roster, members: [{ ...roster.members[0], secretary: 'yes' }] })
		).toMatch(/secretary/);
		expect(
			rosterShapeProblems({
				...roster,
				members: [{ ...roster.members[0], mobile: 'x'.repeat(1000) }]
			})
		).toMatch(/mobile/);
		expect(
			rosterShapeProblems({ ...roster, branches: [{ row: 2, name: 'x', owner: 'me' }] })
		).toMatch(/owner/);
		const many = Array.from({ length: MAX_ROSTER_ROWS + 1 }, () => roster.members[0]);
		expect(rosterShapeProblems({ ...roster, members: many })).toMatch(/more than/);
	});
});
