import { describe, expect, it } from 'vitest';
import { aMember, confirm, reported } from '../../../test-data/reporting-fixtures';
import {
	approvalOf,
	aServiceRecord,
	aVersion,
	ELSEWHERE
} from '../../../test-data/points-fixtures';
import {
	approvalOfSubject,
	correctionOfRecord,
	reviewOfSubject
} from '../../../test-data/record-fixtures';
import type { Correction } from '../records/corrections';
import { recordViews } from '../records/record-status';
import type { ServiceRecord } from '../records/service-record';
import type { Review } from '../reporting/reviews';
import type { Approval } from '../records/approvals';
import {
	memberStanding,
	risksOf,
	standingOf,
	targetsOf,
	type MemberStanding,
	type StandingDocs
} from './member-standing';
import type { PointsScheme } from './points-scheme';

const YEAR = 2026;
const IN_YEAR = new Date('2026-11-20T04:00:00.000Z');
const AFTER_YEAR = new Date('2027-01-10T04:00:00.000Z');
const member = aMember('m001');
const residence = reported(member);

const confirmedBy = (subject: ServiceRecord | Correction, decidedAt: string) =>
	reviewOfSubject(subject, { decidedAt });
const approvedBy = (subject: ServiceRecord | Correction, decidedAt: string) =>
	approvalOfSubject(subject, { decidedAt });

const at = (month: number) => `2026-${String(month).padStart(2, '0')}-10T10:00:00+08:00`;

/** Four services in the residence community, each approved: R12 met, 20 points. */
function fourServices(): { records: ServiceRecord[]; approvals: Approval[] } {
	const records = [1, 2, 3, 4].map((m) => aServiceRecord('volunteer', at(m)));
	return { records, approvals: records.map((r) => approvalOf(r, at(5))) };
}

function standing(
	docs: {
		reports?: object[];
		reviews?: object[];
		schemes?: PointsScheme[];
		evaluations?: StandingDocs['evaluations'];
	},
	now = IN_YEAR
): MemberStanding {
	const all: StandingDocs = {
		reports: [residence, ...(docs.reports ?? [])] as StandingDocs['reports'],
		reviews: [confirm(residence), ...(docs.reviews ?? [])] as StandingDocs['reviews'],
		schemes: docs.schemes ?? [],
		...(docs.evaluations ? { evaluations: docs.evaluations } : {})
	};
	return standingOf(member, 'cm1', all, YEAR, now);
}

describe('standingOf', () => {
	it("picks the member's confirmed breaches and the communities' feedback from evaluations", () => {
		const { records, approvals } = fourServices();
		const of = (memberId: string) => ({ memberId, year: YEAR, branchId: 'br1', orgId: 'org-a' });
		const evaluations = [
			{
				...of('m001'),
				id: 'breach.m001.X',
				kind: 'breach',
				rule: 'seeking-favours',
				occurredOn: '2026-06-01',
				description: '要求报销餐费'
			},
			{
				...of('m001'),
				id: 'breach.m001.X.decision',
				kind: 'breach-decision',
				outcome: 'confirmed',
				severity: 'minor',
				decidedAt: at(7)
			},
			{
				...of('m001'),
				id: 'breach.m001.Y',
				kind: 'breach',
				rule: 'no-badge',
				occurredOn: '2026-06-02',
				description: '未佩戴徽章'
			},
			{
				...of('m001'),
				id: 'breach.m001.Y.decision',
				kind: 'breach-decision',
				outcome: 'dismissed',
				decidedAt: at(7)
			},
			{
				...of('m002'),
				id: 'breach.m002.Z',
				kind: 'breach',
				rule: 'no-badge',
				occurredOn: '2026-06-02',
				description: '未佩戴徽章'
			},
			{
				...of('m002'),
				id: 'breach.m002.Z.decision',
				kind: 'breach-decision',
				outcome: 'confirmed',
				severity: 'severe',
				decidedAt: at(7)
			},
			{
				...of('m001'),
				id: 'feedback.2026.cm2.m001',
				kind: 'feedback',
				communityId: 'cm2',
				grade: 'poor',
				comment: '多次缺席'
			},
			{ ...of('m001'), id: 'member-year.m001.2026', kind: 'member-year' }
		];
		const result = standing({ reports: records, reviews: approvals, evaluations });
		expect(result.points.total).toBe(10 + 4 * 5 - 10);
		expect(result.points.breaches.map((b) => b.breachId)).toEqual(['breach.m001.X']);
		expect(result.points.feedback.map((f) => f.id)).toEqual(['feedback.2026.cm2.m001']);
		expect(result.grade.gates.map((g) => g.gate)).toEqual([
			'minimum-missed',
			'breach',
			'feedback-poor'
		]);
	});

	it("scores the member's own approved records from raw documents of mixed kinds", () => {
		const { records, approvals } = fourServices();
		const theirs = aServiceRecord('emergency', at(3), { memberId: 'm002', id: 'sr.x.m002' });
		const result = standing({
			reports: [...records, theirs],
			reviews: [...approvals, approvalOf(theirs, at(4))]
		});
		expect(result.points.total).toBe(10 + 4 * 5);
		expect(result.residenceServices).toBe(4);
		expect(result.effective).toBe(true);
		expect(result.points.lines.map((l) => l.source.id)).not.toContain('sr.x.m002');
	});

	it('takes only kind-less documents of reviews as the community’s reviews', () => {
		const own = aServiceRecord('service', at(3), { origin: 'own', hostBranchId: undefined });
		const lookalike = { ...confirmedBy(own, at(4)), kind: 'feedback' };
		const result = standing({ reports: [own], reviews: [lookalike, approvalOf(own, at(4))] });
		expect(result.points.counts).toMatchObject({ residenceServices: 0, waiting: 1 });
	});

	it('follows a record from approved, to changed, returned, resubmitted and approved again', () => {
		const first = aServiceRecord('service', at(3), { origin: 'own', hostBranchId: undefined });
		const sub1 = [confirmedBy(first, at(4)), approvalOf(first, at(4))];
		const counted = (record: ServiceRecord, reviews: object[]) =>
			standing({ reports: [record], reviews }).points;
		expect(counted(first, sub1)).toMatchObject({ total: 15, counts: { waiting: 0 } });

		// The member changed it: the new submission waits, the old decisions no longer count.
		const second = { ...first, submission: 2, minutes: 240 };
		expect(counted(second, sub1)).toMatchObject({ total: 10, counts: { waiting: 1 } });

		const returned: Review = reviewOfSubject(second, {
			decidedAt: at(5),
			decision: 'returned',
			reason: '请补充照片'
		});
		expect(counted(second, [...sub1, returned])).toMatchObject({
			total: 10,
			counts: { waiting: 0 }
		});

		const third = { ...second, submission: 3 };
		const sub3 = [confirmedBy(third, at(6)), approvalOf(third, at(6))];
		// 240 minutes: two full hours beyond the first two.
		expect(counted(third, [...sub1, returned, ...sub3])).toMatchObject({
			total: 10 + 7,
			counts: { waiting: 0, residenceServices: 1 }
		});
	});

	it("counts an approved correction's values, not the record's", () => {
		const record = aServiceRecord('volunteer', at(3), { minutes: 60 });
		const correction = correctionOfRecord(record, {
			asked: { minutes: 180, at: at(7) },
			submittedAt: at(4)
		});
		const decisions = [approvalOf(record, at(4))];
		const asked = standing({ reports: [record, correction], reviews: decisions });
		expect(asked.points.lines.at(-1)).toMatchObject({ points: 5, at: at(3) });

		const approved = standing({
			reports: [record, correction],
			reviews: [...decisions, confirmedBy(correction, at(5)), approvedBy(correction, at(5))]
		});
		expect(approved.points.lines.at(-1)).toMatchObject({ points: 6, at: at(7) });
	});

	it('moves a record to the year its correction puts it in', () => {
		const record = aServiceRecord('emergency', '2026-12-31T20:00:00+08:00');
		const correction = correctionOfRecord(record, {
			asked: { at: '2027-01-01T09:00:00+08:00' },
			submittedAt: at(12)
		});
		const result = standing({
			reports: [record, correction],
			reviews: [
				approvalOf(record, at(12)),
				confirmedBy(correction, at(12)),
				approvedBy(correction, at(12))
			]
		});
		expect(result.points.lines.map((l) => l.rule)).toEqual(['residence-report']);
	});
});

describe('memberStanding', () => {
	const { records, approvals } = fourServices();
	// From 1 December the office asks 30 points for 一般.
	const stricter = aVersion(1, '2026-12-01', (s) => ({
		thresholds: { ...s.thresholds, average: 30 }
	}));
	const docs = { reports: records, reviews: approvals, schemes: [stricter] };

	it('projects the grade during the year under the version in force today', () => {
		const result = standing(docs, IN_YEAR);
		expect(result.grade).toMatchObject({ projected: true, byPoints: 'poor' });
		expect(result.grade.raise).toContainEqual({ kind: 'points', needed: 20, to: 'average' });
	});

	it("grades a past year finally under the version in force at the year's end", () => {
		const result = standing(docs, AFTER_YEAR);
		expect(result.grade).toMatchObject({ projected: false, byPoints: 'average' });
	});

	it('is not effective without the residence report confirmed, whatever the services', () => {
		const result = memberStanding(
			{
				member,
				reports: [residence],
				reviews: [],
				views: recordViews({ ...fourServices(), corrections: [], reviews: [] }),
				schemes: [],
				year: YEAR
			},
			IN_YEAR
		);
		expect(result).toMatchObject({ residenceServices: 4, effective: false });
	});
});

describe('risksOf', () => {
	it('names each yearly duty missed and a projected grade below 较好', () => {
		expect(risksOf(standing({}))).toEqual(['r12', 'r16', 'r8', 'grade']);
	});

	it('has none for a member who has done everything', () => {
		const { records, approvals } = fourServices();
		const more = [
			aServiceRecord('project', at(6), { origin: 'claim', communityId: ELSEWHERE }),
			aServiceRecord('lecture-given', at(6)),
			aServiceRecord('micro-wish', at(6), { origin: 'claim' }),
			aServiceRecord('community', at(6)),
			aServiceRecord('ethnic-unity', at(6), { hostBranchId: 'br1' }),
			aServiceRecord('party-day', at(6), { hostBranchId: 'br1' })
		];
		const result = standing({
			reports: [...records, ...more],
			reviews: [...approvals, ...more.map((r) => approvalOf(r, at(7)))]
		});
		// 10 + 20 + 5 + 10 + 10 + 5 + 5 + 5 = 70: 较好.
		expect(result.grade.grade).toBe('fairly-good');
		expect(risksOf(result)).toEqual([]);
	});
});

describe('targetsOf', () => {
	it('counts the effective members and the grade distribution', () => {
		expect(
			targetsOf([
				{ effective: true, grade: 'good' },
				{ effective: true, grade: 'fairly-good' },
				{ effective: false, grade: 'poor' },
				{ effective: false, grade: 'poor' }
			])
		).toEqual({
			members: 4,
			effective: 2,
			grades: { good: 1, fairlyGood: 1, average: 0, poor: 2 }
		});
	});
});
