/** Messages of the community's year-end feedback on members and its effect on grades (R21; keys `feedback.*`); issue 20. */
export const feedbackZh = {
	'feedback.title': '社区年终评价',
	'feedback.intro':
		'为今年在本社区服务过的党员逐一评价。评价是党员年度评定等级、评优和选拔任用的依据：评为「差」的，当年等级最高为「一般」。没有网络也能评，联网后自动同步。',
	'feedback.community': '{name} · {year}年',
	'feedback.progress': '已评 {rated}/{total}',
	'feedback.progressLabel': '评价进度',
	'feedback.empty':
		'今年还没有党员在本社区有经确认的服务。社区确认党员的服务记录后，他们会出现在这里，供年底评价。',
	'feedback.served': '今年在本社区服务 {count} 次，共 {minutes} 分钟',
	'feedback.noService': '服务记录已撤回，评价仍然有效',
	'feedback.notRated': '未评价',
	'feedback.rated': '已评：{grade}',
	'feedback.rate': '评价',
	'feedback.change': '修改',
	'feedback.gradeLegend': '评价等级',
	'feedback.comment': '评语',
	'feedback.commentHint': '评为「差」时必须写明原因。党员本人、支部书记和局机关都能看到评语。',
	'feedback.problem.comment-required': '评为「差」时请写明原因',
	'feedback.problem.comment-too-long': '评语最多 {max} 字',
	'feedback.save': '保存评价',
	'feedback.updated': '{time} 更新',
	'feedback.filterUnrated': '只看未评价的',
	'feedback.allRated': '本社区的党员都已评价。'
} as const;
