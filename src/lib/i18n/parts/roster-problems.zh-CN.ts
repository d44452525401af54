import type { RosterProblemCode } from '../../domain/roster/roster-rows';

/**
 * What is wrong with a roster file, per problem code (keys `roster.problem.*`); issue 19. Row,
 * column and value stand beside the message on the screen; {column} and {value} name them again
 * where a sentence reads better so.
 */
export const rosterProblemsZh = {
	'roster.problem.not-spreadsheet':
		'这个文件不是 Excel 表格（.xlsx）或 CSV 文件，请用模板填写后再上传。',
	'roster.problem.empty': '文件里没有任何数据，请在模板中填好后再上传。',
	'roster.problem.unknown-sheet': '认不出工作表“{value}”，工作表应为“社区”“支部”“党员”之一。',
	'roster.problem.unknown-column': '认不出列“{column}”，请按模板的表头填写，或删除这一列。',
	'roster.problem.missing-column': '缺少“{column}”列，这张表的数据没有读取。',
	'roster.problem.too-many-rows':
		'文件共有 {value} 行，超过了一次最多 20000 行的上限，请分成几个文件导入。',
	'roster.problem.missing': '“{column}”没有填写。',
	'roster.problem.formula':
		'这个单元格是公式，请改成直接填写的文字（可复制后“选择性粘贴为数值”）。',
	'roster.problem.merged': '这个单元格被合并了，请取消合并，每一行都填上完整内容。',
	'roster.problem.date-number': '这里被表格当成了日期，请把单元格格式设为“文本”后重新填写。',
	'roster.problem.too-long': '“{column}”的内容太长了。',
	'roster.problem.bad-mobile': '手机号不对，应是 11 位数字的手机号码。',
	'roster.problem.bad-id-number': '身份证号不对：应为 18 位，出生日期和最后一位校验码要正确。',
	'roster.problem.duplicate-mobile': '这个手机号在文件中已经出现过，一个手机号只能对应一名党员。',
	'roster.problem.duplicate-id-number': '这个身份证号在文件中已经出现过。',
	'roster.problem.duplicate-community': '这个社区在文件中重复填写了。',
	'roster.problem.duplicate-branch': '这个支部在文件中重复填写了。',
	'roster.problem.unknown-community':
		'找不到社区“{value}”，请先在“社区”表中列出，或写成“街道/社区”。',
	'roster.problem.ambiguous-community': '叫“{value}”的社区不止一个，请写成“街道/社区”。',
	'roster.problem.unknown-branch': '找不到支部“{value}”，请先在“支部”表中列出。',
	'roster.problem.unknown-role': '认不出角色“{value}”，只能填“党员”或“支部书记”。',
	'roster.problem.secretary-branch-missing':
		'支部书记所在的支部“{value}”既不在文件中，也不在本单位现有支部中。',
	'roster.problem.two-secretaries': '支部“{value}”填了不止一名支部书记。',
	'roster.problem.mobile-taken': '这个手机号已被其他单位的党员使用，请核对。'
} satisfies Record<`roster.problem.${RosterProblemCode}`, string>;
