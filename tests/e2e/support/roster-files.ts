import readExcelFile from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';

/**
 * Roster spreadsheets the end-to-end tests upload, written as an office would fill in the
 * template: a 支部 sheet naming the bureau's branches and a 党员 sheet of members.
 */

export interface RosterMember {
	name: string;
	branch: string;
	mobile: string;
	idNumber: string;
	residence: string;
	role: '党员' | '支部书记';
}

/** What Playwright's `setInputFiles` takes. */
export interface UploadedFile {
	name: string;
	mimeType: string;
	buffer: Buffer;
}

/** Branches of the demo bureau 1 that no other test counts members of (br2–br6). */
export const ROSTER_BRANCHES = [
	'局机关第二党支部',
	'州住房和城乡建设综合行政执法支队党支部',
	'州住房公积金管理中心党支部',
	'州建设工程质量安全监督站党支部',
	'州城市建设档案馆党支部'
] as const;

/** A community of the demo tree no branch is linked to and no test signs in for. */
export const ROSTER_RESIDENCE = '延安北路街道/团结社区';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '马', '艾'];
const GIVEN = ['建国', '秀兰', '海燕', '志强', '丽娜', '文博', '玉梅', '子涵', '阿依', '晓东'];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A resident ID number of 昌吉市 (652301) with a valid birth date and check character. */
export function residentIdNumber(index: number): string {
	const birth = new Date(Date.UTC(1960, 0, 1) + index * 37 * 86_400_000);
	const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
	const body = `652301${date}${String(index % 1000).padStart(3, '0')}`;
	const sum = ID_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(body[i]), 0);
	return body + '10X98765432'.charAt(sum % 11);
}

/**
 * `count` members spread over ROSTER_BRANCHES, all ordinary members living in ROSTER_RESIDENCE.
 * Their mobiles start with 166, which no demo member has, and hold no run a password check
 * would call common (so a password made of one is refused for the mobile alone).
 */
export function rosterMembers(count: number): RosterMember[] {
	return Array.from({ length: count }, (_, index) => ({
		name: `${SURNAMES[index % SURNAMES.length]}${GIVEN[Math.floor(index / SURNAMES.length) % GIVEN.length]}${index + 1}`,
		branch: ROSTER_BRANCHES[index % ROSTER_BRANCHES.length] ?? ROSTER_BRANCHES[0],
		mobile: `166${52_817_349 + index * 7}`,
		idNumber: residentIdNumber(index + 1),
		residence: ROSTER_RESIDENCE,
		role: '党员'
	}));
}

/** The spreadsheet row (header = row 1) of the member at `index` of the 党员 sheet. */
export function memberRow(index: number): number {
	return index + 2;
}

const BOLD = { fontWeight: 'bold' as const };

/**
 * An .xlsx with the template's three sheets: no new communities, ROSTER_BRANCHES as they are
 * (no linked community given: their links stay) and the members.
 */
export async function rosterWorkbook(
	members: readonly RosterMember[],
	name = 'roster.xlsx'
): Promise<UploadedFile> {
	const header = (cells: string[]) => cells.map((value) => ({ value, ...BOLD }));
	const buffer = await writeExcelFile([
		{ sheet: '社区', data: [header(['市（州）', '区（县）', '街道（乡镇）', '社区'])] },
		{
			sheet: '支部',
			data: [header(['支部名称', '联系社区']), ...ROSTER_BRANCHES.map((branch) => [branch, null])]
		},
		{
			sheet: '党员',
			data: [
				header(['姓名', '所在支部', '手机号', '身份证号', '居住社区', '角色']),
				...members.map((m) => [m.name, m.branch, m.mobile, m.idNumber, m.residence, m.role])
			]
		}
	]).toBuffer();
	return {
		name,
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer
	};
}

/** Each sheet of an .xlsx file by name, with its first row (the headers). */
export async function sheetHeaders(path: string): Promise<{ sheet: string; headers: unknown[] }[]> {
	const sheets = await readExcelFile(path);
	return sheets.map(({ sheet, data }) => ({ sheet, headers: data[0] ?? [] }));
}
