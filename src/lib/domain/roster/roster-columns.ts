export type RosterTableName = 'communities' | 'branches' | 'members';

export interface RosterColumn {
	key: string;
	/** The header the template writes and problems name. */
	header: string;
	required: boolean;
	/** Other headers offices are known to type for the same column. */
	aliases: readonly string[];
}

export const ROSTER_TABLES: Record<
	RosterTableName,
	{ sheet: string; columns: readonly RosterColumn[] }
> = {
	communities: {
		sheet: '社区',
		columns: [
			{ key: 'city', header: '市（州）', required: true, aliases: ['市', '州', '市州', '地州'] },
			{
				key: 'district',
				header: '区（县）',
				required: true,
				aliases: ['区', '县', '区县', '县市区']
			},
			{
				key: 'street',
				header: '街道（乡镇）',
				required: true,
				aliases: ['街道', '乡镇', '街道乡镇']
			},
			{
				key: 'community',
				header: '社区',
				required: true,
				aliases: ['社区名称', '社区（村）', '村']
			}
		]
	},
	branches: {
		sheet: '支部',
		columns: [
			{
				key: 'branch',
				header: '支部名称',
				required: true,
				aliases: ['支部', '党支部', '党支部名称']
			},
			{
				key: 'linkedCommunity',
				header: '联系社区',
				required: false,
				aliases: ['结对社区', '共建社区']
			}
		]
	},
	members: {
		sheet: '党员',
		columns: [
			{ key: 'name', header: '姓名', required: true, aliases: ['党员姓名'] },
			{
				key: 'branch',
				header: '所在支部',
				required: true,
				aliases: ['支部', '所在党支部', '支部名称']
			},
			{
				key: 'mobile',
				header: '手机号',
				required: true,
				aliases: ['手机', '手机号码', '联系电话', '电话']
			},
			{
				key: 'idNumber',
				header: '身份证号',
				required: false,
				aliases: ['身份证', '身份证号码', '公民身份号码']
			},
			{ key: 'residence', header: '居住社区', required: false, aliases: ['居住地社区', '居住地'] },
			{ key: 'roles', header: '角色', required: false, aliases: ['职务', '党内职务'] }
		]
	}
};

export const ROSTER_TABLE_NAMES = Object.keys(ROSTER_TABLES) as RosterTableName[];

/** All tables together; a larger file is refused before its rows are read ('too-many-rows'). */
export const MAX_ROSTER_ROWS = 20_000;

/** Longest names the directory and the profiles store (orgs/communities 100, members 50). */
export const NAME_MAX = { place: 100, branch: 100, member: 50 } as const;

/** What 角色 may say: 党员 is every member's; 支部书记 makes them their branch's secretary. */
export const ROLE_WORDS: Readonly<Record<string, 'member' | 'secretary'>> = {
	党员: 'member',
	支部书记: 'secretary',
	书记: 'secretary',
	党支部书记: 'secretary'
};

/**
 * Full-width ASCII (Ａ, １, （) as a Chinese input method types it, and the ideographic space,
 * turned into their ASCII forms.
 */
export function toHalfWidth(text: string): string {
	return text.replace(/[\uff01-\uff5e\u3000]/g, (c) =>
		c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)
	);
}

/** A header as compared: half-width, without spaces. */
export function headerKey(text: string): string {
	return toHalfWidth(text).replace(/\s+/g, '');
}
