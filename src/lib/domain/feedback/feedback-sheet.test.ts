import { describe, expect, it } from 'vitest';
import { aView } from '../../../test-data/points-fixtures';
import { feedbackId, type Feedback } from './community-feedback';
import { feedbackOf, feedbackSheet } from './feedback-sheet';

const at = (month: number) => `2026-${String(month).padStart(2, '0')}-05T10:00:00+08:00`;

function given(memberId: string, memberName: string, grade: Feedback['grade']): Feedback {
	return {
		id: feedbackId(2026, 'cm2', memberId),
		kind: 'feedback',
		year: 2026,
		communityId: 'cm2',
		memberId,
		memberName,
		branchId: 'br1',
		orgId: 'org-a',
		grade,
		by: 'community2',
		updatedAt: '2026-12-01T02:00:00.000Z',
		channels: []
	};
}

describe('feedbackSheet', () => {
	const views = [
		aView('volunteer', at(3), { memberId: 'm001', memberName: '王五', communityId: 'cm2' }),
		aView('volunteer', at(4), { memberId: 'm001', memberName: '王五', communityId: 'cm2' }),
		aView(
			'volunteer',
			at(5),
			{ memberId: 'm002', memberName: '李四', communityId: 'cm2' },
			'needs-approval'
		),
		// Not served here, not done, or another year: not on the sheet.
		aView('volunteer', at(5), { memberId: 'm003', memberName: '赵六', communityId: 'cm9' }),
		aView(
			'volunteer',
			at(6),
			{ memberId: 'm004', memberName: '钱七', communityId: 'cm2' },
			'returned'
		),
		aView('volunteer', '2025-12-01T10:00:00+08:00', {
			memberId: 'm005',
			memberName: '孙八',
			communityId: 'cm2'
		})
	];

	it('lists the members who served in the community this year, by name, with their service', () => {
		const sheet = feedbackSheet(views, [], 'cm2', 2026);
		expect(sheet.rows.map((r) => [r.memberId, r.memberName, r.services, r.minutes])).toEqual([
			['m002', '李四', 1, 60],
			['m001', '王五', 2, 120]
		]);
		expect(sheet.rated).toBe(0);
	});

	it("shows the community's feedback of the year and counts the rated", () => {
		const docs = [
			given('m001', '王五', 'poor'),
			{ ...given('m002', '李四', 'good'), communityId: 'cm9', id: 'feedback.2026.cm9.m002' },
			{ kind: 'member-year' }
		];
		const sheet = feedbackSheet(views, docs, 'cm2', 2026);
		expect(sheet.rows.map((r) => r.feedback?.grade ?? null)).toEqual([null, 'poor']);
		expect(sheet.rated).toBe(1);
	});

	it('keeps a member rated whose service was since withdrawn', () => {
		const sheet = feedbackSheet([], [given('m009', '周九', 'average')], 'cm2', 2026);
		expect(sheet.rows).toMatchObject([
			{ memberId: 'm009', services: 0, feedback: { grade: 'average' } }
		]);
		expect(sheet.rated).toBe(1);
	});
});

describe('feedbackOf', () => {
	const row = { memberId: 'm001', memberName: '王五', branchId: 'br1', orgId: 'org-a' };
	const context = {
		communityId: 'cm2',
		year: 2026,
		by: 'community2',
		now: new Date('2026-12-10T04:00:00.000Z')
	};

	it('makes the feedback document of a rating', () => {
		expect(feedbackOf(row, { grade: 'good', comment: ' 服务积极 ' }, context)).toEqual({
			ok: true,
			feedback: {
				id: 'feedback.2026.cm2.m001',
				kind: 'feedback',
				year: 2026,
				communityId: 'cm2',
				memberId: 'm001',
				memberName: '王五',
				branchId: 'br1',
				orgId: 'org-a',
				grade: 'good',
				comment: '服务积极',
				by: 'community2',
				updatedAt: '2026-12-10T04:00:00.000Z'
			}
		});
		const bare = feedbackOf(row, { grade: 'average', comment: '' }, context);
		expect(bare.ok && 'comment' in bare.feedback).toBe(false);
	});

	it('refuses 差 without a comment', () => {
		expect(feedbackOf(row, { grade: 'poor', comment: ' ' }, context)).toEqual({
			ok: false,
			problem: 'comment-required'
		});
	});
});
