import { describe, expect, it } from 'vitest';
import {
	activationCodeFrom,
	activationExpiry,
	activationLink,
	formatActivationCode,
	normalizeActivationCode
} from './activation-codes';

describe('activation codes', () => {
	it('take one character from the low five bits of each byte', () => {
		const bytes = new Uint8Array([0, 1, 31, 32, 255, 10, 17, 18, 20, 27]);
		expect(activationCodeFrom(bytes)).toBe('01Z0ZAHJMV');
		expect(() => activationCodeFrom(new Uint8Array(9))).toThrow();
	});

	it('are shown in two halves and read back however they are typed', () => {
		expect(formatActivationCode('01Z0ZAHJMV')).toBe('01Z0Z-AHJMV');
		expect(normalizeActivationCode('01z0z-ahjmv')).toBe('01Z0ZAHJMV');
		expect(normalizeActivationCode(' 0lZoZ AHJMV ')).toBe('01Z0ZAHJMV');
		expect(normalizeActivationCode('０１Ｚ０Ｚ－ＡＨＪＭＶ')).toBe('01Z0ZAHJMV');
	});

	it('refuse what cannot be a code', () => {
		expect(normalizeActivationCode('01Z0ZAHJM')).toBeNull();
		expect(normalizeActivationCode('01Z0ZAHJMVX')).toBeNull();
		expect(normalizeActivationCode('01Z0ZAHJMU')).toBeNull();
		expect(normalizeActivationCode('')).toBeNull();
	});

	it('travel in a fragment and last 14 days', () => {
		expect(activationLink('https://a.example', '01Z0ZAHJMV')).toBe(
			'https://a.example/activate#code=01Z0ZAHJMV'
		);
		expect(activationExpiry(new Date('2026-11-01T00:00:00Z')).toISOString()).toBe(
			'2026-11-15T00:00:00.000Z'
		);
	});
});
