import type { claimNoticesZh } from './claim-notices.zh-CN';

export const claimNoticesEn: Record<keyof typeof claimNoticesZh, string> = {
	'claimNotices.waiting':
		'“{title}” is full: you are number {position} on the waiting list. We will tell you when a place frees up.',
	'claimNotices.promoted':
		'A place on “{title}” freed up and is kept for you. Please be there on time.',
	'claimNotices.unknownItem': 'the service you claimed',
	'claimNotices.open': 'Open the service'
};
