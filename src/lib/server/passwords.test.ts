import { describe, expect, it } from 'vitest';
import { dummyHash, hashPassword, verifyPassword } from './passwords';

describe('hashPassword / verifyPassword', () => {
	it('verifies the password it hashed', async () => {
		const stored = await hashPassword('correct horse battery staple');
		expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
	});

	it('refuses a wrong password', async () => {
		const stored = await hashPassword('baodao-demo');
		expect(await verifyPassword('baodao-dem0', stored)).toBe(false);
		expect(await verifyPassword('Baodao-demo', stored)).toBe(false);
		expect(await verifyPassword('', stored)).toBe(false);
		expect(await verifyPassword('baodao-demo ', stored)).toBe(false);
	});

	it('stores scheme, parameters, salt and key, never the password', async () => {
		const stored = await hashPassword('秘密口令');
		const parts = stored.split('$');
		expect(parts).toHaveLength(6);
		expect(parts.slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
		expect(parts[4]).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(parts[5]).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(stored).not.toContain('秘密口令');
		expect(await verifyPassword('秘密口令', stored)).toBe(true);
	});

	it('salts every hash', async () => {
		const a = await hashPassword('same');
		const b = await hashPassword('same');
		expect(a).not.toBe(b);
		expect(await verifyPassword('same', a)).toBe(true);
		expect(await verifyPassword('same', b)).toBe(true);
	});

	it('normalises Unicode (NFKC) before hashing', async () => {
		const stored = await hashPassword('ｐａｓｓ１２３');
		expect(await verifyPassword('pass123', stored)).toBe(true);
		const composed = await hashPassword('caf\u00e9');
		expect(await verifyPassword('cafe\u0301', composed)).toBe(true);
	});

	it('refuses when the key or the salt was altered', async () => {
		const stored = await hashPassword('pw');
		const parts = stored.split('$');
		const key = parts[5] ?? '';
		const salt = parts[4] ?? '';
		const otherKey = (key[0] === 'A' ? 'B' : 'A') + key.slice(1);
		const otherSalt = (salt[0] === 'A' ? 'B' : 'A') + salt.slice(1);
		expect(await verifyPassword('pw', [...parts.slice(0, 5), otherKey].join('$'))).toBe(false);
		expect(await verifyPassword('pw', [...parts.slice(0, 4), otherSalt, key].join('$'))).toBe(
			false
		);
		expect(await verifyPassword('pw', [...parts.slice(0, 5), key.slice(0, 20)].join('$'))).toBe(
			false
		);
	});

	it('refuses a malformed stored hash', async () => {
		const stored = await hashPassword('pw');
		const [, n, r, p, salt, key] = stored.split('$');
		for (const malformed of [
			'',
			'pw',
			'$$$$$',
			`bcrypt$${n}$${r}$${p}$${salt}$${key}`,
			`scrypt$${n}$${r}$${p}$${salt}`,
			`scrypt$${n}$${r}$${p}$$${key}`,
			`scrypt$${n}$${r}$${p}$${salt}$`
		]) {
			expect(await verifyPassword('pw', malformed), malformed).toBe(false);
		}
	});

	it('refuses, without throwing, a stored hash with non-numeric or out-of-range parameters', async () => {
		const stored = await hashPassword('pw');
		const [, , r, p, salt, key] = stored.split('$');
		for (const corrupt of [
			`scrypt$abc$${r}$${p}$${salt}$${key}`,
			`scrypt$${2 ** 30}$${r}$${p}$${salt}$${key}`,
			`scrypt$16384$0$${p}$${salt}$${key}`,
			`scrypt$16383$${r}$${p}$${salt}$${key}`
		]) {
			await expect(verifyPassword('pw', corrupt), corrupt).resolves.toBe(false);
		}
	});
});

describe('dummyHash', () => {
	it('is a verifiable hash, the same one every time', async () => {
		const first = await dummyHash();
		expect(first.startsWith('scrypt$')).toBe(true);
		expect(await dummyHash()).toBe(first);
		expect(await verifyPassword('', first)).toBe(false);
	});
});
