import type { RoleGrant } from './domain/roles';
import type { MessageKey } from './i18n/zh-CN';

export type AppPath =
	'/' | '/report' | '/review' | '/residents' | '/branch' | '/coverage' | '/notices' | '/profile';

export type IconName = 'home' | 'flag' | 'check' | 'people' | 'branch' | 'chart' | 'bell' | 'me';

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

/**
 * The screens a person has, by their roles: what they do most comes right after home, so on a
 * phone it sits under the thumb.
 */
export function navItemsFor(roles: readonly RoleGrant[]): NavItem[] {
	const has = (role: RoleGrant['role']) => roles.some((g) => g.role === role);
	return [
		item('/', 'nav.home', 'home'),
		...(has('community_staff')
			? [item('/review', 'nav.review', 'check'), item('/residents', 'nav.residents', 'people')]
			: []),
		...(has('secretary') ? [item('/branch', 'nav.branch', 'branch')] : []),
		...(has('office') ? [item('/coverage', 'nav.coverage', 'chart')] : []),
		...(has('member') ? [item('/report', 'nav.report', 'flag')] : []),
		...(has('admin') && roles.length === 1 ? [] : [item('/notices', 'nav.notices', 'bell')]),
		item('/profile', 'nav.profile', 'me')
	];
}

/** The item a path belongs to: a screen's sub-paths keep its tab highlighted. */
export function isCurrent(item: NavItem, pathname: string): boolean {
	return item.path === '/' ? pathname === '/' : pathname.startsWith(item.path);
}
