import type { RoleGrant } from '../domain/access/roles';

export interface SessionInfo {
	user: {
		username: string;
		displayName: string;
		memberId?: string;
		branchId?: string;
		orgId?: string;
	};
	roles: RoleGrant[];
	channels: string[];
}

/** `busy`: the server limits sign-in attempts (429) or is checking too many at once (503). */
export type SignInFailure = 'credentials' | 'busy' | 'offline' | 'server';

export class SignInError extends Error {
	constructor(readonly failure: SignInFailure) {
		super(failure);
	}
}

export interface SessionClientOptions {
	serverUrl: string;
	fetch?: typeof fetch;
}

function fetcher(options: SessionClientOptions): typeof fetch {
	return options.fetch ?? globalThis.fetch.bind(globalThis);
}

export async function signIn(
	options: SessionClientOptions,
	username: string,
	password: string
): Promise<SessionInfo> {
	let response: Response;
	try {
		response = await fetcher(options)(`${options.serverUrl}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			credentials: 'same-origin',
			body: JSON.stringify({ username, password })
		});
	} catch {
		throw new SignInError('offline');
	}
	if (response.status === 401) throw new SignInError('credentials');
	if (response.status === 429 || response.status === 503) throw new SignInError('busy');
	if (!response.ok) throw new SignInError('server');
	return (await response.json()) as SessionInfo;
}

/**
 * The current session; null when signed out or expired, 'deactivated' when the account was
 * deactivated while this device held its session; throws when the server is unreachable.
 */
export async function currentSession(
	options: SessionClientOptions
): Promise<SessionInfo | null | 'deactivated'> {
	const response = await fetcher(options)(`${options.serverUrl}/api/session`, {
		credentials: 'same-origin'
	});
	if (response.status === 401) {
		const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
		return body?.error === 'deactivated' ? 'deactivated' : null;
	}
	if (!response.ok) throw new Error(`The server answered ${response.status}.`);
	return (await response.json()) as SessionInfo;
}

export async function signOut(options: SessionClientOptions): Promise<void> {
	await fetcher(options)(`${options.serverUrl}/api/session`, {
		method: 'DELETE',
		credentials: 'same-origin'
	});
}
