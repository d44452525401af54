import { describe, expect, it } from 'vitest';
import { approvalOf, ownRecordOf, recordReviewOf } from '../domain/records/record-drafts';
import type { ServiceRecord } from '../domain/records/service-record';
import { aMember } from '../../test-data/reporting-fixtures';
import { digestCounts } from './weekly-digest';

const NOW = new Date('2026-11-24T02:00:00.000Z');

function record(key: string, overrides: Partial<ServiceRecord> = {}): ServiceRecord {
	const own = ownRecordOf({
		member: aMember('m001'),
		by: 'member1',
		key,
		values: {
			at: '2026-11-10T02:00:00.000Z',
			minutes: 60,
			description: '社区服务',
			communityId: 'cm2',
			category: 'service',
			photos: []
		},
		now: NOW
	});
	return { ...own, ...overrides };
}

describe('digestCounts', () => {
	it('counts members at risk, records waiting for the secretary and records 需核实', () => {
		const confirmed = record('confirmed1');
		const unconfirmed = record('unconfirmed1');
		const approved = record('approved1');
		const flagged = record('flagged1', { origin: 'activity', flagged: true });
		const confirm = (subject: ServiceRecord) =>
			recordReviewOf(subject, 'community2', { decision: 'confirmed' }, NOW);
		const counts = digestCounts(
			[{ risks: ['r12', 'grade'] }, { risks: [] }, {}, { risks: ['r8'] }],
			[confirmed, unconfirmed, approved, flagged],
			[
				confirm(confirmed),
				confirm(approved),
				approvalOf(approved, 'secretary1', { decision: 'approved' }, NOW)
			]
		);
		expect(counts).toEqual({ atRisk: 2, waitingApproval: 1, flagged: 1 });
	});

	it('is all zeros for a branch with nothing', () => {
		expect(digestCounts([], [], [])).toEqual({ atRisk: 0, waitingApproval: 0, flagged: 0 });
	});
});
