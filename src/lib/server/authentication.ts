import { parse } from 'cookie';
import { channelsForActor, type Reach } from '../domain/access/channels';
import { grantsOf, hasRole } from '../domain/access/roles';
import type { Actor } from '../domain/access/roles';
import { actorOf, findAccount } from './accounts';
import type { CallerRecord } from './caller-cache';
import { getIfExists } from './read-by-id';
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
	// A session started while its account was being deactivated still ends here.
	if (!account || account.deactivatedAt) return null;
	const actor = actorOf(account);
	const { reach, read } = await reachOf(context, actor);
	return {
		actor,
		displayName: account.displayName,
		reach,
		expiresAt: session.expiresAt.getTime(),
		sources: [`sessions/${sessionIdOf(token)}`, `accounts/${account._id}`, ...read]
	};
}

/** The linked community of each branch (unknown: as stored, checked where it is used). */
async function linkedCommunities(
	context: ServerContext,
	branchIds: string[]
): Promise<Map<string, unknown>> {
	const { rows } = await context.store
		.db('directory')
		.allDocs({ keys: branchIds, include_docs: true });
	return new Map(
		rows.map((row) => {
			const doc = 'doc' in row ? row.doc : null;
			return [row.key, doc?.['kind'] === 'branch' ? doc['linkedCommunityId'] : undefined];
		})
	);
}

/**
 * The communities a caller's activities come from, read afresh like the roles: a member reports to
 * their residence community and their branch's linked community; a secretary's branch is linked to
 * one. A moved residence or a new link takes effect on the next request. `read`: the documents
 * this was read from, as `<database>/<id>`, so that a change to any of them drops the caller.
 */
async function reachOf(
	context: ServerContext,
	actor: Actor
): Promise<{ reach: Reach; read: string[] }> {
	const memberId = hasRole(actor, 'member') ? actor.memberId : undefined;
	const ownBranch = memberId ? actor.branchId : undefined;
	const led = grantsOf(actor.roles, 'secretary').map((grant) => grant.branchId);
	// A secretary leads their own branch: each branch is read once.
	const branchIds = [...new Set(ownBranch ? [ownBranch, ...led] : led)];
	const [member, linked] = await Promise.all([
		memberId ? getIfExists(context.store.db('members'), memberId) : undefined,
		linkedCommunities(context, branchIds)
	]);
	const communityOf = (value: unknown) => (typeof value === 'string' ? [value] : []);
	return {
		reach: {
			memberCommunities: [
				...communityOf(member?.['residenceCommunityId']),
				...communityOf(ownBranch && linked.get(ownBranch))
			],
			branchCommunities: led.flatMap((id) => communityOf(linked.get(id)))
		},
		read: [
			...(memberId ? [`members/${memberId}`] : []),
			...branchIds.map((id) => `directory/${id}`)
		]
	};
}
