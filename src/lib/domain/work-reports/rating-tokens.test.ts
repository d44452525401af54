import { describe, expect, it } from 'vitest';
import {
	formatRatingToken,
	isTokenCount,
	normalizeRatingToken,
	ratingLink,
	ratingTokenFrom,
	tokenOfFragment
} from './rating-tokens';

const TOKEN = '0123456789ABCDEF'.replace('ABCDEF', 'ABCDEG');

describe('rating tokens', () => {
	it('are sixteen base32 characters from random bytes', () => {
		const token = ratingTokenFrom(new Uint8Array(16).map((_, i) => i * 7));
		expect(token).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
		expect(() => ratingTokenFrom(new Uint8Array(10))).toThrow();
	});

	it('forgive what people get wrong when typing them', () => {
		expect(formatRatingToken(TOKEN)).toBe('0123-4567-89AB-CDEG');
		expect(normalizeRatingToken('o123-4567-89ab-cdeg')).toBe(TOKEN);
		expect(normalizeRatingToken('０１２３ 4567 89AB CDEG')).toBe(TOKEN);
		expect(normalizeRatingToken('0123-4567')).toBeNull();
		expect(normalizeRatingToken('0123-4567-89AB-CDEU')).toBeNull();
	});

	it('travel in the link’s fragment, never its path or query', () => {
		const link = ratingLink('https://baodao.example', TOKEN);
		expect(link).toBe(`https://baodao.example/public/rate#t=${TOKEN}`);
		expect(tokenOfFragment(new URL(link).hash)).toBe(TOKEN);
		expect(tokenOfFragment('#x=1')).toBeNull();
	});

	it('are issued 1 to 200 at a time', () => {
		expect(isTokenCount(1)).toBe(true);
		expect(isTokenCount(200)).toBe(true);
		expect(isTokenCount(0)).toBe(false);
		expect(isTokenCount(201)).toBe(false);
		expect(isTokenCount(2.5)).toBe(false);
		expect(isTokenCount('3')).toBe(false);
	});
});
