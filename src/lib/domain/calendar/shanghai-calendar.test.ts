import { describe, expect, it } from 'vitest';
import {
	recordYear,
	instantToShanghaiLocal,
	shanghaiDay,
	shanghaiLocalToInstant,
	shanghaiYear
} from './shanghai-calendar';

describe('Shanghai calendar', () => {
	it('counts days and years in Shanghai, not UTC', () => {
		const newYearInShanghai = new Date('2025-12-31T16:30:00Z');
		expect(shanghaiDay(newYearInShanghai)).toBe('20260101');
		expect(shanghaiYear(newYearInShanghai)).toBe(2026);
		expect(shanghaiYear('2025-12-31T15:59:59Z')).toBe(2025);
	});

	it('reads a datetime-local value as Shanghai wall time', () => {
		expect(shanghaiLocalToInstant('2026-05-04T09:30')).toBe('2026-05-04T01:30:00.000Z');
		expect(shanghaiLocalToInstant('2026-01-01T00:15')).toBe('2025-12-31T16:15:00.000Z');
	});

	it('refuses what is not a real date and time', () => {
		for (const value of [
			'',
			'2026-05-04',
			'2026-02-30T10:00',
			'2026-05-04T24:00',
			'2026-05-04 09:30'
		]) {
			expect(shanghaiLocalToInstant(value), value).toBeNull();
		}
	});

	it('writes an instant back as Shanghai wall time, the inverse of reading it', () => {
		expect(instantToShanghaiLocal('2025-12-31T16:15:00.000Z')).toBe('2026-01-01T00:15');
		expect(instantToShanghaiLocal(new Date('2026-05-04T01:30:00Z'))).toBe('2026-05-04T09:30');
		const local = '2026-07-01T18:45';
		expect(instantToShanghaiLocal(shanghaiLocalToInstant(local) ?? '')).toBe(local);
	});
});

describe('recordYear', () => {
	it("is a stored instant's year in Shanghai", () => {
		expect(recordYear('2026-12-31T15:59:00.000Z')).toBe(2026);
		expect(recordYear('2026-12-31T16:00:00.000Z')).toBe(2027);
	});

	it('is 0 for text that is no instant, instead of throwing', () => {
		expect(recordYear('2026-13-45T25:00:00Z')).toBe(0);
		expect(recordYear('')).toBe(0);
	});
});
