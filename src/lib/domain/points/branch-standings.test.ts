import { describe, expect, it } from 'vitest';
import { aMember, confirm, reported } from '../../../test-data/reporting-fixtures';
import { approvalOf, aServiceRecord } from '../../../test-data/points-fixtures';
import { branchStandings } from './branch-standings';
import { standingOf, type StandingDocs } from './member-standing';

const YEAR = 2026;
const NOW = new Date('2026-11-20T04:00:00.000Z');
const at = (month: number) => `2026-${String(month).padStart(2, '0')}-10T10:00:00+08:00`;

describe('branchStandings', () => {
	const a = aMember('m001');
	const b = aMember('m002');
	const c = aMember('m003');
	const reportA = reported(a);
	const reportB = reported(b);
	// m001 served four times at home, each approved; m002 once; m003 has nothing.
	const recordsA = [1, 2, 3, 4].map((m) => aServiceRecord('volunteer', at(m)));
	const recordB = aServiceRecord('volunteer', at(5), { memberId: 'm002', id: 'sr.b.m002' });
	const docs: StandingDocs = {
		reports: [reportA, reportB, ...recordsA, recordB],
		reviews: [
			confirm(reportA),
			confirm(reportB),
			...recordsA.map((r) => approvalOf(r, at(6))),
			approvalOf(recordB, at(6))
		],
		schemes: []
	};

	it("gives each member the standing standingOf gives from all of the branch's documents", () => {
		const standings = branchStandings([a, b, c], 'cm1', docs, YEAR, NOW);
		for (const member of [a, b, c]) {
			expect(standings.get(member.id)?.standing).toEqual(
				standingOf(member, 'cm1', docs, YEAR, NOW)
			);
		}
		expect(standings.get('m001')?.standing.residenceServices).toBe(4);
		expect(standings.get('m002')?.standing.residenceServices).toBe(1);
	});

	it('gives the at-risk reasons of each standing', () => {
		const standings = branchStandings([a, b, c], 'cm1', docs, YEAR, NOW);
		expect(standings.get('m001')?.risks).not.toContain('r12');
		expect(standings.get('m002')?.risks).toContain('r12');
		expect(standings.get('m003')?.risks).toEqual(expect.arrayContaining(['r12', 'grade']));
	});
});
