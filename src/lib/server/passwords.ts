import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

// Plain Uint8Array rather than Buffer: @types/pouchdb-core declares a global Buffer of its own
// that no longer matches Node's, and node:crypto takes either.
function derive(password: string, salt: Uint8Array, options: ScryptOptions): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
			error ? reject(error) : resolve(new Uint8Array(key))
		);
	});
}

/** `scrypt$N$r$p$salt$key`, base64url parts: the parameters travel with the hash. */
export async function hashPassword(password: string): Promise<string> {
	const salt = new Uint8Array(randomBytes(16));
	const key = await derive(password, salt, PARAMS);
	return [
		'scrypt',
		PARAMS.N,
		PARAMS.r,
		PARAMS.p,
		Buffer.from(salt).toString('base64url'),
		Buffer.from(key).toString('base64url')
	].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, key] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !key) return false;
	const options = { N: Number(n), r: Number(r), p: Number(p) };
	// The cost comes from storage: run only costs we could have chosen, never an arbitrary one.
	const sane =
		Number.isInteger(Math.log2(options.N)) &&
		options.N >= 2 ** 14 &&
		options.N <= 2 ** 17 &&
		[8, 16].includes(options.r) &&
		options.p >= 1 &&
		options.p <= 4;
	if (!sane) return false;
	const expected = new Uint8Array(Buffer.from(key, 'base64url'));
	const actual = await derive(password, new Uint8Array(Buffer.from(salt, 'base64url')), {
		...options,
		maxmem: 256 * 1024 * 1024
	});
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/** A hash of nothing, verified against when the username is unknown so timing tells nothing. */
export function dummyHash(): Promise<string> {
	dummy ??= hashPassword(randomBytes(12).toString('base64url'));
	return dummy;
}
