import type { Actor } from './roles';

/**
 * Channels decide who reads what. Every replicated document carries `channels`, computed by a pure
 * function of its own fields; a session grants a set of channels; a device holds exactly the
 * documents in its channels.
 */
export const PUBLIC_CHANNEL = 'public';

export const channel = {
	user: (username: string) => `user:${username}`,
	member: (memberId: string) => `member:${memberId}`,
	branch: (branchId: string) => `branch:${branchId}`,
	community: (communityId: string) => `community:${communityId}`,
	bureau: (orgId: string) => `bureau:${orgId}`
};

/** Sorted and without duplicates, so the client and the server produce the same array. */
export function normalizeChannels(channels: Iterable<string>): string[] {
	return [...new Set(channels)].sort();
}

export function sameChannels(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** The channels a session grants. The administrator manages accounts and sees no service data. */
export function channelsForActor(actor: Actor): string[] {
	const granted = [channel.user(actor.username)];
	for (const grant of actor.roles) {
		switch (grant.role) {
			case 'member':
				if (actor.memberId) granted.push(channel.member(actor.memberId), PUBLIC_CHANNEL);
				break;
			case 'secretary':
				granted.push(channel.branch(grant.branchId), PUBLIC_CHANNEL);
				break;
			case 'community_staff':
				granted.push(channel.community(grant.communityId), PUBLIC_CHANNEL);
				break;
			case 'office':
				granted.push(channel.bureau(grant.orgId), PUBLIC_CHANNEL);
				break;
			case 'admin':
				break;
		}
	}
	return normalizeChannels(granted);
}

export function canRead(granted: ReadonlySet<string>, docChannels: unknown): boolean {
	return (
		Array.isArray(docChannels) && docChannels.some((c) => typeof c === 'string' && granted.has(c))
	);
}
