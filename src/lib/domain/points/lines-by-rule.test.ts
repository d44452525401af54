import { describe, expect, it } from 'vitest';
import type { PointLine } from './points-engine';
import { linesByRule } from './lines-by-rule';

function line(rule: PointLine['rule'], points: number, extra: Partial<PointLine> = {}): PointLine {
	return {
		rule,
		source: { collection: 'reports', id: `sr.${rule}.${points}`, kind: 'service-record' },
		at: '2026-03-01T02:00:00.000Z',
		points,
		bonus: 0,
		note: rule === null ? 'no-rule' : 'counted',
		cap: null,
		schemeVersion: 0,
		description: 'd',
		...extra
	};
}

describe('linesByRule', () => {
	it("groups lines in the scheme's rule order, no-rule sources last, with subtotals", () => {
		const groups = linesByRule([
			line(null, 0),
			line('lecture', 10, { cap: 3 }),
			line('residence-report', 10, { cap: 1 }),
			line('lecture', 10, { cap: 3 })
		]);
		expect(groups.map((g) => [g.rule, g.points, g.lines.length])).toEqual([
			['residence-report', 10, 1],
			['lecture', 20, 2],
			[null, 0, 1]
		]);
	});

	it('says when a cap stopped the count, with the cap now in force', () => {
		const [group] = linesByRule([
			line('micro-wish', 10, { cap: 3 }),
			line('micro-wish', 0, { cap: 1, note: 'cap-reached' })
		]);
		expect(group).toMatchObject({ capReached: true, cap: 1, points: 10 });
	});

	it('shows the penalties of breaches after the rules, before the sources no rule scores', () => {
		const penalty = line('breach', -10, {
			note: 'penalty',
			source: { collection: 'evaluations', id: 'breach.m001.A', kind: 'breach' },
			breach: { severity: 'minor', rule: 'no-badge' }
		});
		const groups = linesByRule([line(null, 0), penalty, line('emergency', 10)]);
		expect(groups.map((g) => [g.rule, g.points])).toEqual([
			['emergency', 10],
			['breach', -10],
			[null, 0]
		]);
	});

	it('has nothing to show for no lines', () => {
		expect(linesByRule([])).toEqual([]);
	});
});
