import type { RoleGrant } from './domain/access/roles';
import type { MessageKey } from './i18n/zh-CN';

export type AppPath =
	| '/'
	| '/report'
	| '/review'
	| '/residents'
	| '/branch'
	| '/coverage'
	| '/activities'
	| '/services'
	| '/records'
	| '/ledger'
	| '/notices'
	| '/accounts'
	| '/roster'
	| '/year-end'
	| '/profile';

export type IconName =
	'home' | 'flag' | 'check' | 'people' | 'branch' | 'chart' | 'calendar' | 'heart' | 'bell' | 'me';

export interface NavItem {
	path: AppPath;
	label: MessageKey;
	icon: IconName;
}

const item = (path: AppPath, label: MessageKey, icon: IconName): NavItem => ({
	path,
	label,
	icon
});

/** A phone's tab bar holds five; more and the labels no longer fit under a thumb. */
export const MAX_TABS = 5;

/**
 * The screens a person has, by their roles: what they do most comes right after home, so on a
 * phone it sits under the thumb. Services (claiming for members, the desk for staff and
 * secretaries) and activities follow the main screen of whoever works with them. When the bar is
 * full the last screens give way, messages first; home then links to them (`leftOutOf`).
 */
function screensFor(roles: readonly RoleGrant[]): NavItem[] {
	const has = (role: RoleGrant['role']) => roles.some((g) => g.role === role);
	const pureAdmin = has('admin') && roles.length === 1;
	const main = [
		...(has('community_staff') ? [item('/review', 'nav.review', 'check')] : []),
		...(has('secretary') ? [item('/branch', 'nav.branch', 'branch')] : []),
		...(has('office') ? [item('/coverage', 'nav.coverage', 'chart')] : []),
		...(has('member') ? [item('/report', 'nav.report', 'flag')] : [])
	];
	// The office holds summaries, not services or activities (they reach the people they are for).
	const serves = has('member') || has('secretary') || has('community_staff');
	const screens = [
		item('/', 'nav.home', 'home'),
		...main.slice(0, 1),
		...(serves ? [item('/services', 'marketplace.nav', 'heart')] : []),
		...(serves ? [item('/activities', 'nav.activities', 'calendar')] : []),
		...main.slice(1),
		// The branch–community pair's ledger: kept by the secretary and the community's staff.
		...(has('secretary') || has('community_staff') ? [item('/ledger', 'nav.ledger', 'flag')] : []),
		// A member's service records and points: one tap from home while the tab bar is full.
		...(has('member') ? [item('/records', 'recordKinds.kind.service-record', 'chart')] : []),
		...(has('community_staff') ? [item('/residents', 'nav.residents', 'people')] : []),
		// The year's end (述职评议, feedback, breaches, awards, stories, certificates): everyone's but
		// the administrator's; on a full bar it gives way and home links to it.
		...(pureAdmin ? [] : [item('/year-end', 'nav.yearEnd', 'flag')])
	];
	const notices = pureAdmin ? [] : [item('/notices', 'nav.notices', 'bell')];
	// Onboarding and accounts: the admin's main screen; the office's after its own work, so on a
	// full bar they give way first and home links to them.
	const manages = [
		...(has('office') ? [item('/roster', 'nav.roster', 'people')] : []),
		...(has('office') || has('admin') ? [item('/accounts', 'nav.accounts', 'people')] : [])
	];
	return pureAdmin ? [...screens, ...manages] : [...screens, ...notices, ...manages];
}

/** The tab bar: the first screens that fit, and the person's own page last. */
export function navItemsFor(roles: readonly RoleGrant[]): NavItem[] {
	return [...screensFor(roles).slice(0, MAX_TABS - 1), item('/profile', 'nav.profile', 'me')];
}

/** The screens a full tab bar left out, which home links to. */
export function leftOutOf(roles: readonly RoleGrant[]): NavItem[] {
	return screensFor(roles).slice(MAX_TABS - 1);
}

/** The item a path belongs to: a screen's sub-paths keep its tab highlighted. */
export function isCurrent(item: NavItem, pathname: string): boolean {
	return item.path === '/' ? pathname === '/' : pathname.startsWith(item.path);
}
