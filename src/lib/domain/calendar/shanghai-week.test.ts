import { describe, expect, it } from 'vitest';
import { shanghaiIsoWeek } from './shanghai-week';

describe('shanghaiIsoWeek', () => {
	it('is the ISO week of the Shanghai day, Monday to Sunday', () => {
		// Monday 2026-11-23 00:00 in Shanghai is Sunday 16:00 UTC.
		expect(shanghaiIsoWeek(new Date('2026-11-22T15:59:59.999Z'))).toBe('2026-W47');
		expect(shanghaiIsoWeek(new Date('2026-11-22T16:00:00.000Z'))).toBe('2026-W48');
		expect(shanghaiIsoWeek(new Date('2026-11-29T15:59:59.999Z'))).toBe('2026-W48');
	});

	it("gives the year-end days to the week of their Thursday's year", () => {
		// 2024-12-30 is a Monday: its week holds 2 January 2025, a Thursday.
		expect(shanghaiIsoWeek(new Date('2024-12-30T04:00:00.000Z'))).toBe('2025-W01');
		// 2021-01-03 is a Sunday of the week of Thursday 2020-12-31.
		expect(shanghaiIsoWeek(new Date('2021-01-03T04:00:00.000Z'))).toBe('2020-W53');
		expect(shanghaiIsoWeek(new Date('2026-01-01T04:00:00.000Z'))).toBe('2026-W01');
	});
});
