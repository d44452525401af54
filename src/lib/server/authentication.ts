import { parse } from 'cookie';
import { channelsForActor, type Reach } from '../domain/access/channels';
import { grantsOf } from '../domain/access/roles';
import type { Actor } from '../domain/access/roles';
import { actorOf, findAccount } from './accounts';
import type { ServerContext } from './server-context';
import { SESSION_COOKIE, sessionUser } from './sessions';

export interface Caller {
	actor: Actor;
	displayName: string;
	/** Sorted: the order the initial sync walks them in. */
	channels: string[];
}

export function sessionToken(request: Request): string | undefined {
	return parse(request.headers.get('cookie') ?? '')[SESSION_COOKIE];
}

/**
 * The signed-in caller, read afresh on every request: roles changed by the office take effect on
 * the next request, and the device notices its channels changed from `GET /api/session`.
 */
export async function authenticate(
	context: ServerContext,
	request: Request
): Promise<Caller | null> {
	const token = sessionToken(request);
	if (!token) return null;
	const username = await sessionUser(context.store.db('sessions'), token, context.now());
	if (!username) return null;
	const account = await findAccount(context.store.db('accounts'), username);
	if (!account) return null;
	const actor = actorOf(account);
	const reach = await reachOf(context, actor);
	return {
		actor,
		displayName: account.displayName,
		channels: channelsForActor(actor, reach, context.now())
	};
}

async function linkedCommunity(context: ServerContext, branchId: string): Promise<string[]> {
	const branch = await context.store
		.db('directory')
		.get(branchId)
		.catch(() => null);
	const id = branch?.['kind'] === 'branch' ? branch['linkedCommunityId'] : undefined;
	return typeof id === 'string' ? [id] : [];
}

/**
 * The communities a caller's activities come from, read afresh like the roles: a member reports to
 * their residence community and their branch's linked community; a secretary's branch is linked to
 * one. A moved residence or a new link takes effect on the next request.
 */
async function reachOf(context: ServerContext, actor: Actor): Promise<Reach> {
	const isMember = actor.roles.some((grant) => grant.role === 'member') && actor.memberId;
	const [member, ownBranch, ...led] = await Promise.all([
		isMember
			? context.store
					.db('members')
					.get(actor.memberId ?? '')
					.catch(() => null)
			: null,
		isMember && actor.branchId ? linkedCommunity(context, actor.branchId) : [],
		...grantsOf(actor.roles, 'secretary').map((grant) => linkedCommunity(context, grant.branchId))
	]);
	const residence = member?.['residenceCommunityId'];
	return {
		memberCommunities: [...(typeof residence === 'string' ? [residence] : []), ...ownBranch],
		branchCommunities: led.flat()
	};
}
