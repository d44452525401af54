import type { ActivityScope } from '$lib/domain/events/activity-scopes';
import { t } from '$lib/i18n/i18n.svelte';

/** Where a desk publishes: the community, or a branch for its linked community. */
export function scopeLabel(scope: ActivityScope, communityName: (id: string) => string): string {
	const community = communityName(scope.communityId);
	return scope.branch
		? t('serviceDesk.scopeBranch', { name: scope.branch.name, community })
		: t('serviceDesk.scopeCommunity', { name: community });
}
