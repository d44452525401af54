import type { fixesZh } from './fixes.zh-CN';

export const fixesEn: Record<keyof typeof fixesZh, string> = {
	'fixes.resolve': 'Verify',
	'fixes.resolveLabel': 'Verify the attendance of {name}',
	'fixes.title': 'Verify the attendance of {name}',
	'fixes.outcome': 'Outcome',
	'fixes.present': 'Confirm present',
	'fixes.absent': 'Mark absent',
	'fixes.absentHint': 'Marked absent, this person counts no service time for this activity.',
	'fixes.checkIn': 'Check-in time (Beijing time)',
	'fixes.checkOut': 'Check-out time (Beijing time, optional)',
	'fixes.reason': 'Reason (required, up to 200 characters)',
	'fixes.reasonPlaceholder': 'E.g. was there; phone battery died before checking out',
	'fixes.save': 'Save the verification',
	'fixes.cancel': 'Cancel',
	'fixes.saved': 'Saved the verification of {name}.',
	'fixes.problem.reason': 'Please give a reason (up to 200 characters).',
	'fixes.problem.check-in': 'Please enter a valid check-in time.',
	'fixes.problem.check-out': 'The check-out time is not valid: correct it or clear it.',
	'fixes.problem.window':
		'Times must fall between 1 hour before the start and 1 hour after the end of the activity.',
	'fixes.problem.order': 'The check-in cannot be later than the check-out.',
	'fixes.resolved': 'Verified',
	'fixes.redo': 'Verify again',
	'fixes.resolvedPresent': 'Confirmed present by {by} on {at}: {reason}',
	'fixes.resolvedAbsent': 'Marked absent by {by} on {at}: {reason}'
};
