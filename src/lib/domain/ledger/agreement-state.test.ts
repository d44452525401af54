import { describe, expect, it } from 'vitest';
import { agreement, FILE } from '../../../test-data/ledger-fixtures';
import { agreementExpiringSoon, agreementState, daysLeft, shanghaiToday } from './agreement-state';

const signed = agreement({ endsOn: '2026-06-30', signedOn: '2026-01-05', file: FILE });
/** 1 June 2026, 07:30 in Shanghai (still 31 May in UTC). */
const now = new Date('2026-05-31T23:30:00Z');

describe('agreement state', () => {
	it('reads the day in Shanghai, whatever the device zone', () => {
		expect(shanghaiToday(now)).toBe('2026-06-01');
		expect(daysLeft(signed, now)).toBe(29);
	});

	it('is a draft until signed with its scan', () => {
		expect(agreementState(agreement({ endsOn: '2026-06-30' }), now)).toBe('draft');
		expect(agreementState(agreement({ endsOn: '2020-01-02', startsOn: '2020-01-01' }), now)).toBe(
			'draft'
		);
	});

	it('is signed until 30 days before its last day, then expiring', () => {
		expect(agreementState({ ...signed, endsOn: '2026-07-02' }, now)).toBe('signed');
		expect(agreementState({ ...signed, endsOn: '2026-07-01' }, now)).toBe('expiring');
		expect(agreementExpiringSoon({ ...signed, endsOn: '2026-07-01' }, now)).toBe(true);
		expect(agreementExpiringSoon({ ...signed, endsOn: '2026-07-02' }, now)).toBe(false);
	});

	it('is expiring on its last day and expired the day after', () => {
		expect(agreementState({ ...signed, endsOn: '2026-06-01' }, now)).toBe('expiring');
		expect(daysLeft({ endsOn: '2026-06-01' }, now)).toBe(0);
		expect(agreementState({ ...signed, endsOn: '2026-05-31' }, now)).toBe('expired');
		expect(daysLeft({ endsOn: '2026-05-31' }, now)).toBe(-1);
		expect(agreementExpiringSoon({ ...signed, endsOn: '2026-05-31' }, now)).toBe(false);
	});

	it('counts days across a month and a year', () => {
		const newYearsEve = new Date('2026-12-31T04:00:00Z');
		expect(daysLeft({ endsOn: '2027-01-30' }, newYearsEve)).toBe(30);
		expect(agreementState({ ...signed, endsOn: '2027-01-30' }, newYearsEve)).toBe('expiring');
	});
});
