/**
 * Service records as the points tests score them, and versions of a scheme (test fixtures; only
 * `*.test.ts` files import this). Member m001 of br1 (org-a) lives in cm2; br1 is linked to cm1.
 * The decisions on records come from record-fixtures.ts.
 */
import type { RecordState, RecordView } from '../lib/domain/records/record-status';
import type { ServiceCategory, ServiceRecord } from '../lib/domain/records/service-record';
import {
	defaultScheme,
	pointsSchemeId,
	type PointsScheme
} from '../lib/domain/points/points-scheme';
import type { Approval } from '../lib/domain/records/approvals';
import { activityRecord, approvalOfSubject } from './record-fixtures';

export const ELSEWHERE = 'cm9';

let serial = 0;

/**
 * A record of m001's service at an activity in the residence community (unless told), run by
 * another branch: approved by the secretary alone.
 */
export function aServiceRecord(
	category: ServiceCategory,
	at: string,
	overrides: Partial<ServiceRecord> = {}
): ServiceRecord {
	serial += 1;
	return activityRecord({
		id: `sr.act${serial}.m001`,
		activityId: `act${serial}`,
		sourceId: `act${serial}.m001.in`,
		hostBranchId: 'br9',
		at,
		minutes: 60,
		description: `服务${serial}`,
		category,
		...overrides
	});
}

/** A view of a record in a state, its values the effective ones. */
export function aView(
	category: ServiceCategory,
	at: string,
	overrides: Partial<ServiceRecord> = {},
	state: RecordState = 'approved'
): RecordView {
	const record = aServiceRecord(category, at, overrides);
	const { communityId, minutes, description } = record;
	return {
		record,
		effective: { at, communityId, minutes, description },
		state,
		confirmation: 'source'
	};
}

/** The secretary of br1 approves the record's current submission at `decidedAt`. */
export function approvalOf(record: ServiceRecord, decidedAt: string): Approval {
	return approvalOfSubject(record, { decidedAt });
}

/** A version of org-a's scheme of 2026: the default with changes. */
export function aVersion(
	version: number,
	effectiveFrom: string,
	change: (scheme: PointsScheme) => Partial<PointsScheme> = () => ({}),
	year = 2026
): PointsScheme {
	const base = defaultScheme('org-a', year);
	return {
		...base,
		id: pointsSchemeId('org-a', year, version),
		version,
		effectiveFrom,
		author: 'office1',
		updatedAt: `${year}-01-05T02:00:00.000Z`,
		...change(base)
	};
}
