import { parse } from 'cookie';
import { channelsForActor } from '../domain/access/channels';
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
	return { actor, displayName: account.displayName, channels: channelsForActor(actor) };
}
