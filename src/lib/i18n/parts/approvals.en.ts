import type { approvalsZh } from './approvals.zh-CN';

export const approvalsEn: Record<keyof typeof approvalsZh, string> = {
	'approvals.title': 'Service record approval',
	'approvals.intro':
		"Your branch members' service records and correction requests: once the community confirms them, the branch secretary approves them and they score points.",
	'approvals.filterState': 'Filter by state',
	'approvals.state.needs-approval': 'To approve ({count})',
	'approvals.state.needs-confirmation': 'Awaiting community ({count})',
	'approvals.state.flagged': 'To verify ({count})',
	'approvals.state.returned': 'Returned ({count})',
	'approvals.state.approved': 'Approved ({count})',
	'approvals.filterMember': 'Member',
	'approvals.filterCategory': 'Category',
	'approvals.filterMonth': 'Month',
	'approvals.any': 'All',
	'approvals.month': '{month}/{year}',
	'approvals.list': 'Records',
	'approvals.shown': '{count} shown',
	'approvals.selectAll': 'Select all',
	'approvals.select': 'Select: {name}, {date}',
	'approvals.approveSelected': 'Approve selected ({count})',
	'approvals.approvedBatch': '{count} approved.',
	'approvals.correction': 'Correction request',
	'approvals.empty':
		'Your branch has no service records yet. They appear here when members check in at activities, finish services they claimed or add their own.',
	'approvals.emptyFilter': 'No records match these filters.',
	'approvals.emptyWaiting':
		'Nothing to approve. Records appear here once the community confirms them.',
	'approvals.choose': 'Choose a record in the list to see it and decide.',
	'approvals.approve': 'Approve',
	'approvals.return': 'Return',
	'approvals.returnReason': 'Reason for returning (the member sees it)',
	'approvals.reasonRequired':
		'Give a reason when returning: the member needs to know what to change.',
	'approvals.returnSubmit': 'Return',
	'approvals.waitsCommunity':
		'The community has not confirmed this record yet; it can be approved once it has.',
	'approvals.waitsFix':
		"The check-in needs verifying: an organiser of the activity or the host branch's secretary resolves it on the activity's attendance list first.",
	'approvals.resolveFix': 'Verify on the attendance list',
	'approvals.approvedAt': 'Approved on {time}.',
	'approvals.open': 'Service record approval',
	'approvals.risk.title': 'Members to follow up ({year})',
	'approvals.risk.intro':
		'Members with fewer than 4 services in their residence community, yearly duties or branch activities missing, or a projected grade below "fairly good". One reminder per member, topic and day.',
	'approvals.risk.none': 'Every member is on track.',
	'approvals.risk.residence': 'Residence community services {count}/4',
	'approvals.risk.grade': 'Projected grade: {grade} ({points} points)',
	'approvals.targets.title': 'Branch targets {year}',
	'approvals.targets.effective': 'Effective reporting service rate {rate} ({effective}/{members})',
	'approvals.targets.effectiveHelp':
		'Reported to the residence community (confirmed) and at least 4 approved services there this year.',
	'approvals.targets.effectiveTarget': 'Target 80%',
	'approvals.targets.grades': 'Grades (projected)',
	'approvals.targets.gradeCount': '{grade}: {count}',
	'approvals.targets.gradesMet': 'Target met: everyone "fairly good" or better.',
	'approvals.targets.gradesShort': 'Target: everyone "fairly good" or better; {count} not yet.',
	'approvals.member.explanation': 'Points in detail',
	'approvals.detailPane': 'The record chosen',
	'approvals.remindAbout.serve-residence': ' (service where they live)',
	'approvals.remindAbout.yearly-duties': ' (this year’s duties)',
	'approvals.remindAbout.raise-grade': ' (raising the grade)'
};
