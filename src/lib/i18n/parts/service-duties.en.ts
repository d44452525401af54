import type { serviceDutiesZh } from './service-duties.zh-CN';

export const serviceDutiesEn: Record<keyof typeof serviceDutiesZh, string> = {
	'serviceDuties.title': "Members' yearly duties",
	'serviceDuties.intro':
		'Each member, each year: at least 1 service project or post and 1 micro-wish done, 1 lecture given and 1 community activity attended. A claimed service counts once the community confirms it done.',
	'serviceDuties.part.project': 'Project or post',
	'serviceDuties.part.wish': 'Micro-wish',
	'serviceDuties.part.lecture': 'Lecture',
	'serviceDuties.part.community': 'Community activity',
	'serviceDuties.count': '{part} {count}/1',
	'serviceDuties.met': 'done',
	'serviceDuties.notMet': 'not done',
	'serviceDuties.gaps': '{count} not done with every duty',
	'serviceDuties.allDone': 'Every member has done all four duties this year.',
	'serviceDuties.of': "{name}'s yearly duties",
	'serviceDuties.mine':
		'Each year: at least 1 service project or post, 1 micro-wish, 1 lecture given and 1 community activity.'
};
