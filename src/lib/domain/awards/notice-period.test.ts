import { describe, expect, it } from 'vitest';
import { addDays, noticeEndsAt, noticeEndsOn, noticePhase, noticeStartsAt } from './notice-period';

describe('the objection period of a notice (Asia/Shanghai)', () => {
	it('counts the start day as the first of its days', () => {
		expect(noticeEndsOn('2026-12-01', 7)).toBe('2026-12-07');
		expect(noticeEndsOn('2026-12-01', 1)).toBe('2026-12-01');
		expect(noticeEndsOn('2026-12-28', 7)).toBe('2027-01-03');
		expect(noticeEndsOn('2028-02-27', 3)).toBe('2028-02-29');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
	});

	it('runs from 00:00 on the start day to 24:00 on the last day, Shanghai time', () => {
		expect(noticeStartsAt('2026-12-01').toISOString()).toBe('2026-11-30T16:00:00.000Z');
		expect(noticeEndsAt('2026-12-01', 7).toISOString()).toBe('2026-12-07T16:00:00.000Z');
	});

	it('is not yet open one millisecond before midnight of the start day in Shanghai', () => {
		expect(noticePhase('2026-12-01', 7, new Date('2026-11-30T15:59:59.999Z'))).toBe('not-started');
		expect(noticePhase('2026-12-01', 7, new Date('2026-11-30T16:00:00.000Z'))).toBe('open');
	});

	it('is open until the last moment of its last day and ended at 24:00 there', () => {
		expect(noticePhase('2026-12-01', 7, new Date('2026-12-07T15:59:59.999Z'))).toBe('open');
		expect(noticePhase('2026-12-01', 7, new Date('2026-12-07T16:00:00.000Z'))).toBe('ended');
	});

	it('goes by the Shanghai day, not the UTC one', () => {
		// 23:30 UTC on 7 December is already 8 December in Shanghai: the 7-day notice has ended.
		expect(noticePhase('2026-12-01', 7, new Date('2026-12-07T23:30:00Z'))).toBe('ended');
		// 20:00 UTC on 30 November is 04:00 on 1 December in Shanghai: it has begun.
		expect(noticePhase('2026-12-01', 7, new Date('2026-11-30T20:00:00Z'))).toBe('open');
	});

	it('takes a notice of broken terms as ended, so nothing is taken under it', () => {
		expect(noticePhase('2026-02-30', 7, new Date('2026-02-27T00:00:00Z'))).toBe('ended');
		expect(noticePhase('2026-12-01', 0, new Date('2026-12-01T00:00:00Z'))).toBe('ended');
		expect(noticePhase('2026-12-01', 31, new Date('2026-12-01T00:00:00Z'))).toBe('ended');
	});
});
