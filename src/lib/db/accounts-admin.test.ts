import { afterEach, describe, expect, it, vi } from 'vitest';

const signedInWith = vi.fn(() => Promise.resolve());
// The device signs in with the session activation opens; its replica is not under test here.
vi.mock('./device.svelte', () => ({ device: { signedInWith } }));

const { AccountsError, activate, changePassword, listAccounts, resetPassword } =
	await import('./accounts-admin');

function answer(status: number, body: unknown) {
	const fetch = vi.fn<(url: string) => Promise<Response>>(() =>
		Promise.resolve(new Response(JSON.stringify(body), { status }))
	);
	vi.stubGlobal('fetch', fetch);
	return fetch;
}

async function failureOf(call: () => Promise<unknown>) {
	try {
		await call();
		return null;
	} catch (error) {
		return error instanceof AccountsError
			? { failure: error.failure, code: error.code, problems: error.problems }
			: error;
	}
}

afterEach(() => {
	vi.unstubAllGlobals();
	signedInWith.mockClear();
});

describe('the accounts API client', () => {
	it('sends only the filters set, and the cursor for the next page', async () => {
		const fetch = answer(200, { accounts: [], next: 'member2' });
		await listAccounts({ q: '王 敏', state: 'locked' }, 'member1');
		expect(fetch.mock.calls[0]?.[0]).toBe(
			'/api/accounts?q=%E7%8E%8B+%E6%95%8F&state=locked&cursor=member1'
		);
		answer(200, { accounts: [] });
		await expect(listAccounts({})).resolves.toEqual({ accounts: [] });
	});

	it('tells offline, not yours, a named refusal and a refused password apart', async () => {
		vi.stubGlobal('fetch', () => Promise.reject(new TypeError('fetch failed')));
		expect(await failureOf(() => listAccounts({}))).toMatchObject({ failure: 'offline' });
		answer(404, { error: 'not_found' });
		expect(await failureOf(() => resetPassword('member9'))).toMatchObject({ failure: 'not-found' });
		answer(409, { error: 'own_admin' });
		expect(await failureOf(() => resetPassword('admin'))).toMatchObject({
			failure: 'conflict',
			code: 'own_admin'
		});
		answer(400, { error: 'weak_password', problems: ['too-short'] });
		expect(await failureOf(() => changePassword('old', 'short'))).toMatchObject({
			failure: 'weak-password',
			problems: ['too-short']
		});
		answer(401, { error: 'wrong_password' });
		expect(await failureOf(() => changePassword('wrong', 'Lantern-river-42'))).toMatchObject({
			failure: 'wrong-current'
		});
	});

	it('signs the device in with the session an activation opens, and says a used code is invalid', async () => {
		const session = {
			user: { username: 'member50', displayName: '王敏' },
			roles: [],
			channels: []
		};
		answer(200, session);
		await expect(activate('ZT861C0PES', 'Lantern-river-42')).resolves.toBe('member50');
		expect(signedInWith).toHaveBeenCalledWith(session);
		answer(410, { error: 'code_invalid' });
		expect(await failureOf(() => activate('ZT861C0PES', 'Lantern-river-42'))).toMatchObject({
			failure: 'code-invalid'
		});
		answer(429, { error: 'too_many_requests' });
		expect(await failureOf(() => activate('ZT861C0PES', 'Lantern-river-42'))).toMatchObject({
			failure: 'busy'
		});
		expect(signedInWith).toHaveBeenCalledTimes(1);
	});
});
