import { shanghaiDay, shanghaiYear } from '../calendar/shanghai-calendar';
import type { Actor } from './roles';

/**
 * Channels decide who reads what. Every replicated document carries `channels`, computed by a pure
 * function of its own fields; a session grants a set of channels; a device holds exactly the
 * documents in its channels. A replica is bounded by its user's needs: `public` is for small
 * reference data only, records reach the people they concern, and yearly records carry their
 * year so that closed years leave devices.
 */
export const PUBLIC_CHANNEL = 'public';

/**
 * Raised whenever a kind's `channelsOf` changes: the server then brings the channels of stored
 * documents up to date once, at start (version 2: activities and records scoped, years close).
 */
export const CHANNEL_RULES_VERSION = 2;

export const channel = {
	user: (username: string) => `user:${username}`,
	member: (memberId: string) => `member:${memberId}`,
	branch: (branchId: string) => `branch:${branchId}`,
	community: (communityId: string) => `community:${communityId}`,
	street: (streetId: string) => `street:${streetId}`,
	bureau: (orgId: string) => `bureau:${orgId}`,
	/** The members of a branch: the branch's activities reach them. */
	branchMembers: (branchId: string) => `branch-members:${branchId}`,
	/** Members who report to a community (residence or their branch's): its open activities reach them. */
	communityMembers: (communityId: string) => `community-members:${communityId}`,
	/** Whoever may scan badges at an activity: the badge revocation list reaches them. */
	scanners: () => 'scanners'
};

/** The channel of one year's records behind a base channel, e.g. `member:m001/2026`. */
export function inYear(base: string, year: number): string {
	return `${base}/${year}`;
}

/**
 * The years whose records devices hold: the current one and the previous one, in the scheme's
 * calendar. Older years are closed: their records stay on the server, a member keeps a summary.
 */
export function openYears(now: Date): [number, number] {
	const year = shanghaiYear(now);
	return [year, year - 1];
}

/** Sorted and without duplicates, so the client and the server produce the same array. */
export function normalizeChannels(channels: Iterable<string>): string[] {
	return [...new Set(channels)].sort();
}

export function sameChannels(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** What the grants rest on beyond the account: facts the server reads from the directory and profile. */
export interface Reach {
	/** For a member: the residence community and the branch's linked community (they report to both). */
	memberCommunities: readonly string[];
	/** For a secretary: the linked community of each branch they lead. */
	branchCommunities: readonly string[];
}

export const NO_REACH: Reach = { memberCommunities: [], branchCommunities: [] };

/**
 * The channels a session grants at `now`. The administrator manages accounts and sees no service
 * data, only the public reference data; the office reads summaries and the roster, not every record.
 */
export function channelsForActor(actor: Actor, reach: Reach, now: Date): string[] {
	const years = openYears(now);
	const granted = [channel.user(actor.username)];
	const yearly = (base: string) => years.map((year) => inYear(base, year));
	let serviceRole = false;
	for (const grant of actor.roles) {
		switch (grant.role) {
			case 'member':
				if (!actor.memberId) break;
				serviceRole = true;
				granted.push(channel.member(actor.memberId), ...yearly(channel.member(actor.memberId)));
				if (actor.branchId) granted.push(...yearly(channel.branchMembers(actor.branchId)));
				for (const id of reach.memberCommunities)
					granted.push(...yearly(channel.communityMembers(id)));
				break;
			case 'secretary':
				serviceRole = true;
				granted.push(
					channel.branch(grant.branchId),
					...yearly(channel.branch(grant.branchId)),
					channel.scanners()
				);
				for (const id of reach.branchCommunities)
					granted.push(...yearly(channel.communityMembers(id)));
				break;
			case 'community_staff':
				serviceRole = true;
				granted.push(
					channel.community(grant.communityId),
					...yearly(channel.community(grant.communityId)),
					channel.scanners()
				);
				break;
			case 'street_staff':
				serviceRole = true;
				granted.push(channel.street(grant.streetId));
				break;
			case 'office': {
				serviceRole = true;
				// The current year only: a member's summary per open year would be two per member.
				const bureau = channel.bureau(grant.orgId);
				granted.push(bureau, inYear(bureau, years[0]));
				// …except in January: the year's end runs into it (公示, ratings of 述职 until 1 February,
				// breaches of late December still to decide), so last year's documents stay till then.
				if (shanghaiDay(now).slice(4, 6) === '01') granted.push(inYear(bureau, years[1]));
				break;
			}
			case 'admin':
				// Reference data only (the directory), for the accounts screens' names and pickers.
				granted.push(PUBLIC_CHANNEL);
				break;
		}
	}
	if (serviceRole) granted.push(PUBLIC_CHANNEL, ...yearly(channel.user(actor.username)));
	return normalizeChannels(granted);
}

export function canRead(granted: ReadonlySet<string>, docChannels: unknown): boolean {
	return (
		Array.isArray(docChannels) && docChannels.some((c) => typeof c === 'string' && granted.has(c))
	);
}
