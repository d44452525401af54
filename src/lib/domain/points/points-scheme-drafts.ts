import {
	BREACH_SEVERITY_KEYS,
	gateOn,
	isDateOfYear,
	penaltiesOf,
	type Penalties,
	MINIMUM_COUNT_KEYS,
	pointsSchemeId,
	type MinimumCountKey,
	RULE_KEYS,
	type PointsScheme,
	type RuleKey
} from './points-scheme';
import { PUBLIC_CHANNEL } from '../access/channels';

/*
 * The office's scheme editor: the form holds text (a cleared input stays '' rather than NaN);
 * these turn a version into form values and form values into the next version, or the problems
 * to show beside each field.
 */

export interface SchemeFormValues {
	/** `cap` '' = no cap. */
	rules: Record<RuleKey, { points: string; cap: string }>;
	/** The hour bonus of residence-service. */
	perHour: string;
	afterHours: string;
	thresholds: { good: string; fairlyGood: string; average: string };
	gates: Required<PointsScheme['gates']>;
	minimums: Record<MinimumCountKey, string> & { branchActivities: boolean };
	/** Points of a confirmed breach by severity: 0 or less. */
	penalties: Record<keyof Penalties, string>;
	/** Shanghai `YYYY-MM-DD`. */
	effectiveFrom: string;
	note: string;
}

export type SchemeProblemKind =
	| 'required'
	| 'not-integer'
	| 'out-of-range'
	| 'order'
	| 'outside-year'
	| 'before-latest'
	| 'too-long'
	/** A severer breach costing fewer points than a lighter one. */
	| 'penalty-order';

/** `field`: 'rules.<rule>.points', 'rules.<rule>.cap', 'perHour', 'thresholds.good', 'minimums.<key>', 'penalties.<severity>', 'effectiveFrom', 'note'. */
export interface SchemeProblem {
	field: string;
	problem: SchemeProblemKind;
}

export const MAX_SCHEME_NOTE = 200;

export function schemeFormValues(scheme: PointsScheme): SchemeFormValues {
	const service = scheme.rules['residence-service'];
	return {
		rules: Object.fromEntries(
			RULE_KEYS.map((key) => {
				const rule = scheme.rules[key];
				return [
					key,
					{ points: String(rule.points), cap: rule.cap === null ? '' : String(rule.cap) }
				];
			})
		) as SchemeFormValues['rules'],
		perHour: String(service.perHour ?? 0),
		afterHours: String(service.afterHours ?? 0),
		thresholds: {
			good: String(scheme.thresholds.good),
			fairlyGood: String(scheme.thresholds.fairlyGood),
			average: String(scheme.thresholds.average)
		},
		gates: {
			notReported: scheme.gates.notReported,
			minimums: scheme.gates.minimums,
			breach: gateOn(scheme, 'breach'),
			feedback: gateOn(scheme, 'feedback')
		},
		penalties: Object.fromEntries(
			BREACH_SEVERITY_KEYS.map((key) => [key, String(penaltiesOf(scheme)[key])])
		) as SchemeFormValues['penalties'],
		minimums: {
			...(Object.fromEntries(
				MINIMUM_COUNT_KEYS.map((key) => [key, String(scheme.minimums[key])])
			) as Record<MinimumCountKey, string>),
			branchActivities: scheme.minimums.branchActivities
		},
		effectiveFrom: scheme.effectiveFrom,
		note: scheme.note ?? ''
	};
}

/**
 * The next version from the form, after `latest` (the newest version, or the default at 0); or
 * every problem found, each with its field.
 */
export function schemeFromForm(
	values: SchemeFormValues,
	context: { latest: PointsScheme; author: string; now: Date }
): { ok: true; scheme: PointsScheme } | { ok: false; problems: SchemeProblem[] } {
	const problems: SchemeProblem[] = [];
	const whole = (field: string, text: string, min: number, max: number): number => {
		const trimmed = text.trim();
		if (trimmed === '') {
			problems.push({ field, problem: 'required' });
			return 0;
		}
		if (!/^-?\d+$/.test(trimmed)) {
			problems.push({ field, problem: 'not-integer' });
			return 0;
		}
		const value = Number(trimmed);
		if (value < min || value > max) problems.push({ field, problem: 'out-of-range' });
		return value;
	};

	const rules = Object.fromEntries(
		RULE_KEYS.map((key) => {
			const form = values.rules[key];
			const points = whole(`rules.${key}.points`, form.points, -100, 100);
			const cap = form.cap.trim() === '' ? null : whole(`rules.${key}.cap`, form.cap, 1, 1000);
			return [key, { points, cap }];
		})
	) as PointsScheme['rules'];
	rules['residence-service'] = {
		...rules['residence-service'],
		perHour: whole('perHour', values.perHour, 0, 100),
		afterHours: whole('afterHours', values.afterHours, 0, 24)
	};

	const thresholds = {
		good: whole('thresholds.good', values.thresholds.good, 0, 1000),
		fairlyGood: whole('thresholds.fairlyGood', values.thresholds.fairlyGood, 0, 1000),
		average: whole('thresholds.average', values.thresholds.average, 0, 1000)
	};
	const thresholdProblems = problems.some((p) => p.field.startsWith('thresholds.'));
	if (!thresholdProblems && thresholds.fairlyGood >= thresholds.good) {
		problems.push({ field: 'thresholds.fairlyGood', problem: 'order' });
	} else if (!thresholdProblems && thresholds.average >= thresholds.fairlyGood) {
		problems.push({ field: 'thresholds.average', problem: 'order' });
	}

	const minimums = {
		...(Object.fromEntries(
			MINIMUM_COUNT_KEYS.map((key) => [key, whole(`minimums.${key}`, values.minimums[key], 0, 100)])
		) as Record<MinimumCountKey, number>),
		branchActivities: values.minimums.branchActivities
	};

	const penalties = Object.fromEntries(
		BREACH_SEVERITY_KEYS.map((key) => [
			key,
			whole(`penalties.${key}`, values.penalties[key], -100, 0)
		])
	) as Penalties;
	const penaltyProblems = problems.some((p) => p.field.startsWith('penalties.'));
	// A severer breach never costs fewer points.
	if (!penaltyProblems && penalties.serious > penalties.minor) {
		problems.push({ field: 'penalties.serious', problem: 'penalty-order' });
	} else if (!penaltyProblems && penalties.severe > penalties.serious) {
		problems.push({ field: 'penalties.severe', problem: 'penalty-order' });
	}

	const { latest } = context;
	const effectiveFrom = values.effectiveFrom.trim();
	if (effectiveFrom === '') problems.push({ field: 'effectiveFrom', problem: 'required' });
	else if (!isDateOfYear(effectiveFrom, latest.year)) {
		problems.push({ field: 'effectiveFrom', problem: 'outside-year' });
	} else if (effectiveFrom < latest.effectiveFrom) {
		problems.push({ field: 'effectiveFrom', problem: 'before-latest' });
	}

	const note = values.note.trim();
	if (note.length > MAX_SCHEME_NOTE) problems.push({ field: 'note', problem: 'too-long' });

	if (problems.length > 0) return { ok: false, problems };
	const version = latest.version + 1;
	return {
		ok: true,
		scheme: {
			id: pointsSchemeId(latest.orgId, latest.year, version),
			kind: 'points-scheme',
			orgId: latest.orgId,
			year: latest.year,
			version,
			effectiveFrom,
			rules,
			thresholds,
			gates: { ...values.gates },
			minimums,
			penalties,
			...(note ? { note } : {}),
			author: context.author,
			updatedAt: context.now.toISOString(),
			channels: [PUBLIC_CHANNEL]
		}
	};
}
