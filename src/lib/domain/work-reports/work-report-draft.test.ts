import { describe, expect, it } from 'vitest';
import { sampleLedgerView } from '../../../test-data/ledger-view-fixtures';
import { draftWorkReport, type DraftStanding, type DraftWords } from './work-report-draft';

/** Words that show the phrase and its parameters, so the tests read what the draft rests on. */
const words: DraftWords = {
	say: (phrase, params = {}) =>
		`[${phrase}${Object.entries(params)
			.map(([key, value]) => ` ${key}=${value}`)
			.join('')}]`,
	day: (day) => day.replaceAll('-', '/'),
	list: (items) => items.join('、')
};

const standing = (overrides: Partial<DraftStanding> = {}): DraftStanding => ({
	reported: true,
	residenceServices: 4,
	effective: true,
	grade: 'good',
	...overrides
});

const figure = (section: { figures?: { key: string; value: number }[] }, key: string) =>
	section.figures?.find((f) => f.key === key)?.value;

describe('drafting the 述职', () => {
	it('drafts every section from the ledger, the branch report and the standings', () => {
		const draft = draftWorkReport(
			{
				year: 2026,
				communityName: '北京南路社区',
				branchReport: 'confirmed',
				ledger: sampleLedgerView(),
				standings: [
					standing(),
					standing({ grade: 'fairly-good' }),
					standing({ reported: false, residenceServices: 1, effective: false, grade: 'average' })
				]
			},
			words
		);
		expect(draft.pairing.text).toContain(
			'[pairing year=2026 community=北京南路社区 report=[report.confirmed]]'
		);
		expect(draft.pairing.text).toContain('[seat post=');
		expect(figure(draft.pairing, 'branchReportConfirmed')).toBe(1);
		expect(draft.agreement.text).toContain('state=[agreementState.');
		expect(figure(draft.lists, 'needs')).toBe(2);
		expect(figure(draft.lists, 'resources')).toBe(1);
		expect(figure(draft.lists, 'done')).toBe(1);
		expect(figure(draft.goodDeeds, 'goodDeeds')).toBe(1);
		expect(draft.goodDeeds.text).toContain('goodDeedTitles');
		expect(figure(draft.meetings, 'meetings')).toBe(1);
		expect(draft.members.text).toBe(
			'[members members=3 reported=2 services=9 effective=2 rate=67]'
		);
		expect(draft.grades.text).toBe('[grades good=1 fairlyGood=1 average=1 poor=0]');
		expect(draft.plans.text).toBe('');
	});

	it('says what is missing when the device holds no ledger and no members', () => {
		const draft = draftWorkReport(
			{ year: 2026, communityName: '社区', branchReport: 'none', ledger: null, standings: [] },
			words
		);
		expect(draft.pairing.text).toContain('[noSeat]');
		expect(draft.agreement.text).toBe('[noAgreement]');
		expect(draft.meetings.text).toBe('[noMeetings]');
		expect(draft.members.text).toBe('[noMembers]');
		expect(figure(draft.lists, 'done')).toBe(0);
		expect(figure(draft.goodDeeds, 'goodDeeds')).toBe(0);
	});
});
