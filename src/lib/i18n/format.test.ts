import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDayTime, formatRate } from './format';

describe('formatDateTime', () => {
	it('writes a UTC instant in Beijing time, the Chinese way', () => {
		expect(formatDateTime('2026-11-25T18:50:00.000Z')).toBe('2026年11月26日 02:50');
	});
});

describe('formatDayTime', () => {
	it('writes month, day and time in Beijing time, without the year', () => {
		expect(formatDayTime('2026-11-25T18:50:00.000Z')).toBe('11月26日 02:50');
	});
});

describe('formatRate', () => {
	it('rounds down so only everybody makes 100%', () => {
		expect(formatRate(1)).toBe('100%');
		expect(formatRate(119 / 120)).toBe('99%');
		expect(formatRate(0.57)).toBe('57%');
		expect(formatRate(0)).toBe('0%');
	});

	it('shows a dash when there is nobody to count', () => {
		expect(formatRate(null)).toBe('—');
	});
});
