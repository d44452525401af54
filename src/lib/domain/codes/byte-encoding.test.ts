import { describe, expect, it } from 'vitest';
import {
	fromBase64Url,
	fromHex,
	normalizeCrockford,
	toBase64Url,
	toCrockford,
	toHex
} from './byte-encoding';

const bytes = (...values: number[]) => Uint8Array.from(values);
const every = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('base64url', () => {
	it('round-trips every byte value and every length up to a block and a half', () => {
		expect(fromBase64Url(toBase64Url(every))).toEqual(every);
		for (let length = 0; length <= 6; length++) {
			const chunk = every.slice(250 - length, 250);
			expect(fromBase64Url(toBase64Url(chunk))).toEqual(chunk);
		}
	});

	it('uses the URL-safe alphabet without padding', () => {
		expect(toBase64Url(bytes(0xfb, 0xff))).toBe('-_8');
		expect(toBase64Url(bytes(0))).toBe('AA');
		expect(toBase64Url(new Uint8Array())).toBe('');
		expect(toBase64Url(new TextEncoder().encode('张三'))).toBe('5byg5LiJ');
	});

	it('returns null for characters outside base64url, never throwing', () => {
		for (const bad of ['ab+c', 'ab/c', 'AA==', 'A A', 'AA~', '张三', 'AA\n']) {
			expect(fromBase64Url(bad)).toBeNull();
		}
	});

	it('returns null for a length no byte string encodes to', () => {
		expect(fromBase64Url('A')).toBeNull();
		expect(fromBase64Url('AAAAA')).toBeNull();
	});

	it('decodes the empty string to no bytes', () => {
		expect(fromBase64Url('')).toEqual(new Uint8Array());
	});
});

describe('hex', () => {
	it('round-trips every byte value', () => {
		expect(fromHex(toHex(every))).toEqual(every);
		expect(toHex(bytes(0, 15, 16, 255))).toBe('000f10ff');
	});

	it('returns null for odd lengths, upper case and other characters', () => {
		for (const bad of ['0', 'abc', 'AB', '0g', ' 00', '0x00']) expect(fromHex(bad)).toBeNull();
	});

	it('decodes the empty string to no bytes', () => {
		expect(fromHex('')).toEqual(new Uint8Array());
	});
});

describe('toCrockford', () => {
	it('writes five bits a character, most significant first', () => {
		// 0b00001 00010 00011 00100 00101 00110 00111 01000 = 0x08 0x86 0x42 0x98 0xe8
		expect(toCrockford(bytes(0x08, 0x86, 0x42, 0x98, 0xe8), 8)).toBe('12345678');
		expect(toCrockford(bytes(0xff, 0xff, 0xff, 0xff, 0xff), 8)).toBe('ZZZZZZZZ');
		expect(toCrockford(bytes(0, 0, 0, 0, 0), 8)).toBe('00000000');
	});

	it('stops at the requested length', () => {
		expect(toCrockford(every, 8)).toHaveLength(8);
		expect(toCrockford(every, 3)).toBe(toCrockford(every, 8).slice(0, 3));
	});

	it('never uses I, L, O or U', () => {
		const code = toCrockford(every, 400);
		expect(code).toHaveLength(400);
		expect(code).not.toMatch(/[ILOU]/);
	});
});

describe('normalizeCrockford', () => {
	it('maps look-alike letters, drops dashes and spaces and upper-cases', () => {
		expect(normalizeCrockford('o0-il')).toBe('0011');
		expect(normalizeCrockford('abcd-efgh')).toBe('ABCDEFGH');
		expect(normalizeCrockford(' AB CD\tEF-GH ')).toBe('ABCDEFGH');
		expect(normalizeCrockford('OIL')).toBe('011');
	});

	it('leaves a canonical code as it is', () => {
		expect(normalizeCrockford('7KQ2M9ZX')).toBe('7KQ2M9ZX');
	});
});
