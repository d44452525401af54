import type { Org } from '../directory/orgs';
import type { Activity } from '../events/activities';
import type { Attendance } from '../events/attendance-record';
import { roundingRules } from '../events/service-hours';
import {
	branchDuties,
	dutyState,
	memberYear,
	serviceOfYear,
	shortOfDuties,
	type ClaimRecords
} from '../events/yearly-duties';
import type { Member } from '../people/members';
import type { GradeCounts } from '../points/grade-terms';
import { isBelow } from '../points/grades';
import type { Grade } from '../points/points-scheme';
import { risksOf, standingOf, targetsOf, type StandingDocs } from '../points/member-standing';
import { addState, EMPTY_COVERAGE, sumCoverage } from '../reporting/coverage';
import { ReportIndex } from '../reporting/member-reporting';
import type { Report } from '../reporting/reports';
import type { Review } from '../reporting/reviews';
import { branchYearId, branchYears, type BranchYearSummary } from './branch-year';
import { bureauYearId, bureauYears, type BureauYearSummary } from './bureau-year';
import { memberYearId, memberYears, type MemberYearSummary } from './member-year';

/*
 * The summaries of a year, computed from plain inputs with the functions the devices use for their
 * own figures (member-reporting.ts, yearly-duties.ts, service-hours.ts, coverage.ts), so the
 * server's summaries and a device's provisional figures agree.
 */

export interface MemberYearInputs {
	member: Member;
	/** The member's branch (its linked community is where the unit report goes), if known. */
	branch: Org | null;
	/** Organisations whose rounding rules apply: at least the member's bureau. */
	orgs: readonly Org[];
	reports: readonly Report[];
	reviews: readonly Review[];
	/** The member's check-ins and check-outs (others' are ignored). */
	attendance: readonly Attendance[];
	/** The activities the attendance cites and the branch's own activities of the year. */
	activities: readonly Activity[];
	/** The member's claims and the community's decisions on them (others' are ignored). */
	claims: ClaimRecords;
	/** The documents of the member's standing: records, corrections, approvals, the bureau's schemes. */
	standing: StandingDocs;
	year: number;
	updatedAt: string;
	/** Decides whether the grade is projected and by which scheme version. */
	now: Date;
}

/** A member's summary of a year, from the same functions the devices use for their own figures. */
export function memberYearSummary(inputs: MemberYearInputs): MemberYearSummary {
	const { member, branch, activities, year } = inputs;
	const own = inputs.attendance.filter((record) => record.memberId === member.id);
	const reporting = new ReportIndex(inputs.reports, inputs.reviews).reportingOf(
		member,
		branch?.linkedCommunityId
	);
	const counts = memberYear(member.id, activities, own, year, inputs.claims);
	const service = serviceOfYear(
		{ memberId: member.id, memberName: member.name, branchId: member.branchId },
		activities,
		own,
		year,
		roundingRules(inputs.orgs)
	);
	const duties = branchDuties(
		member.branchId,
		[{ id: member.id, name: member.name }],
		activities,
		own,
		year
	);
	const standing = standingOf(member, branch?.linkedCommunityId, inputs.standing, year, inputs.now);
	const summary = {
		id: memberYearId(member.id, year),
		kind: 'member-year' as const,
		memberId: member.id,
		memberName: member.name,
		branchId: member.branchId,
		orgId: member.orgId,
		year,
		residence: reporting.residence.state,
		unit: reporting.unit.state,
		attended: counts.attended,
		communityActivities: counts.communityActivities,
		lecturesGiven: counts.lecturesGiven,
		projectsOrPosts: counts.projectsOrPosts,
		microWishes: counts.microWishes,
		serviceMinutes: service.minutes,
		sessions: service.rows.length,
		missedDuties: duties.filter((duty) => duty.missing.length > 0).map((duty) => duty.type),
		points: standing.points.total,
		grade: standing.grade.grade,
		gates: standing.grade.gates.map((gate) => gate.gate),
		breaches: standing.points.breaches.length,
		...worstFeedback(standing.points.feedback),
		residenceServices: standing.residenceServices,
		isEffective: standing.effective,
		recordsWaiting: standing.points.counts.waiting,
		risks: risksOf(standing),
		updatedAt: inputs.updatedAt,
		channels: []
	};
	return { ...summary, channels: memberYears.channelsOf(summary) };
}

/** The worst grade the communities gave, if any gave one. */
function worstFeedback(feedback: readonly { grade: Grade }[]): { feedbackGrade?: Grade } {
	const grades = feedback.map((f) => f.grade);
	if (grades.length === 0) return {};
	return { feedbackGrade: grades.reduce((w, g) => (isBelow(g, w) ? g : w)) };
}

export interface BranchYearInputs {
	/** The branch, with its bureau as `parentId`. */
	branch: Org & { parentId: string };
	/** The year's summaries of the branch's members. */
	memberYears: readonly MemberYearSummary[];
	/** The branch's own activities (it hosts them) and the check-ins at them. */
	activities: readonly Activity[];
	attendance: readonly Attendance[];
	year: number;
	updatedAt: string;
}

/**
 * A branch's summary of a year from its members' summaries: each member counted by the same
 * functions (`addState`, `shortOfDuties`) that count them from the records on a device.
 */
export function branchYearSummary(inputs: BranchYearInputs): BranchYearSummary {
	const { branch, memberYears, year } = inputs;
	const duties = branchDuties(
		branch.id,
		memberYears.map((m) => ({ id: m.memberId, name: m.memberName })),
		inputs.activities,
		inputs.attendance,
		year
	);
	const summary = {
		id: branchYearId(branch.id, year),
		kind: 'branch-year' as const,
		branchId: branch.id,
		orgId: branch.parentId,
		year,
		coverage: memberYears.reduce(
			(coverage, m) => addState(coverage, { state: m.residence }),
			EMPTY_COVERAGE
		),
		membersBehind: memberYears.filter(shortOfDuties).length,
		serviceMinutes: memberYears.reduce((sum, m) => sum + m.serviceMinutes, 0),
		...targetsOfYears(memberYears),
		duties: duties.map((duty) => ({
			type: duty.type,
			state: dutyState(duty),
			missing: duty.missing.length
		})),
		updatedAt: inputs.updatedAt,
		channels: []
	};
	return { ...summary, channels: branchYears.channelsOf(summary) };
}

/** R13 and R17 over members' summaries; one stored before points existed has no grade to count. */
function targetsOfYears(memberYears: readonly MemberYearSummary[]) {
	const targets = targetsOf(
		memberYears.flatMap((m) =>
			m.grade ? [{ effective: m.isEffective === true, grade: m.grade }] : []
		)
	);
	return { effective: targets.effective, grades: targets.grades };
}

/** A bureau's summary of a year from its branches' summaries of that year. */
export function bureauYearSummary(inputs: {
	orgId: string;
	branchYears: readonly BranchYearSummary[];
	year: number;
	updatedAt: string;
}): BureauYearSummary {
	const { orgId, branchYears, year } = inputs;
	const summary = {
		id: bureauYearId(orgId, year),
		kind: 'bureau-year' as const,
		orgId,
		year,
		coverage: sumCoverage(branchYears.map((b) => b.coverage)),
		branches: branchYears.length,
		membersBehind: branchYears.reduce((sum, b) => sum + b.membersBehind, 0),
		serviceMinutes: branchYears.reduce((sum, b) => sum + b.serviceMinutes, 0),
		effective: branchYears.reduce((sum, b) => sum + (b.effective ?? 0), 0),
		grades: {
			good: sumOf(branchYears, 'good'),
			fairlyGood: sumOf(branchYears, 'fairlyGood'),
			average: sumOf(branchYears, 'average'),
			poor: sumOf(branchYears, 'poor')
		},
		updatedAt: inputs.updatedAt,
		channels: []
	};
	return { ...summary, channels: bureauYears.channelsOf(summary) };
}

function sumOf(branchYears: readonly BranchYearSummary[], grade: keyof GradeCounts): number {
	return branchYears.reduce((sum, b) => sum + (b.grades?.[grade] ?? 0), 0);
}
