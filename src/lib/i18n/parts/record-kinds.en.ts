import type { recordKindsZh } from './record-kinds.zh-CN';

export const recordKindsEn: Record<keyof typeof recordKindsZh, string> = {
	'recordKinds.kind.service-record': 'Service record',
	'recordKinds.kind.correction': 'Correction request',
	'recordKinds.kind.approval': 'Approval',
	'recordKinds.kind.fix': 'Attendance to verify, resolved',
	'recordKinds.kind.points-scheme': 'Points scheme',
	'recordKinds.reminder.serve-residence':
		'{sender} reminds you: please serve in your residence community this year.',
	'recordKinds.reminder.yearly-duties':
		"{sender} reminds you: please complete this year's party duties and service.",
	'recordKinds.reminder.raise-grade':
		'{sender} reminds you: a little more service would raise your grade this year.',
	'recordKinds.digest':
		'This week: {atRisk} members with open duties, {waitingApproval} records waiting for approval, {flagged} to verify.',
	'recordKinds.digestOpen': 'Open approvals',
	'recordKinds.openRecords': 'Open my records'
};
