import { describe, expect, it } from 'vitest';
import { currentSession, signIn, SignInError, type SignInFailure } from './session-client';

async function failureFor(answer: () => Promise<Response>): Promise<SignInFailure | null> {
	try {
		await signIn({ serverUrl: 'http://app.test', fetch: answer }, 'member1', 'pw');
		return null;
	} catch (error) {
		return error instanceof SignInError ? error.failure : null;
	}
}

const status = (code: number) => () =>
	Promise.resolve(new Response(JSON.stringify({ error: 'x' }), { status: code }));

describe('signIn failures', () => {
	it('tells wrong credentials, a refused flood of tries, an unreachable and a failing server apart', async () => {
		expect(await failureFor(status(401))).toBe('credentials');
		expect(await failureFor(status(429))).toBe('busy');
		expect(await failureFor(status(503))).toBe('busy');
		expect(await failureFor(status(500))).toBe('server');
		expect(await failureFor(() => Promise.reject(new TypeError('fetch failed')))).toBe('offline');
	});
});

describe('currentSession', () => {
	const answer = (code: number, body: unknown) => () =>
		Promise.resolve(new Response(JSON.stringify(body), { status: code }));
	const ask = (fetch: () => Promise<Response>) =>
		currentSession({ serverUrl: 'http://app.test', fetch });

	it('tells a deactivated account from an ended session, and throws when the server fails', async () => {
		expect(await ask(answer(401, { error: 'deactivated' }))).toBe('deactivated');
		expect(await ask(answer(401, { error: 'unauthorized' }))).toBeNull();
		expect(await ask(() => Promise.resolve(new Response('oops', { status: 401 })))).toBeNull();
		await expect(ask(answer(500, {}))).rejects.toThrow();
		const session = { user: { username: 'member1', displayName: '李伟' }, roles: [], channels: [] };
		expect(await ask(answer(200, session))).toEqual(session);
	});
});
