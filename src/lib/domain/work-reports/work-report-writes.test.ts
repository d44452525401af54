import { describe, expect, it } from 'vitest';
import { aWorkReport } from '../../../test-data/work-report-fixtures';
import type { Community } from '../directory/communities';
import type { Org } from '../directory/orgs';
import { staffRatingToSave, workReportToSave } from './work-report-writes';
import { workReports } from './work-report';

const branch: Org = {
	id: 'br1',
	kind: 'branch',
	name: '第一党支部',
	parentId: 'org-a',
	linkedCommunityId: 'cm2',
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['public']
};
const community: Community = {
	id: 'cm2',
	kind: 'community',
	name: '北京南路社区',
	parentId: 'st1',
	updatedAt: '2026-01-01T00:00:00.000Z',
	channels: ['public']
};
const now = new Date('2026-12-01T02:00:00.000Z');
const secretary = { memberId: 'm121', name: '王书记', username: 'secretary1' };

describe('saving the 述职', () => {
	it('makes the report of the branch’s pair and street, as the fixture has it', () => {
		const { sections } = aWorkReport();
		const saved = workReportToSave({
			year: 2026,
			branch,
			community,
			secretary,
			existing: null,
			sections,
			submit: false,
			now
		});
		expect(saved).toMatchObject({ ok: true, doc: { id: 'work-report.2026.br1', streetId: 'st1' } });
		if (saved.ok) expect(saved.doc.channels).toEqual(workReports.channelsOf(saved.doc));
		expect(saved.ok ? saved.doc.submittedAt : 'refused').toBeUndefined();
	});

	it('submits only with every section but the plans written, and never twice', () => {
		const { sections } = aWorkReport();
		const empty = { ...sections, lists: { text: ' ' } };
		const input = { year: 2026, branch, community, secretary, existing: null, now };
		expect(workReportToSave({ ...input, sections: empty, submit: true })).toEqual({
			ok: false,
			problems: ['empty-section']
		});
		const submitted = workReportToSave({ ...input, sections, submit: true });
		expect(submitted).toMatchObject({ ok: true, doc: { submittedAt: now.toISOString() } });
		const existing = submitted.ok ? submitted.doc : null;
		expect(workReportToSave({ ...input, existing, sections, submit: true })).toEqual({
			ok: false,
			problems: ['submitted']
		});
	});

	it('needs a linked community in a street', () => {
		const { sections } = aWorkReport();
		expect(
			workReportToSave({
				year: 2026,
				branch: { ...branch, linkedCommunityId: undefined },
				community: null,
				secretary,
				existing: null,
				sections,
				submit: false,
				now
			})
		).toEqual({ ok: false, problems: ['no-pairing'] });
	});
});

describe('a staff rating', () => {
	const report = aWorkReport({ submittedAt: '2026-11-30T00:00:00.000Z' });

	it('is the rater’s own, copying the report’s place and channels', () => {
		const saved = staffRatingToSave({
			report,
			raterGroup: 'street',
			username: 'street1',
			grade: 'satisfied',
			comment: '  ',
			now
		});
		expect(saved).toMatchObject({
			ok: true,
			doc: { id: 'rating.2026.br1.street1', channels: report.channels }
		});
		expect(saved.ok && 'comment' in saved.doc).toBe(false);
	});

	it('says why when dissatisfied', () => {
		const input = { report, raterGroup: 'community' as const, username: 'community2', now };
		expect(staffRatingToSave({ ...input, grade: 'dissatisfied', comment: '' })).toEqual({
			ok: false,
			problems: ['comment-needed']
		});
		expect(staffRatingToSave({ ...input, grade: 'satisfied', comment: 'x'.repeat(301) })).toEqual({
			ok: false,
			problems: ['comment-too-long']
		});
	});
});
