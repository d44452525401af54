import { parse } from 'cookie';
import { channelsForActor, type Reach } from '../domain/access/channels';
import { grantsOf, hasRole } from '../domain/access/roles';
import type { Actor } from '../domain/access/roles';
import { actorOf, findAccount } from './accounts';
import type { CallerRecord } from './caller-cache';
import type { ServerContext } from './server-context';
import { isSessionToken, readSession, SESSION_COOKIE, sessionIdOf } from './sessions';

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
 * The signed-in caller. What a session stands for is remembered until a document it was read from
 * changes (caller-cache.ts): roles changed by the office take effect on the next request after the
 * store's feed reports the change, and the device notices its channels changed from
 * `GET /api/session`. The channels are worked out on every request, since the open years move on.
 */
export async function authenticate(
	context: ServerContext,
	request: Request
): Promise<Caller | null> {
	const token = sessionToken(request);
	if (!token || !isSessionToken(token)) return null;
	const record = await context.callers.read(sessionIdOf(token), () => readCaller(context, token));
	if (!record) return null;
	return {
		actor: record.actor,
		displayName: record.displayName,
		channels: channelsForActor(record.actor, record.reach, context.now())
	};
}

/** Reads who a session is from the store: the session, its account, the member and branches. */
async function readCaller(context: ServerContext, token: string): Promise<CallerRecord | null> {
	const session = await readSession(context.store.db('sessions'), token, context.now());
	if (!session) return null;
	const account = await findAccount(context.store.db('accounts'), session.username);
	if (!account) return null;
	const actor = actorOf(account);
	const reach = await reachOf(context, actor);
	return {
		actor,
		displayName: account.displayName,
		reach,
		expiresAt: session.expiresAt.getTime(),
		sources: [
			`sessions/${sessionIdOf(token)}`,
			`accounts/${account._id}`,
			...(actor.memberId ? [`members/${actor.memberId}`] : []),
			...branchesRead(actor).map((id) => `directory/${id}`)
		]
	};
}

/** The branches whose linked community `reachOf` reads. */
function branchesRead(actor: Actor): string[] {
	const led = grantsOf(actor.roles, 'secretary').map((grant) => grant.branchId);
	const own = hasRole(actor, 'member') && actor.memberId ? actor.branchId : undefined;
	return [...new Set([...(own ? [own] : []), ...led])];
}

/** The communities the branches are linked to, each branch read once (a secretary leads their own). */
async function linkedCommunities(
	context: ServerContext,
	branchIds: readonly string[]
): Promise<Map<string, string>> {
	const ids = [...new Set(branchIds)];
	if (ids.length === 0) return new Map();
	const { rows } = await context.store.db('directory').allDocs({ keys: ids, include_docs: true });
	return new Map(
		rows.flatMap((row) => {
			const doc = 'doc' in row ? row.doc : null;
			const linked = doc?.['kind'] === 'branch' ? doc['linkedCommunityId'] : undefined;
			return typeof linked === 'string' ? [[row.key, linked] as const] : [];
		})
	);
}

/**
 * The communities a caller's activities come from, read afresh like the roles: a member reports to
 * their residence community and their branch's linked community; a secretary's branch is linked to
 * one. A moved residence or a new link takes effect on the next request.
 */
async function reachOf(context: ServerContext, actor: Actor): Promise<Reach> {
	const memberId = hasRole(actor, 'member') ? actor.memberId : undefined;
	const led = grantsOf(actor.roles, 'secretary').map((grant) => grant.branchId);
	const ownBranch = memberId ? actor.branchId : undefined;
	const [member, linked] = await Promise.all([
		memberId
			? context.store
					.db('members')
					.get(memberId)
					.catch(() => null)
			: null,
		linkedCommunities(context, branchesRead(actor))
	]);
	const linkedOf = (branchId: string | undefined) => {
		const id = branchId ? linked.get(branchId) : undefined;
		return id ? [id] : [];
	};
	const residence = member?.['residenceCommunityId'];
	return {
		memberCommunities: [
			...(typeof residence === 'string' ? [residence] : []),
			...linkedOf(ownBranch)
		],
		branchCommunities: led.flatMap(linkedOf)
	};
}
