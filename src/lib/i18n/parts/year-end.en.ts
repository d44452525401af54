import type { yearEndZh } from './year-end.zh-CN';

/** English for year-end.zh-CN.ts. */
export const yearEndEn: Record<keyof typeof yearEndZh, string> = {
	'yearEnd.title': 'Year end',
	'yearEnd.intro':
		'The annual reports and their ratings, community feedback, breaches, awards and their public notice, stories and service certificates start here.',
	'yearEnd.empty': 'Your role has no year-end work.',
	'yearEnd.publicTitle': 'Public pages',
	'yearEnd.publicIntro':
		'Open to anyone without signing in: award notices, stories of service, and checking a service certificate.',
	'yearEnd.publicStories': 'Stories of service',
	'yearEnd.publicVerify': 'Check a service certificate',
	'yearEnd.topic.workReports.title': 'Annual reports of secretaries',
	'yearEnd.topic.workReports.intro':
		'The branch secretary\'s annual report, rated by the street, the community and residents: evidence for the "five goods" branch assessment.',
	'yearEnd.topic.feedback.title': 'Community feedback',
	'yearEnd.topic.feedback.intro':
		'The community rates each member who served there; it counts in appraisal and in the grade.',
	'yearEnd.topic.breaches.title': 'Discipline breaches',
	'yearEnd.topic.breaches.intro':
		'Communities report breaches of the reporting discipline; the member may respond; the office confirms or dismisses.',
	'yearEnd.topic.awards.title': 'Awards and public notice',
	'yearEnd.topic.awards.intro':
		'Nominating, announcing, handling objections to and publishing "Volunteer service star" and "Most admirable community-serving cadre".',
	'yearEnd.topic.stories.title': 'Stories of service',
	'yearEnd.topic.stories.intro':
		'Moving stories of everyday and emergency service, published after the office reviews them.',
	'yearEnd.topic.certificates.title': 'Service certificates',
	'yearEnd.topic.certificates.intro':
		'A printable record of volunteer service for a period, which anyone can check by scanning its code.'
};
