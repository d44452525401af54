import { channel, inYear, normalizeChannels } from '../access/channels';
import type { BranchDutyType } from '../events/yearly-duties';
import { GATE_KEYS, type GateKey, type RiskReason } from '../points/grade-terms';
import { GRADES, type Grade } from '../points/points-scheme';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import {
	count,
	dutyTypeField,
	reportingStateField,
	summaryId,
	summaryYear,
	type ReportingStateName
} from './summary-schema';

/**
 * One member's year, as the worker sums it up (R10, R8, R16, R12): where their reports stand, what
 * they attended and gave, the claims the community confirmed, their service time and the branch
 * duties they missed. The member keeps each past year's; the branch and the office read the open
 * years' ones.
 */
export interface MemberYearSummary {
	id: string;
	kind: 'member-year';
	memberId: string;
	memberName: string;
	branchId: string;
	orgId: string;
	year: number;
	/** The states of the member's reports when the summary was last computed. */
	residence: ReportingStateName;
	unit: ReportingStateName;
	attended: number;
	communityActivities: number;
	lecturesGiven: number;
	/** R16's confirmed claims; absent from a summary stored before the marketplace (none then). */
	projectsOrPosts?: number;
	microWishes?: number;
	serviceMinutes: number;
	/** Activities counted for service time. */
	sessions: number;
	missedDuties: BranchDutyType[];
	/** The year's points and grade (projected while the year runs); absent before points existed. */
	points?: number;
	grade?: Grade;
	/** The gates that capped the grade. */
	gates?: GateKey[];
	/** Confirmed discipline breaches of the year (R20). */
	breaches?: number;
	/** The worst grade a community's year-end feedback gave (R21); absent: none yet. */
	feedbackGrade?: Grade;
	/** R12: approved services in the residence community. */
	residenceServices?: number;
	/** R13: reported and ≥ 4 approved services in the residence community. */
	isEffective?: boolean;
	/** Records of the year waiting for a decision. */
	recordsWaiting?: number;
	/** Why the secretary's at-risk list shows the member. */
	risks?: RiskReason[];
	updatedAt: string;
	channels: string[];
}

export function memberYearId(memberId: string, year: number): string {
	return summaryId('member-year', memberId, year);
}

export const memberYears: KindDefinition<MemberYearSummary> = {
	name: 'member-year',
	kindValues: ['member-year'],
	schema: {
		title: 'member-year',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['member-year'] },
			memberId: idRef,
			memberName: { type: 'string', minLength: 1, maxLength: 50 },
			branchId: idRef,
			orgId: idRef,
			year: summaryYear,
			residence: reportingStateField,
			unit: reportingStateField,
			attended: count,
			communityActivities: count,
			lecturesGiven: count,
			projectsOrPosts: count,
			microWishes: count,
			serviceMinutes: count,
			sessions: count,
			missedDuties: { type: 'array', items: dutyTypeField, maxItems: 2 },
			// Negative points come with discipline breaches (issue 20).
			points: { type: 'integer', minimum: -100_000, maximum: 100_000 },
			grade: { type: 'string', enum: [...GRADES] },
			gates: {
				type: 'array',
				items: { type: 'string', enum: [...GATE_KEYS] },
				maxItems: GATE_KEYS.length
			},
			breaches: count,
			feedbackGrade: { type: 'string', enum: [...GRADES] },
			residenceServices: count,
			isEffective: { type: 'boolean' },
			recordsWaiting: count,
			risks: {
				type: 'array',
				items: { type: 'string', enum: ['r12', 'r16', 'r8', 'grade'] },
				maxItems: 4
			},
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'memberId',
			'memberName',
			'branchId',
			'orgId',
			'year',
			'residence',
			'unit',
			'attended',
			'communityActivities',
			'lecturesGiven',
			'serviceMinutes',
			'sessions',
			'missedDuties',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: (s) =>
		normalizeChannels([
			channel.member(s.memberId),
			inYear(channel.branch(s.branchId), s.year),
			inYear(channel.bureau(s.orgId), s.year)
		]),
	policy: null
};
