import type { RoleGrant } from '$lib/domain/access/roles';
import { t } from '$lib/i18n/i18n.svelte';

/** The place a grant is held at, when it has one. */
export function placeOf(grant: RoleGrant): string | null {
	switch (grant.role) {
		case 'secretary':
			return grant.branchId;
		case 'community_staff':
			return grant.communityId;
		case 'street_staff':
			return grant.streetId;
		case 'office':
			return grant.orgId;
		case 'member':
		case 'admin':
			return null;
	}
}

/** A grant in words, e.g. 支部书记（第一党支部）; `nameOf` names the place from the directory. */
export function grantLabel(grant: RoleGrant, nameOf: (id: string) => string): string {
	const role = t(`accounts.role.${grant.role}`);
	const place = placeOf(grant);
	return place === null ? role : t('accounts.grant.placed', { role, place: nameOf(place) });
}
