import { describe, expect, it } from 'vitest';
import {
	maySubmitReport,
	needsReminder,
	nextReportingStep,
	ReportIndex,
	reportTarget,
	type ReportingState
} from './member-reporting';
import { reportToSubmit } from './report-drafts';
import { aMember, confirm, giveBack, later, reported } from '../../../test-data/reporting-fixtures';

describe('ReportIndex.reportingOf', () => {
	const member = aMember('m001');

	it('has nothing to show before the member reports', () => {
		const index = new ReportIndex([], []);
		expect(index.reportingOf(member, 'cm1')).toEqual({
			residence: { state: 'not-reported', communityId: 'cm2' },
			unit: { state: 'not-reported', communityId: 'cm1' }
		});
	});

	it('knows when there is no community to report to', () => {
		const index = new ReportIndex([], []);
		const homeless = aMember('m002', { residenceCommunityId: undefined });
		expect(index.reportingOf(homeless, undefined)).toEqual({
			residence: { state: 'no-community' },
			unit: { state: 'no-community' }
		});
	});

	it('follows a report from waiting to confirmed or returned', () => {
		const report = reported(member);
		expect(new ReportIndex([report], []).reportingOf(member, 'cm1').residence.state).toBe(
			'waiting'
		);
		expect(
			new ReportIndex([report], [confirm(report)]).reportingOf(member, 'cm1').residence
		).toMatchObject({ state: 'confirmed', communityId: 'cm2', report });
		const returned = new ReportIndex([report], [giveBack(report, '地址不全')]).reportingOf(
			member,
			'cm1'
		).residence;
		expect(returned).toMatchObject({ state: 'returned', review: { reason: '地址不全' } });
	});

	it('waits again once a returned report is resubmitted', () => {
		const first = reported(member);
		const second = reportToSubmit({
			member,
			kind: 'residence',
			communityId: 'cm2',
			existing: first,
			note: '已补充',
			now: later(120)
		});
		const index = new ReportIndex([second], [giveBack(first)]);
		expect(index.reportingOf(member, 'cm1').residence.state).toBe('waiting');
	});

	it('does not count a report to a community the member has moved away from', () => {
		const report = reported(member);
		const moved = { ...member, residenceCommunityId: 'cm5' };
		const index = new ReportIndex([report], [confirm(report)]);
		expect(index.reportingOf(moved, 'cm1').residence).toEqual({
			state: 'not-reported',
			communityId: 'cm5'
		});
	});

	it("keeps the two kinds apart and other members' reports out", () => {
		const unit = reported(member, 'unit');
		const someoneElse = reported(aMember('m002'));
		const index = new ReportIndex([unit, someoneElse], [confirm(unit)]);
		expect(index.reportingOf(member, 'cm1')).toMatchObject({
			residence: { state: 'not-reported' },
			unit: { state: 'confirmed' }
		});
	});
});

describe('nextReportingStep and needsReminder', () => {
	const report = reported(aMember('m001'));
	it.each([
		[{ state: 'no-community' } as const, 'choose-residence', true],
		[{ state: 'not-reported', communityId: 'cm2' } as const, 'report-residence', true],
		[{ state: 'waiting', communityId: 'cm2', report } as const, 'await-confirmation', false],
		[
			{ state: 'returned', communityId: 'cm2', report, review: giveBack(report) } as const,
			'resubmit-residence',
			true
		],
		[
			{ state: 'confirmed', communityId: 'cm2', report, review: confirm(report) } as const,
			'done',
			false
		]
	])('%o → %s', (state, step, remind) => {
		expect(nextReportingStep(state)).toBe(step);
		expect(needsReminder(state)).toBe(remind);
	});
});

describe('maySubmitReport and reportTarget', () => {
	const report = reported(aMember('m001'));
	const none: ReportingState = { state: 'no-community' };
	const notYet: ReportingState = { state: 'not-reported', communityId: 'cm2' };
	const waiting: ReportingState = { state: 'waiting', communityId: 'cm2', report };
	const returned: ReportingState = {
		state: 'returned',
		communityId: 'cm2',
		report,
		review: giveBack(report)
	};
	const confirmed: ReportingState = {
		state: 'confirmed',
		communityId: 'cm2',
		report,
		review: confirm(report)
	};

	it('lets the member report first, and again once the report was returned', () => {
		for (const kind of ['residence', 'unit'] as const) {
			expect(maySubmitReport(kind, notYet)).toBe(true);
			expect(maySubmitReport(kind, returned)).toBe(true);
			expect(maySubmitReport(kind, waiting)).toBe(false);
			expect(maySubmitReport(kind, confirmed)).toBe(false);
		}
	});

	it('lets a member with no residence yet pick one by reporting, but not report to no unit', () => {
		expect(maySubmitReport('residence', none)).toBe(true);
		expect(maySubmitReport('unit', none)).toBe(false);
	});

	it('sends a residence report where the member picks, by default to their current community', () => {
		expect(reportTarget('residence', notYet, undefined)).toBe('cm2');
		expect(reportTarget('residence', returned, 'cm5')).toBe('cm5');
		expect(reportTarget('residence', none, 'cm5')).toBe('cm5');
		expect(reportTarget('residence', none, undefined)).toBeUndefined();
	});

	it("sends a unit report only to the branch's linked community", () => {
		expect(reportTarget('unit', notYet, 'cm5')).toBe('cm2');
		expect(reportTarget('unit', none, 'cm5')).toBeUndefined();
	});
});
