/** Messages of the claim worker's notices to members (消息); spread into zh-CN.ts. */
export const claimNoticesZh = {
	'claimNotices.waiting':
		'「{title}」名额已满，您已在候补名单第 {position} 位，有名额空出时会通知您。',
	'claimNotices.promoted': '「{title}」有名额空出，已为您保留，请按时参加。',
	'claimNotices.unknownItem': '您认领的服务',
	'claimNotices.open': '查看服务'
} as const;
