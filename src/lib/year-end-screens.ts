import type { RoleGrant, RoleName } from './domain/access/roles';

export type YearEndPath =
	| '/year-end/breaches'
	| '/year-end/feedback'
	| '/year-end/work-reports'
	| '/year-end/awards'
	| '/year-end/stories'
	| '/year-end/certificates';

export type YearEndTopic =
	'breaches' | 'feedback' | 'workReports' | 'awards' | 'stories' | 'certificates';

export interface YearEndScreen {
	path: YearEndPath;
	topic: YearEndTopic;
}

/** Who works with each screen of the year's end; the screen itself shows each role its part. */
const SCREENS: readonly (YearEndScreen & { roles: readonly RoleName[] })[] = [
	// 述职评议 (R9): the secretary writes it; the street and the community rate it; the office sums up.
	{
		path: '/year-end/work-reports',
		topic: 'workReports',
		roles: ['secretary', 'street_staff', 'community_staff', 'office']
	},
	// R21: the community rates each member who served there.
	{ path: '/year-end/feedback', topic: 'feedback', roles: ['community_staff'] },
	// R20: the community reports, the member answers, the secretary reads, the office decides.
	{
		path: '/year-end/breaches',
		topic: 'breaches',
		roles: ['community_staff', 'member', 'secretary', 'office']
	},
	// R18: the office selects; 公示 reaches everyone.
	{
		path: '/year-end/awards',
		topic: 'awards',
		roles: ['office', 'member', 'secretary', 'community_staff', 'street_staff']
	},
	// R22: members, secretaries and communities write; the office publishes.
	{
		path: '/year-end/stories',
		topic: 'stories',
		roles: ['member', 'secretary', 'community_staff', 'office']
	},
	{ path: '/year-end/certificates', topic: 'certificates', roles: ['member', 'office'] }
];

/** The year-end screens a person has, by their roles, in the order of the year's work. */
export function yearEndScreensFor(roles: readonly RoleGrant[]): YearEndScreen[] {
	return SCREENS.filter((screen) => roles.some((grant) => screen.roles.includes(grant.role))).map(
		({ path, topic }) => ({ path, topic })
	);
}
