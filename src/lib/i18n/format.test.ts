import { afterEach, describe, expect, it } from 'vitest';
import {
	formatDate,
	formatDateTime,
	formatDay,
	formatDayTime,
	formatRate,
	formatTime
} from './format';
import { i18n } from './i18n.svelte';

describe('formatDateTime', () => {
	it('writes a UTC instant in Beijing time, the Chinese way', () => {
		expect(formatDateTime('2026-11-25T18:50:00.000Z')).toBe('2026年11月26日 02:50');
	});

	it('writes it the English way in English, still in Beijing time', () => {
		expect(formatDateTime('2026-11-25T18:50:00.000Z', 'en')).toBe('November 26, 2026 at 02:50');
	});

	describe('without a language given', () => {
		afterEach(() => {
			i18n.locale = 'zh-CN';
		});

		it('follows the language the person chose', () => {
			i18n.locale = 'en';
			expect(formatDateTime('2026-11-25T18:50:00.000Z')).toBe('November 26, 2026 at 02:50');
		});
	});
});

describe('formatDate', () => {
	it('writes the Beijing day of an instant, without the time', () => {
		expect(formatDate('2026-12-31T16:30:00.000Z')).toBe('2027年1月1日');
		expect(formatDate('2026-12-31T16:30:00.000Z', 'en')).toBe('January 1, 2027');
	});
});

describe('formatDayTime', () => {
	it('writes month, day and time in Beijing time, without the year', () => {
		expect(formatDayTime('2026-11-25T18:50:00.000Z')).toBe('11月26日 02:50');
	});

	it('writes it the English way in English', () => {
		expect(formatDayTime('2026-11-25T18:50:00.000Z', 'en')).toBe('November 26 at 02:50');
	});
});

describe('formatTime', () => {
	it('writes the hour in Beijing time on a 24-hour clock in either language', () => {
		expect(formatTime('2026-11-25T16:05:00.000Z', 'zh-CN')).toBe('00:05');
		expect(formatTime('2026-11-25T16:05:00.000Z', 'en')).toBe('00:05');
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

describe('formatDay', () => {
	it('writes a stored Shanghai day as that same day', () => {
		expect(formatDay('2026-03-01')).toBe('2026年3月1日');
		expect(formatDay('2026-12-31', 'en')).toBe('December 31, 2026');
	});
});
