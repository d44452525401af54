import { describe, expect, it } from 'vitest';
import { aBranchActivity, anActivity, aRecord } from '../../../test-data/activity-fixtures';
import { served } from '../../../test-data/claim-fixtures';
import {
	aBranch,
	aMember,
	confirm,
	giveBack,
	reported
} from '../../../test-data/reporting-fixtures';
import { approvalOf, aServiceRecord } from '../../../test-data/points-fixtures';
import { checkTypedWrite } from '../access/write-policy';
import type { Org } from '../directory/orgs';
import { coverageByBranch } from '../reporting/coverage';
import { ReportIndex } from '../reporting/member-reporting';
import { collectionSchema, kindOf } from '../registry';
import { validateAgainst } from '../schema/schema-validation';
import {
	branchYearSummary,
	bureauYearSummary,
	memberYearSummary,
	type MemberYearInputs
} from './year-summaries';

const YEAR = 2026;
const AT = '2026-11-20T04:00:00.000Z';
const branch = aBranch('br1', '第一支部', 'cm1') as Org & { parentId: string };
const bureau: Org = {
	id: 'org-a',
	kind: 'bureau',
	name: '住建局',
	serviceRounding: { stepMinutes: 60, mode: 'down' },
	updatedAt: AT,
	channels: ['public']
};
const lecture = anActivity({ id: 'act-lecture', type: 'lecture', speakers: ['m001'] });
const party = aBranchActivity({ id: 'act-party' });

function inputs(overrides: Partial<MemberYearInputs> = {}): MemberYearInputs {
	return {
		member: aMember('m001'),
		branch,
		orgs: [bureau, branch],
		reports: [],
		reviews: [],
		attendance: [],
		activities: [lecture, party],
		claims: { claims: [], decisions: [] },
		standing: { reports: [], reviews: [], schemes: [] },
		year: YEAR,
		updatedAt: AT,
		now: new Date(AT),
		...overrides
	};
}

describe('memberYearSummary', () => {
	it('sums up a member with nothing done yet', () => {
		expect(memberYearSummary(inputs())).toEqual({
			id: 'member-year.m001.2026',
			kind: 'member-year',
			memberId: 'm001',
			memberName: '党员m001',
			branchId: 'br1',
			orgId: 'org-a',
			year: YEAR,
			residence: 'not-reported',
			unit: 'not-reported',
			attended: 0,
			communityActivities: 0,
			lecturesGiven: 0,
			projectsOrPosts: 0,
			microWishes: 0,
			serviceMinutes: 0,
			sessions: 0,
			missedDuties: ['ethnic-unity', 'party-day'],
			points: 0,
			grade: 'poor',
			gates: ['not-reported', 'minimum-missed'],
			breaches: 0,
			residenceServices: 0,
			isEffective: false,
			recordsWaiting: 0,
			risks: ['r12', 'r16', 'r8', 'grade'],
			updatedAt: AT,
			channels: ['branch:br1/2026', 'bureau:org-a/2026', 'member:m001']
		});
	});

	it('counts reports by their reviews, attendance and service by the bureau rounding', () => {
		const member = aMember('m001');
		const residence = reported(member);
		const unit = reported(member, 'unit');
		const summary = memberYearSummary(
			inputs({
				member,
				reports: [residence, unit],
				reviews: [confirm(residence), giveBack(unit)],
				attendance: [
					aRecord('in', { activityId: 'act-lecture' }),
					// 2 h 50 min at the party day: rounded down to whole hours by the bureau.
					aRecord('in', { activityId: 'act-party', at: '2026-06-01T01:00:00.000Z' }),
					aRecord('out', { activityId: 'act-party', at: '2026-06-01T03:50:00.000Z' }),
					// Somebody else's check-in is not the member's.
					aRecord('in', { activityId: 'act-lecture', memberId: 'm002' })
				]
			})
		);
		expect(summary).toMatchObject({
			residence: 'confirmed',
			unit: 'returned',
			attended: 2,
			lecturesGiven: 1,
			communityActivities: 0,
			sessions: 2,
			// The lecture: 3 h without check-out; the party day: 2 h.
			serviceMinutes: 300,
			missedDuties: ['ethnic-unity']
		});
	});

	it("counts the member's confirmed claims of projects or posts and of micro-wishes", () => {
		const mine = served('m001', ['project', 'micro-wish', 'micro-wish', 'need']);
		const theirs = served('m002', ['post']);
		const summary = memberYearSummary(
			inputs({
				claims: {
					claims: [...mine.claims, ...theirs.claims],
					decisions: [...mine.decisions, ...theirs.decisions]
				}
			})
		);
		expect(summary).toMatchObject({ projectsOrPosts: 1, microWishes: 2 });
		expect(validateAgainst(collectionSchema('evaluations'), summary)).toBeNull();
	});

	it('leaves cancelled activities and other years out', () => {
		const summary = memberYearSummary(
			inputs({
				activities: [{ ...lecture, cancelled: true }, party],
				attendance: [
					aRecord('in', { activityId: 'act-lecture' }),
					aRecord('in', { activityId: 'act-party' })
				],
				year: 2027
			})
		);
		expect(summary).toMatchObject({ attended: 0, sessions: 0, serviceMinutes: 0, year: 2027 });
	});

	it("adds the member's points, grade, gates, risks and R13 from the standing documents", () => {
		const member = aMember('m001');
		const residence = reported(member);
		const records = [3, 4, 5, 6].map((m) =>
			aServiceRecord('volunteer', `2026-0${m}-01T10:00:00+08:00`)
		);
		const waiting = aServiceRecord('lecture-given', '2026-07-01T10:00:00+08:00');
		const summary = memberYearSummary(
			inputs({
				member,
				reports: [residence],
				reviews: [confirm(residence)],
				standing: {
					reports: [residence, ...records, waiting],
					reviews: [confirm(residence), ...records.map((r) => approvalOf(r, AT))],
					schemes: []
				}
			})
		);
		expect(summary).toMatchObject({
			points: 30,
			grade: 'poor',
			gates: ['minimum-missed'],
			residenceServices: 4,
			isEffective: true,
			recordsWaiting: 1,
			risks: ['r16', 'r8', 'grade']
		});
		expect(validateAgainst(collectionSchema('evaluations'), summary)).toBeNull();
	});

	it("counts confirmed breaches and the communities' feedback in the points, grade and gates", () => {
		const member = aMember('m001');
		const residence = reported(member);
		const base = {
			memberId: 'm001',
			branchId: 'br1',
			orgId: 'org-a',
			communityId: 'cm1',
			year: YEAR
		};
		const evaluations = [
			{
				...base,
				id: 'breach.m001.A',
				kind: 'breach',
				rule: 'no-badge',
				occurredOn: '2026-04-01',
				description: '未佩戴徽章'
			},
			{
				...base,
				id: 'breach.m001.A.decision',
				kind: 'breach-decision',
				breachId: 'breach.m001.A',
				outcome: 'confirmed',
				severity: 'serious',
				decidedAt: AT
			},
			// Not decided yet: it does not count.
			{
				...base,
				id: 'breach.m001.B',
				kind: 'breach',
				rule: 'no-badge',
				occurredOn: '2026-04-02',
				description: '未佩戴徽章'
			},
			{
				...base,
				id: 'feedback.2026.cm1.m001',
				kind: 'feedback',
				grade: 'poor',
				comment: '未按约定到岗'
			},
			{ ...base, id: 'feedback.2026.cm2.m001', kind: 'feedback', communityId: 'cm2', grade: 'good' }
		];
		const summary = memberYearSummary(
			inputs({
				member,
				reports: [residence],
				reviews: [confirm(residence)],
				standing: {
					reports: [residence],
					reviews: [confirm(residence)],
					schemes: [],
					evaluations
				}
			})
		);
		expect(summary).toMatchObject({
			points: 10 - 20,
			grade: 'poor',
			gates: ['minimum-missed', 'breach', 'feedback-poor'],
			breaches: 1,
			feedbackGrade: 'poor'
		});
		expect(validateAgainst(collectionSchema('evaluations'), summary)).toBeNull();
	});

	it('is a valid, server-owned document of the evaluations collection', () => {
		const summary = memberYearSummary(inputs());
		expect(kindOf('evaluations', summary)?.name).toBe('member-year');
		expect(validateAgainst(kindOf('evaluations', summary)!.schema, summary)).toBeNull();
		expect(validateAgainst(collectionSchema('evaluations'), summary)).toBeNull();
		expect(
			checkTypedWrite({
				collection: 'evaluations',
				actor: { username: 'm001', memberId: 'm001', roles: [{ role: 'member' }] },
				prev: null,
				next: summary,
				deleting: false,
				subject: null
			})
		).toMatchObject({ ok: false, reason: 'server-owned' });
	});
});

describe('branchYearSummary and bureauYearSummary', () => {
	const members = ['a1', 'a2', 'a3', 'a4'].map((id) =>
		aMember(id, id === 'a4' ? { residenceCommunityId: undefined } : {})
	);
	const [a1, a2, a3] = members.slice(0, 3).map((m) => reported(m));
	const reports = [a1!, a2!, a3!];
	const reviews = [confirm(a1!), giveBack(a3!)];
	const checkIns = [
		aRecord('in', { activityId: 'act-party', memberId: 'a1' }),
		aRecord('in', { activityId: 'act-lecture', memberId: 'a2' })
	];
	const memberYears = members.map((member) =>
		memberYearSummary(inputs({ member, reports, reviews, attendance: checkIns }))
	);
	const summary = branchYearSummary({
		branch,
		memberYears,
		activities: [party],
		attendance: checkIns,
		year: YEAR,
		updatedAt: AT
	});

	it('counts coverage as the device does from the records', () => {
		const [direct] = coverageByBranch([branch], members, new ReportIndex(reports, reviews));
		expect(summary.coverage).toEqual(direct?.coverage);
		expect(summary.coverage).toEqual({
			members: 4,
			reported: 2,
			confirmed: 1,
			waiting: 1,
			returned: 1,
			notReported: 1
		});
	});

	it('counts a member behind until all four parts of R16 are met', () => {
		const lectureAndCommunity = {
			...memberYears[0]!,
			communityActivities: 1,
			lecturesGiven: 1
		};
		const everything = { ...lectureAndCommunity, projectsOrPosts: 1, microWishes: 1 };
		const behind = (years: (typeof memberYears)[number][]) =>
			branchYearSummary({
				branch,
				memberYears: years,
				activities: [],
				attendance: [],
				year: YEAR,
				updatedAt: AT
			}).membersBehind;
		expect(behind([lectureAndCommunity])).toBe(1);
		expect(behind([{ ...everything, microWishes: 0 }])).toBe(1);
		expect(behind([{ ...everything, projectsOrPosts: 0 }])).toBe(1);
		expect(behind([everything])).toBe(0);
	});

	it('counts who is behind, the service time and the state of each duty', () => {
		// Nobody attended a community activity: all four are short of R16.
		expect(summary.membersBehind).toBe(4);
		expect(summary.serviceMinutes).toBe(memberYears.reduce((s, m) => s + m.serviceMinutes, 0));
		expect(summary.duties).toEqual([
			{ type: 'ethnic-unity', state: 'not-planned', missing: 4 },
			{ type: 'party-day', state: 'held', missing: 3 }
		]);
		expect(summary.channels).toEqual(['branch:br1/2026', 'bureau:org-a']);
		expect(validateAgainst(collectionSchema('evaluations'), summary)).toBeNull();
	});

	it('counts the effective members and the grades of the summaries that have them', () => {
		const graded = (grade: 'good' | 'poor', isEffective: boolean) => ({
			...memberYears[0]!,
			grade,
			isEffective
		});
		const targets = branchYearSummary({
			branch,
			// The last one was stored before points existed: no grade to count.
			memberYears: [
				graded('good', true),
				graded('poor', false),
				graded('poor', true),
				{ ...memberYears[1]!, grade: undefined, isEffective: undefined }
			],
			activities: [],
			attendance: [],
			year: YEAR,
			updatedAt: AT
		});
		expect(targets).toMatchObject({
			effective: 2,
			grades: { good: 1, fairlyGood: 0, average: 0, poor: 2 }
		});
		const total = bureauYearSummary({
			orgId: 'org-a',
			branchYears: [
				targets,
				{ ...targets, branchId: 'br2' },
				{ ...summary, effective: undefined, grades: undefined }
			],
			year: YEAR,
			updatedAt: AT
		});
		expect(total).toMatchObject({
			effective: 4,
			grades: { good: 2, fairlyGood: 0, average: 0, poor: 4 }
		});
		expect(validateAgainst(collectionSchema('evaluations'), total)).toBeNull();
	});

	it("adds up a bureau's branches", () => {
		const other = { ...summary, branchId: 'br2', id: 'branch-year.br2.2026' };
		const total = bureauYearSummary({
			orgId: 'org-a',
			branchYears: [summary, other],
			year: YEAR,
			updatedAt: AT
		});
		expect(total).toMatchObject({
			id: 'bureau-year.org-a.2026',
			branches: 2,
			membersBehind: 8,
			serviceMinutes: 2 * summary.serviceMinutes,
			channels: ['bureau:org-a']
		});
		expect(total.coverage.members).toBe(8);
		expect(validateAgainst(collectionSchema('evaluations'), total)).toBeNull();
	});
});
