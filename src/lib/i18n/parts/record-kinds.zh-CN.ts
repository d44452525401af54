/** Messages of record-kinds (keys `recordKinds.*`); issue 17. */
export const recordKindsZh = {
	'recordKinds.kind.service-record': '服务记录',
	'recordKinds.kind.correction': '更正申请',
	'recordKinds.kind.approval': '审批',
	'recordKinds.kind.fix': '需核实处理',
	'recordKinds.kind.points-scheme': '积分规则',
	'recordKinds.reminder.serve-residence': '{sender}提醒您：今年请到居住地社区参加服务。',
	'recordKinds.reminder.yearly-duties': '{sender}提醒您：请完成今年的组织生活和服务要求。',
	'recordKinds.reminder.raise-grade': '{sender}提醒您：再参加一些服务即可提高今年的评定等次。',
	'recordKinds.digest':
		'本周：{atRisk} 名党员有未完成事项，{waitingApproval} 条服务记录待审批，{flagged} 条需核实。',
	'recordKinds.digestOpen': '去审批',
	'recordKinds.openRecords': '查看服务记录'
} as const;
