import { channel } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import type { GradeCounts } from '../points/grade-terms';
import {
	count,
	coverageField,
	gradeCountsField,
	summaryId,
	summaryYear,
	type CoverageCounts
} from './summary-schema';

/** A bureau's totals of a year (R13): few documents, so the office keeps every year's. */
export interface BureauYearSummary {
	id: string;
	kind: 'bureau-year';
	orgId: string;
	year: number;
	/** The sum of its branches' coverage; `coverage.members` counts its members. */
	coverage: CoverageCounts;
	branches: number;
	membersBehind: number;
	serviceMinutes: number;
	/** R13: members reported and with ≥ 4 approved services in their residence community. */
	effective?: number;
	/** R17: members by grade (projected while the year runs). */
	grades?: GradeCounts;
	updatedAt: string;
	channels: string[];
}

export function bureauYearId(orgId: string, year: number): string {
	return summaryId('bureau-year', orgId, year);
}

export const bureauYears: KindDefinition<BureauYearSummary> = {
	name: 'bureau-year',
	kindValues: ['bureau-year'],
	schema: {
		title: 'bureau-year',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['bureau-year'] },
			orgId: idRef,
			year: summaryYear,
			coverage: coverageField,
			branches: count,
			membersBehind: count,
			serviceMinutes: count,
			effective: count,
			grades: gradeCountsField,
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'orgId',
			'year',
			'coverage',
			'branches',
			'membersBehind',
			'serviceMinutes',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: (s) => [channel.bureau(s.orgId)],
	policy: null
};
