import type { pairingZh } from './pairing.zh-CN';

/** English for `pairing.*` (see pairing.zh-CN.ts). */
export const pairingEn: Record<keyof typeof pairingZh, string> = {
	'pairing.title': 'Linked community',
	'pairing.intro':
		'Each branch is paired with one community. A change of the linked community is recorded, and the branch then reports to the new community.',
	'pairing.open': 'Linked communities',
	'pairing.empty': 'This bureau has no branches yet.',
	'pairing.current': 'Linked community',
	'pairing.none': 'No linked community yet',
	'pairing.change': 'Change linked community',
	'pairing.set': 'Set linked community',
	'pairing.save': 'Save',
	'pairing.cancel': 'Cancel',
	'pairing.history': 'History',
	'pairing.historyEmpty':
		'No changes recorded: the current link was set before the history was kept.',
	'pairing.historyChange': '{from} → {to}',
	'pairing.historyBy': '{time} · {by}',
	'pairing.historyFromNone': '(not recorded)',
	'pairing.historyToNone': '(unlinked)',
	'pairing.historyCurrent': 'current',
	'pairing.problem.not-branch': 'Only branches are paired with a community.',
	'pairing.problem.no-community': 'Choose a community.',
	'pairing.problem.unknown-community': 'That is not a community of the directory; choose again.',
	'pairing.problem.unchanged': 'That is already the linked community.',
	'pairing.problem.history-full':
		'The branch’s history is full (30 changes); ask the administrator.',
	'pairing.problem.no-link': 'Your branch has no linked community yet; ask the bureau office.',
	'pairing.problem.waiting': 'The report is waiting for the community; no need to send it again.',
	'pairing.problem.confirmed': 'The community has confirmed your branch’s report.',
	'pairing.problem.note-too-long': 'The note may have at most 500 characters.',
	'pairing.report.title': 'Branch report',
	'pairing.report.intro':
		'The secretary reports the branch to its linked community; once the community confirms, it counts for the bureau’s branch reporting coverage.',
	'pairing.report.to': 'Reporting to: {community}',
	'pairing.report.none': 'Your branch has not reported to its linked community yet.',
	'pairing.report.waiting':
		'Sent {time} (submission {submission}), waiting for the community to confirm.',
	'pairing.report.confirmed': 'The community confirmed your branch’s report on {time}.',
	'pairing.report.returned': 'The community returned it on {time}: {reason}',
	'pairing.report.note': 'Note (optional, e.g. number of members, contact person)',
	'pairing.report.submit': 'Report to the community',
	'pairing.report.resubmit': 'Correct and report again',
	'pairing.review.filter': 'Branch reports',
	'pairing.review.kind': 'Branch report',
	'pairing.review.branch': 'Branch',
	'pairing.review.secretary': 'Secretary',
	'pairing.review.submitted': 'Submitted',
	'pairing.review.submission': 'Submission {submission}',
	'pairing.review.note': 'Note',
	'pairing.review.back': 'Back to the list',
	'pairing.coverage.title': 'Branch reporting coverage',
	'pairing.coverage.intro':
		'Branches whose report the current linked community confirmed, of all branches; target 100%.',
	'pairing.coverage.figure': '{reported} of {branches} branches reported ({rate})',
	'pairing.coverage.target': 'Target {rate}',
	'pairing.coverage.chartLabel': 'Branch reporting coverage and target',
	'pairing.coverage.missing': 'Branches not reported yet',
	'pairing.coverage.allDone':
		'Every branch has reported to its linked community and been confirmed.',
	'pairing.coverage.noBranches': 'This bureau has no branches yet.',
	'pairing.coverage.noLink': 'No linked community'
};
