import { describe, expect, it } from 'vitest';
import {
	CHECK_IN_OPENS_BEFORE_MS,
	CHECK_OUT_CLOSES_AFTER_MS,
	checkInClosure,
	checkInOpensAt,
	checkInWindowProblem,
	checkOutClosesAt
} from './check-in-window';

// 09:00–12:00 in Shanghai.
const activity = { startsAt: '2026-06-01T01:00:00.000Z', endsAt: '2026-06-01T04:00:00.000Z' };
const OPENS = Date.parse(activity.startsAt) - 60 * 60_000;
const CLOSES = Date.parse(activity.endsAt) + 60 * 60_000;

describe('checkInWindowProblem', () => {
	it('opens an hour before the start and closes an hour after the end', () => {
		expect(CHECK_IN_OPENS_BEFORE_MS).toBe(3_600_000);
		expect(CHECK_OUT_CLOSES_AFTER_MS).toBe(3_600_000);
	});

	it('takes check-ins exactly at the opening and exactly at the closing', () => {
		expect(checkInWindowProblem(activity, new Date(OPENS))).toBeNull();
		expect(checkInWindowProblem(activity, new Date(CLOSES))).toBeNull();
		expect(checkInWindowProblem(activity, '2026-06-01T00:00:00.000Z')).toBeNull();
		expect(checkInWindowProblem(activity, '2026-06-01T05:00:00.000Z')).toBeNull();
	});

	it('refuses one millisecond outside either end', () => {
		expect(checkInWindowProblem(activity, new Date(OPENS - 1))).toBe('before-opening');
		expect(checkInWindowProblem(activity, new Date(CLOSES + 1))).toBe('after-closing');
		expect(checkInWindowProblem(activity, '2026-05-31T23:59:59.999Z')).toBe('before-opening');
		expect(checkInWindowProblem(activity, '2026-06-01T05:00:00.001Z')).toBe('after-closing');
	});

	it('takes check-ins during the activity', () => {
		expect(checkInWindowProblem(activity, activity.startsAt)).toBeNull();
		expect(checkInWindowProblem(activity, '2026-06-01T02:30:00.000Z')).toBeNull();
		expect(checkInWindowProblem(activity, activity.endsAt)).toBeNull();
	});

	it('refuses another day altogether', () => {
		expect(checkInWindowProblem(activity, '2026-05-31T01:00:00.000Z')).toBe('before-opening');
		expect(checkInWindowProblem(activity, '2026-06-02T01:00:00.000Z')).toBe('after-closing');
	});

	it('reads instants written with a zone offset', () => {
		expect(checkInWindowProblem(activity, '2026-06-01T08:00:00+08:00')).toBeNull();
		expect(checkInWindowProblem(activity, '2026-06-01T07:59:59.999+08:00')).toBe('before-opening');
	});

	// The schema admits hour 25, which Date cannot read: NaN must not pass the comparisons.
	it('refuses an instant that is no real time', () => {
		expect(checkInWindowProblem(activity, '2026-06-01T25:00:00.000Z')).not.toBeNull();
	});
});

describe('checkInOpensAt, checkOutClosesAt and checkInClosure', () => {
	it('name the moments the window opens and closes', () => {
		expect(checkInOpensAt(activity).toISOString()).toBe('2026-06-01T00:00:00.000Z');
		expect(checkOutClosesAt(activity).toISOString()).toBe('2026-06-01T05:00:00.000Z');
		expect(checkInOpensAt(activity).getTime()).toBe(OPENS);
		expect(checkOutClosesAt(activity).getTime()).toBe(CLOSES);
	});

	it('closes check-in for a cancelled activity, whatever the time', () => {
		const cancelled = { ...activity, cancelled: true };
		expect(checkInClosure(cancelled, activity.startsAt)).toBe('cancelled');
		expect(checkInClosure(cancelled, new Date(OPENS - 1))).toBe('cancelled');
	});

	it('otherwise follows the window', () => {
		expect(checkInClosure(activity, activity.startsAt)).toBeNull();
		expect(checkInClosure({ ...activity, cancelled: false }, new Date(CLOSES))).toBeNull();
		expect(checkInClosure(activity, new Date(OPENS - 1))).toBe('before-opening');
		expect(checkInClosure(activity, new Date(CLOSES + 1))).toBe('after-closing');
		expect(checkInClosure(activity, '2026-06-01T25:00:00.000Z')).toBe('no-time');
	});
});
