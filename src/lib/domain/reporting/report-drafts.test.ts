import { describe, expect, it } from 'vitest';
import type { Report } from '../registry';
import { reminderFor, reminderTopicFor, reportToSubmit, reviewOf } from './report-drafts';
import { aMember, giveBack, later, reported, T0 } from '../../../test-data/reporting-fixtures';
import { secretary, staff } from '../../../test-data/test-actors';
import { checkTypedWrite } from '../access/write-policy';
import type { Actor } from '../access/roles';

const owner: Actor = {
	username: 'member1',
	memberId: 'm001',
	branchId: 'br1',
	orgId: 'org-a',
	roles: [{ role: 'member' }]
};
const member = aMember('m001');
/** What the gateway reads for m001's residence report: the community and the profile. */
const related = new Map<string, Record<string, unknown>>([
	['directory/cm2', { id: 'cm2', kind: 'community', name: '幸福路社区' }],
	['members/m001', { ...member }]
]);

describe('reportToSubmit', () => {
	it('builds a first report the gateway accepts from its member', () => {
		const report = reportToSubmit({
			member,
			kind: 'residence',
			communityId: 'cm2',
			existing: null,
			note: '  已到社区报到 ',
			now: T0
		});
		expect(report).toMatchObject({
			id: 'm001.residence.cm2',
			submission: 1,
			note: '已到社区报到',
			submittedAt: T0.toISOString()
		});
		expect(
			checkTypedWrite({
				collection: 'reports',
				actor: owner,
				prev: null,
				next: report,
				deleting: false,
				subject: null,
				related
			})
		).toEqual({ ok: true });
	});

	it('resubmits as the next submission, dropping an emptied note', () => {
		const first = reported(member);
		const again = reportToSubmit({
			member,
			kind: 'residence',
			communityId: 'cm2',
			existing: { ...first, note: '旧' },
			note: ' ',
			now: later(5)
		});
		expect(again.submission).toBe(2);
		expect(again).not.toHaveProperty('note');
		expect(
			checkTypedWrite({
				collection: 'reports',
				actor: owner,
				prev: first,
				next: again,
				deleting: false,
				subject: null,
				related
			})
		).toEqual({ ok: true });
	});
});

describe('reviewOf', () => {
	const report: Report = reported(member);
	const attempt = (next: ReturnType<typeof reviewOf>) =>
		checkTypedWrite({
			collection: 'reviews',
			actor: staff,
			prev: null,
			next,
			deleting: false,
			subject: report
		});

	it('confirms the current submission in a way the gateway accepts', () => {
		const review = reviewOf(report, 'community2', { decision: 'confirmed' }, later(1));
		expect(review.id).toBe('m001.residence.cm2.r1');
		expect(review).not.toHaveProperty('reason');
		expect(attempt(review)).toEqual({ ok: true });
	});

	it('returns with the trimmed reason', () => {
		const review = reviewOf(report, 'community2', { decision: 'returned', reason: ' 缺地址 ' }, T0);
		expect(review.reason).toBe('缺地址');
		expect(attempt(review)).toEqual({ ok: true });
	});
});

describe('reminders', () => {
	const report = reported(member);

	it('ask for what the member has to do, and nothing while the community decides', () => {
		expect(reminderTopicFor({ state: 'no-community' })).toBe('report-residence');
		expect(reminderTopicFor({ state: 'not-reported', communityId: 'cm2' })).toBe(
			'report-residence'
		);
		expect(
			reminderTopicFor({
				state: 'returned',
				communityId: 'cm2',
				report,
				review: giveBack(report)
			})
		).toBe('resubmit-residence');
		expect(reminderTopicFor({ state: 'waiting', communityId: 'cm2', report })).toBeNull();
	});

	it('builds a reminder the gateway accepts from the branch secretary', () => {
		const reminder = reminderFor(member, 'report-residence', 'secretary1', T0);
		expect(reminder.id).toBe('m001.remind.report-residence.20240501');
		expect(
			checkTypedWrite({
				collection: 'notices',
				actor: secretary,
				prev: null,
				next: reminder,
				deleting: false,
				subject: member
			})
		).toEqual({ ok: true });
	});
});
