/** Messages of the service-duties screens and rules; spread into zh-CN.ts. */
export const serviceDutiesZh = {
	'serviceDuties.title': '党员年度任务',
	'serviceDuties.intro':
		'每名党员每年至少完成 1 个服务项目或岗位、1 个微心愿，开展 1 次宣讲，参加 1 次社区活动。认领的服务经社区确认完成后计入。',
	'serviceDuties.part.project': '服务项目或岗位',
	'serviceDuties.part.wish': '微心愿',
	'serviceDuties.part.lecture': '宣讲',
	'serviceDuties.part.community': '社区活动',
	'serviceDuties.count': '{part} {count}/1',
	'serviceDuties.met': '已完成',
	'serviceDuties.notMet': '未完成',
	'serviceDuties.gaps': '未完成全部任务 {count} 人',
	'serviceDuties.allDone': '全部成员本年度四项任务均已完成。',
	'serviceDuties.of': '{name}的年度任务',
	'serviceDuties.mine':
		'每年至少完成 1 个服务项目或岗位、1 个微心愿，开展 1 次宣讲，参加 1 次社区活动。'
} as const;
