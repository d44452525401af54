import { describe, expect, it } from 'vitest';
import {
	activityRecord,
	approvalOfSubject,
	correctionOfRecord,
	ownRecord,
	reviewOfSubject
} from '../../../test-data/record-fixtures';
import type { Review } from '../reporting/reviews';
import type { Approval } from './approvals';
import type { Correction } from './corrections';
import {
	confirmationPath,
	isCounted,
	recordHistory,
	recordViews,
	type RecordDocs,
	type RecordView
} from './record-status';
import type { ServiceRecord } from './service-record';

function docs(parts: Partial<RecordDocs>): RecordDocs {
	return { records: [], corrections: [], reviews: [], approvals: [], ...parts };
}

function viewOf(
	record: ServiceRecord,
	decisions: (Review | Approval)[] = [],
	corrections: Correction[] = []
): RecordView {
	const reviews = decisions.filter((d): d is Review => !('kind' in d));
	const approvals = decisions.filter((d): d is Approval => 'kind' in d);
	const [view] = recordViews(docs({ records: [record], reviews, approvals, corrections }));
	if (!view) throw new Error('no view');
	return view;
}

const own = ownRecord();
const derived = activityRecord();
const hosted = activityRecord({ hostBranchId: 'br1' });
const confirmed = reviewOfSubject(own);
const approved = approvalOfSubject(own);
const returnedByCommunity = reviewOfSubject(own, {
	decision: 'returned',
	reason: '时长不符',
	decidedAt: '2026-05-29T02:00:00.000Z'
});
const returnedBySecretary = approvalOfSubject(own, {
	decision: 'returned',
	reason: '缺少照片',
	decidedAt: '2026-05-28T02:00:00.000Z'
});

describe('how a record is confirmed', () => {
	it('by a review for own records, by the source for derived ones, skipped for the branch', () => {
		expect(confirmationPath(own)).toBe('review');
		expect(confirmationPath(derived)).toBe('source');
		expect(confirmationPath(activityRecord({ origin: 'claim' }))).toBe('source');
		expect(confirmationPath(hosted)).toBe('branch');
		expect(confirmationPath(ownRecord({ activityId: 'act1', hostBranchId: 'br1' }))).toBe('branch');
		expect(confirmationPath(ownRecord({ activityId: 'act1', hostBranchId: 'br2' }))).toBe('review');
	});
});

describe('the state of a record', () => {
	it.each([
		['an own record without decisions', own, [], 'needs-confirmation'],
		['an own record confirmed', own, [confirmed], 'needs-approval'],
		['an own record approved, not yet confirmed', own, [approved], 'needs-confirmation'],
		['an own record confirmed and approved', own, [confirmed, approved], 'approved'],
		['an own record returned by the community', own, [returnedByCommunity], 'returned'],
		['an own record returned by the secretary', own, [returnedBySecretary], 'returned'],
		['a derived record', derived, [], 'needs-approval'],
		['a derived record approved', derived, [approvalOfSubject(derived)], 'approved'],
		[
			"a record of the branch's own activity approved",
			hosted,
			[approvalOfSubject(hosted)],
			'approved'
		],
		['a flagged record', activityRecord({ flagged: true }), [], 'flagged'],
		[
			'a withdrawn record, even approved',
			{ ...own, withdrawn: true },
			[confirmed, approved],
			'withdrawn'
		]
	] as const)('%s: %s', (_name, record, decisions, state) => {
		expect(viewOf(record, [...decisions]).state).toBe(state);
	});

	it('counts once both stand, in either order', () => {
		const early = reviewOfSubject(own, { decidedAt: '2026-05-22T00:00:00.000Z' });
		const late = approvalOfSubject(own, { decidedAt: '2026-05-23T00:00:00.000Z' });
		const a = viewOf(own, [early, late]);
		const b = viewOf(own, [{ ...early, decidedAt: '2026-05-24T00:00:00.000Z' }, late]);
		expect([a.state, b.state]).toEqual(['approved', 'approved']);
		expect(isCounted(a)).toBe(true);
		expect(a.approval).toEqual(late);
	});

	it("lets a return of either side win over the other's confirmation, with its reason", () => {
		const bySecretary = viewOf(own, [confirmed, returnedBySecretary]);
		expect(bySecretary.state).toBe('returned');
		expect(bySecretary.returned).toEqual({
			by: 'secretary',
			reviewer: 'secretary1',
			reason: '缺少照片',
			at: '2026-05-28T02:00:00.000Z'
		});
		const byCommunity = viewOf(own, [returnedByCommunity, approved]);
		expect(byCommunity.returned).toMatchObject({ by: 'community', reason: '时长不符' });
		expect(isCounted(byCommunity)).toBe(false);
		// Both returned: the earlier return is the one shown.
		expect(viewOf(own, [returnedByCommunity, returnedBySecretary]).returned?.by).toBe('secretary');
	});

	it('starts over at a resubmission: decisions of an earlier submission do not count', () => {
		const again = ownRecord({ submission: 2 });
		expect(viewOf(again, [returnedByCommunity, approved]).state).toBe('needs-confirmation');
		const confirmedAgain = reviewOfSubject(again);
		expect(viewOf(again, [returnedByCommunity, confirmedAgain]).state).toBe('needs-approval');
		expect(viewOf(again, [confirmedAgain, approvalOfSubject(again)]).state).toBe('approved');
	});

	it("ignores the community's review of a record it does not confirm", () => {
		const returned = reviewOfSubject(derived, { decision: 'returned', reason: 'x' });
		expect(viewOf(derived, [returned, approvalOfSubject(derived)]).state).toBe('approved');
	});

	it('lists the newest service first, whoever else the documents concern', () => {
		const older = ownRecord({ id: 'sr.m001.older1', at: '2026-03-01T02:00:00.000Z' });
		const views = recordViews(
			docs({
				records: [older, own],
				reviews: [reviewOfSubject(ownRecord({ id: 'sr.m009.zzzzzz' }))]
			})
		);
		expect(views.map((v) => v.record.id)).toEqual([own.id, older.id]);
	});
});

describe('corrections', () => {
	const correction = correctionOfRecord(derived);
	const derivedApproved = approvalOfSubject(derived);

	it('wait for the community and the secretary; the record keeps its values meanwhile', () => {
		const view = viewOf(derived, [derivedApproved], [correction]);
		expect(view.state).toBe('approved');
		expect(view.correction?.state).toBe('needs-confirmation');
		expect(view.effective.minutes).toBe(derived.minutes);
		const confirmedOnly = viewOf(
			derived,
			[derivedApproved, reviewOfSubject(correction)],
			[correction]
		);
		expect(confirmedOnly.correction?.state).toBe('needs-approval');
		expect(confirmedOnly.effective.minutes).toBe(derived.minutes);
	});

	it("replace the record's values once approved and confirmed", () => {
		const view = viewOf(
			derived,
			[derivedApproved, reviewOfSubject(correction), approvalOfSubject(correction)],
			[correction]
		);
		expect(view.correction?.state).toBe('approved');
		expect(view.effective).toEqual({
			at: derived.at,
			minutes: 120,
			description: derived.description,
			communityId: derived.communityId
		});
	});

	it("need the secretary's approval alone for the branch's own activity", () => {
		const ofHosted = correctionOfRecord(hosted);
		const view = viewOf(hosted, [approvalOfSubject(ofHosted)], [ofHosted]);
		expect(view.correction?.state).toBe('approved');
		expect(view.effective.minutes).toBe(120);
	});

	it('show a return with its reason, and keep the values', () => {
		const returned = approvalOfSubject(correction, { decision: 'returned', reason: '无证明' });
		const view = viewOf(derived, [reviewOfSubject(correction), returned], [correction]);
		expect(view.correction).toMatchObject({ state: 'returned', returned: { reason: '无证明' } });
		expect(view.effective.minutes).toBe(derived.minutes);
	});
});

describe("a record's history", () => {
	it('merges the trail, the decisions and the correction in time order', () => {
		const record = ownRecord({
			minutes: 120,
			submission: 2,
			trail: [
				{ at: '2026-05-21T02:00:00.000Z', by: 'member1', change: 'created' },
				{
					at: '2026-05-30T02:00:00.000Z',
					by: 'member1',
					change: 'resubmitted',
					before: { minutes: 90 },
					reason: '已补充'
				}
			]
		});
		const first = ownRecord();
		const correction = correctionOfRecord(record, {
			asked: { description: '更正描述' },
			submittedAt: '2026-05-31T02:00:00.000Z'
		});
		const all = docs({
			records: [record],
			corrections: [correction],
			reviews: [
				reviewOfSubject(first, { decision: 'returned', reason: '时长不符' }),
				reviewOfSubject(record, { decidedAt: '2026-05-30T03:00:00.000Z' }),
				reviewOfSubject(correction, { decidedAt: '2026-05-31T05:00:00.000Z' })
			],
			approvals: [approvalOfSubject(record, { decidedAt: '2026-05-30T04:00:00.000Z' })]
		});
		const [view] = recordViews(all);
		const steps = recordHistory(view!, all);
		expect(steps.map((s) => s.what)).toEqual([
			'created',
			'returned-by-community',
			'resubmitted',
			'confirmed',
			'approved',
			'correction-asked',
			'correction-confirmed'
		]);
		expect(steps[1]).toMatchObject({ by: 'community2', reason: '时长不符', submission: 1 });
		expect(steps[2]).toMatchObject({
			before: { minutes: 90 },
			after: { minutes: 120 },
			reason: '已补充'
		});
		expect(steps[5]).toMatchObject({
			by: '张三',
			before: { description: record.description },
			after: { description: '更正描述' },
			submission: 1
		});
	});

	it("shows a derived record's changes with the values before and after each", () => {
		const record = activityRecord({
			minutes: 60,
			submission: 3,
			trail: [
				{ at: '2026-05-20T05:00:00.000Z', by: 'system', change: 'created' },
				{
					at: '2026-05-21T05:00:00.000Z',
					by: 'organiser1',
					change: 'resolved',
					before: { minutes: 0 },
					reason: '补签'
				},
				{
					at: '2026-05-22T05:00:00.000Z',
					by: 'system',
					change: 'changed',
					before: { minutes: 45 }
				}
			]
		});
		const steps = recordHistory(viewOf(record), docs({ records: [record] }));
		expect(steps.map((s) => [s.what, s.before, s.after])).toEqual([
			['created', undefined, undefined],
			['resolved', { minutes: 0 }, { minutes: 45 }],
			['changed', { minutes: 45 }, { minutes: 60 }]
		]);
	});
});
