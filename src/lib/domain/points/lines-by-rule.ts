import type { LineRule, PointLine } from './points-engine';
import { RULE_KEYS } from './points-scheme';

/** The lines of one rule, as an explanation shows them: with their subtotal and the rule's cap. */
export interface RuleGroup {
	rule: LineRule | null;
	lines: PointLine[];
	points: number;
	/** The cap of the latest line (a cap changed mid-year shows as it stands now). */
	cap: number | null;
	capReached: boolean;
}

/**
 * A year's lines grouped by the rule that scored them, in the scheme's order, then the breaches'
 * penalties, the sources no rule scores last; each group's lines keep their time order.
 */
export function linesByRule(lines: readonly PointLine[]): RuleGroup[] {
	const order: (LineRule | null)[] = [...RULE_KEYS, 'breach', null];
	return order.flatMap((rule): RuleGroup[] => {
		const mine = lines.filter((line) => line.rule === rule);
		const latest = mine.at(-1);
		if (!latest) return [];
		return [
			{
				rule,
				lines: mine,
				points: mine.reduce((sum, line) => sum + line.points, 0),
				cap: latest.cap,
				capReached: mine.some((line) => line.note === 'cap-reached')
			}
		];
	});
}
