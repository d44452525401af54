import { describe, expect, it } from 'vitest';
import type { ServiceRecord } from '$lib/domain/records/service-record';
import {
	dayOf,
	dayStart,
	draftOf,
	emptyDraft,
	minutesOf,
	ownRecordForm,
	problemsByField,
	sameTimeOn,
	splitMinutes
} from './record-form';

describe("a record form's values", () => {
	it('reads hours and minutes, empty as none, refusing what is no whole number', () => {
		expect(minutesOf('2', '30')).toBe(150);
		expect(minutesOf('', '45')).toBe(45);
		expect(minutesOf('1', '')).toBe(60);
		expect(minutesOf('1.5', '0')).toBeNaN();
		expect(minutesOf('-1', '0')).toBeNaN();
		expect(minutesOf('一', '0')).toBeNaN();
		expect(splitMinutes(150)).toEqual({ hours: '2', minutes: '30' });
	});

	it('reads a day as its start in Shanghai, whatever the device zone', () => {
		expect(dayStart('2026-03-05')).toBe('2026-03-04T16:00:00.000Z');
		expect(dayStart('2026-02-30')).toBeNull();
		expect(dayStart('')).toBeNull();
		// 00:30 on 1 January in Shanghai is still 31 December in UTC.
		expect(dayOf('2025-12-31T16:30:00.000Z')).toBe('2026-01-01');
	});

	it('moves a service to another day keeping its hour', () => {
		expect(sameTimeOn('2026-03-07', '2026-03-05T01:30:00.000Z')).toBe('2026-03-07T01:30:00.000Z');
	});

	it('says the first problem of each field beside it', () => {
		expect(
			problemsByField([
				'at-future',
				'minutes-range',
				'at-missing',
				'reason-missing',
				'nothing-changed'
			])
		).toEqual({
			date: 'at-future',
			time: 'minutes-range',
			reason: 'reason-missing',
			asked: 'nothing-changed'
		});
	});
});

describe('the own-record form', () => {
	const stored = {
		at: '2026-03-05T01:30:00.000Z',
		communityId: 'c2',
		description: '整理物资',
		minutes: 90,
		category: 'emergency',
		photos: ['a'.repeat(64)]
	} as ServiceRecord;

	it('dates a typed day by its start in Shanghai, a missed check-in by its activity', () => {
		const draft = { ...emptyDraft('c1', '2026-03-05'), description: 'x', hours: '1' };
		expect(ownRecordForm(draft)).toMatchObject({
			at: '2026-03-04T16:00:00.000Z',
			minutes: 60,
			communityId: 'c1'
		});
		const missed = ownRecordForm({
			...draft,
			activity: { id: 'act1', hostBranchId: 'br1', startsAt: '2026-03-01T01:00:00.000Z' }
		});
		expect(missed).toMatchObject({
			at: '2026-03-01T01:00:00.000Z',
			activity: { id: 'act1', hostBranchId: 'br1' }
		});
	});

	it("keeps a returned record's values and time of day unless its day changes", () => {
		const draft = draftOf(stored);
		expect(draft).toMatchObject({
			day: '2026-03-05',
			hours: '1',
			minutes: '30',
			kept: stored.photos
		});
		expect(ownRecordForm(draft, stored).at).toBe(stored.at);
		expect(ownRecordForm({ ...draft, day: '2026-03-06' }, stored).at).toBe(
			'2026-03-05T16:00:00.000Z'
		);
	});
});
