import { channel, inYear, normalizeChannels } from '../access/channels';
import type { BranchDutyType, DutyState } from '../events/yearly-duties';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import type { GradeCounts } from '../points/grade-terms';
import {
	count,
	coverageField,
	gradeCountsField,
	dutyTypeField,
	summaryId,
	summaryYear,
	type CoverageCounts
} from './summary-schema';

/** A branch's year for the office (R1, R8, R13, R16): coverage, who is behind, its two duties. */
export interface BranchYearSummary {
	id: string;
	kind: 'branch-year';
	branchId: string;
	orgId: string;
	year: number;
	coverage: CoverageCounts;
	/** Members short of R16's attendance parts (a community activity, a lecture given). */
	membersBehind: number;
	serviceMinutes: number;
	/** R13: members reported and with ≥ 4 approved services in their residence community. */
	effective?: number;
	/** R17: members by grade (projected while the year runs). */
	grades?: GradeCounts;
	duties: { type: BranchDutyType; state: DutyState; missing: number }[];
	updatedAt: string;
	channels: string[];
}

export function branchYearId(branchId: string, year: number): string {
	return summaryId('branch-year', branchId, year);
}

export const branchYears: KindDefinition<BranchYearSummary> = {
	name: 'branch-year',
	kindValues: ['branch-year'],
	schema: {
		title: 'branch-year',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['branch-year'] },
			branchId: idRef,
			orgId: idRef,
			year: summaryYear,
			coverage: coverageField,
			membersBehind: count,
			serviceMinutes: count,
			effective: count,
			grades: gradeCountsField,
			duties: {
				type: 'array',
				items: {
					type: 'object',
					properties: {
						type: dutyTypeField,
						state: { type: 'string', enum: ['held', 'planned', 'not-planned'] },
						missing: count
					},
					required: ['type', 'state', 'missing'],
					additionalProperties: false
				},
				maxItems: 2
			},
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'branchId',
			'orgId',
			'year',
			'coverage',
			'membersBehind',
			'serviceMinutes',
			'duties',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: (s) =>
		normalizeChannels([
			inYear(channel.branch(s.branchId), s.year),
			// Every year's, for the office: a few per branch, against one per member and year.
			channel.bureau(s.orgId)
		]),
	policy: null
};
