import type { feedbackZh } from './feedback.zh-CN';

/** English for feedback.zh-CN.ts. */
export const feedbackEn: Record<keyof typeof feedbackZh, string> = {
	'feedback.title': "Community's year-end feedback",
	'feedback.intro':
		'Rate each member who served in the community this year. The feedback is evidence for their grade, awards and promotion: a member rated "poor" can be at most "average" this year. Works offline; it syncs once back online.',
	'feedback.community': '{name} · {year}',
	'feedback.progress': 'Rated {rated}/{total}',
	'feedback.progressLabel': 'Rating progress',
	'feedback.empty':
		'No member has confirmed service in this community this year. Once the community confirms their service records, they appear here to be rated at the year end.',
	'feedback.served': '{count} services here this year, {minutes} minutes in all',
	'feedback.noService': 'Service records withdrawn; the feedback still counts',
	'feedback.notRated': 'Not rated',
	'feedback.rated': 'Rated: {grade}',
	'feedback.rate': 'Rate',
	'feedback.change': 'Change',
	'feedback.gradeLegend': 'Grade',
	'feedback.comment': 'Comment',
	'feedback.commentHint':
		'A "poor" rating must say why. The member, the branch secretary and the office can read the comment.',
	'feedback.problem.comment-required': 'Say why when rating "poor"',
	'feedback.problem.comment-too-long': 'At most {max} characters',
	'feedback.save': 'Save rating',
	'feedback.updated': 'Updated {time}',
	'feedback.filterUnrated': 'Only those not rated',
	'feedback.allRated': 'Every member of this community has been rated.'
};
