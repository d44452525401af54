import { describe, expect, it } from 'vitest';
import { plainContext } from '../../../test-data/policy-fixtures';
import { secretary, staff } from '../../../test-data/test-actors';
import type { Actor } from '../access/roles';
import type { WriteContext } from '../access/write-verdict';
import { validateAgainst } from '../schema/schema-validation';
import { aWorkReport } from '../../../test-data/work-report-fixtures';
import {
	ratingPeriodEnd,
	reportPart,
	workReportId,
	workReports,
	type WorkReport
} from './work-report';

const DIRECTORY: Record<string, Record<string, unknown>> = {
	'directory/br1': { id: 'br1', kind: 'branch', parentId: 'org-a', linkedCommunityId: 'cm2' },
	'directory/cm2': { id: 'cm2', kind: 'community', parentId: 'st1' }
};

function decide(actor: Actor, next: WorkReport, prev: WorkReport | null = null, deleting = false) {
	if (!workReports.policy) throw new Error('work reports have a policy');
	const context: WriteContext<WorkReport> = {
		actor,
		prev,
		next,
		deleting,
		subject: null,
		...plainContext,
		related: (ref) => DIRECTORY[`${ref.collection}/${ref.id}`] ?? null
	};
	return workReports.policy(context);
}

describe('work report', () => {
	it('is named by year and branch and travels to branch, community, bureau and street', () => {
		const report = aWorkReport();
		expect(report.id).toBe('work-report.2026.br1');
		expect(reportPart(report.id)).toBe('2026.br1');
		expect(report.channels).toEqual([
			'branch:br1/2026',
			'bureau:org-a/2026',
			'community:cm2/2026',
			'street:st1'
		]);
		expect(validateAgainst(workReports.schema, report)).toBeNull();
	});

	it('refuses an overlong section and unknown figures', () => {
		const long = aWorkReport();
		long.sections.plans = { text: 'x'.repeat(2001) };
		expect(validateAgainst(workReports.schema, long)).not.toBeNull();
		const figures = aWorkReport();
		figures.sections.lists = { text: '', figures: [{ key: 'bad key', value: 1 }] };
		expect(validateAgainst(workReports.schema, figures)).not.toBeNull();
	});

	it('is written by the branch’s secretary, for the linked community and its street', () => {
		expect(decide(secretary, aWorkReport())).toEqual({ ok: true });
		expect(decide(staff, aWorkReport({ by: 'community2' }))).toMatchObject({ ok: false });
		expect(decide(secretary, aWorkReport({ by: 'someone' }))).toMatchObject({
			reason: 'not-owner'
		});
		expect(decide(secretary, aWorkReport({ streetId: 'st2' }))).toMatchObject({
			reason: 'subject-mismatch',
			detail: 'streetId'
		});
		expect(decide(secretary, aWorkReport({ communityId: 'cm1' }))).toMatchObject({
			reason: 'subject-mismatch'
		});
		expect(
			decide(secretary, aWorkReport({ year: 2027, id: workReportId(2027, 'br1') }))
		).toMatchObject({ reason: 'invalid', detail: 'year' });
	});

	it('is edited until submitted, then stays as raters saw it', () => {
		const draft = aWorkReport();
		const edited = aWorkReport({ sections: { ...draft.sections, plans: { text: '明年计划。' } } });
		expect(decide(secretary, edited, draft)).toEqual({ ok: true });
		const submitted = aWorkReport({ submittedAt: '2026-05-02T09:00:00.000Z' });
		expect(decide(secretary, submitted, draft)).toEqual({ ok: true });
		const changed = { ...submitted, sections: { ...submitted.sections, plans: { text: '改' } } };
		expect(decide(secretary, changed, submitted)).toMatchObject({ reason: 'immutable-field' });
		expect(decide(secretary, submitted, submitted, true)).toMatchObject({ reason: 'forbidden' });
	});

	it('closes ratings at the end of January after its year, Shanghai time', () => {
		expect(ratingPeriodEnd(2026).toISOString()).toBe('2027-01-31T16:00:00.000Z');
	});
});
