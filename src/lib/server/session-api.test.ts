import { describe, expect, it } from 'vitest';
import { HttpError } from './http-json';
import { credentialsOf, MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH } from './session-api';

function refusal(body: unknown): HttpError | null {
	try {
		credentialsOf(body);
		return null;
	} catch (error) {
		return error as HttpError;
	}
}

describe('credentialsOf', () => {
	it('normalises the username (trim, lower case) and keeps the password as typed', () => {
		expect(credentialsOf({ username: '  Member1 ', password: ' Pass word ' })).toEqual({
			username: 'member1',
			password: ' Pass word '
		});
	});

	it(`accepts a password of ${MAX_PASSWORD_LENGTH} characters and refuses a longer one`, () => {
		expect(MAX_PASSWORD_LENGTH).toBe(1024);
		const longest = 'x'.repeat(MAX_PASSWORD_LENGTH);
		expect(credentialsOf({ username: 'member1', password: longest }).password).toBe(longest);
		expect(refusal({ username: 'member1', password: longest + 'x' })).toMatchObject({
			status: 400,
			code: 'bad_request'
		});
	});

	it('refuses an overlong username before it is remembered anywhere', () => {
		expect(refusal({ username: 'm'.repeat(MAX_USERNAME_LENGTH + 1), password: 'p' })?.status).toBe(
			400
		);
		expect(refusal({ username: 'm'.repeat(MAX_USERNAME_LENGTH), password: 'p' })).toBeNull();
	});

	it('refuses anything but two strings', () => {
		for (const body of [
			null,
			[],
			'member1',
			{ username: 'member1' },
			{ password: 'p' },
			{ username: 1, password: 'p' },
			{ username: 'member1', password: ['p'] }
		]) {
			expect(refusal(body)?.status, JSON.stringify(body)).toBe(400);
		}
	});
});
