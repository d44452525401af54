import { PUBLIC_CHANNEL } from '../access/channels';
import { isOfficeOf } from '../access/roles';
import { ACCEPT, reject, type Verdict } from '../access/write-verdict';
import { instantToShanghaiLocal } from '../calendar/shanghai-calendar';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import type { SubjectRef } from '../schema/subject-ref';

/** The scheme's rules (../shared/mission/points-default.md), each a source of points. */
export const RULE_KEYS = [
	'residence-report',
	'unit-report',
	'residence-service',
	'project-post',
	'lecture',
	'micro-wish',
	'community-activity',
	'ethnic-unity',
	'party-day',
	'emergency'
] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

export interface PointsRule {
	points: number;
	/** Most pieces counted a year; null: no cap. */
	cap: number | null;
	/** residence-service: +`perHour` for every full hour beyond `afterHours`. */
	perHour?: number;
	afterHours?: number;
}

export const GRADES = ['good', 'fairly-good', 'average', 'poor'] as const;
/** 好 · 较好 · 一般 · 差 */
export type Grade = (typeof GRADES)[number];

/** The yearly minimums whose gate caps the grade (R12, R16, R8). */
export interface Minimums {
	residenceServices: number;
	projectsOrPosts: number;
	lectures: number;
	microWishes: number;
	communityActivities: number;
	/** Both branch activities of R8 (ethnic-unity and party-day). */
	branchActivities: boolean;
}

/** The minimums counted in pieces (branchActivities is a yes/no). */
export const MINIMUM_COUNT_KEYS = [
	'residenceServices',
	'projectsOrPosts',
	'lectures',
	'microWishes',
	'communityActivities'
] as const satisfies readonly (keyof Minimums)[];
export type MinimumCountKey = (typeof MINIMUM_COUNT_KEYS)[number];

/** The gates that cap the grade (points-default.md); those added by issue 20 are optional. */
export interface SchemeGates {
	notReported: boolean;
	minimums: boolean;
	/** A confirmed breach caps at 一般, a severe one at 差. */
	breach?: boolean;
	/** A community's year-end feedback 差 caps at 一般. */
	feedback?: boolean;
}

export const BREACH_SEVERITY_KEYS = ['minor', 'serious', 'severe'] as const;
export type Penalties = Record<(typeof BREACH_SEVERITY_KEYS)[number], number>;

/** −10 to −30 by severity, no cap (points-default.md). */
export const DEFAULT_PENALTIES: Penalties = { minor: -10, serious: -20, severe: -30 };

/** The scheme's penalties, the default for a version stored without them. */
export function penaltiesOf(scheme: Pick<PointsScheme, 'penalties'>): Penalties {
	return scheme.penalties ?? DEFAULT_PENALTIES;
}

/** Whether a gate added by issue 20 holds under the scheme: on unless the office turned it off. */
export function gateOn(scheme: Pick<PointsScheme, 'gates'>, gate: 'breach' | 'feedback'): boolean {
	return scheme.gates[gate] !== false;
}

export interface PointsScheme {
	/** `pointsSchemeId(orgId, year, version)` */
	id: string;
	kind: 'points-scheme';
	orgId: string;
	year: number;
	/** 1, 2, …: each change is a new document (append-only), applying from `effectiveFrom`. */
	version: number;
	/** Shanghai date `YYYY-MM-DD`: service on or after it scores under this version. */
	effectiveFrom: string;
	rules: Record<RuleKey, PointsRule>;
	/** Lowest points of 好, 较好, 一般 (below: 差). */
	thresholds: { good: number; fairlyGood: number; average: number };
	/** Absent `breach`/`feedback` (a version stored before issue 20): on, as by default. */
	gates: SchemeGates;
	minimums: Minimums;
	/** Points of a confirmed breach by severity (R20), ≤ 0; absent: `DEFAULT_PENALTIES`. */
	penalties?: Penalties;
	/** Why the office changed it. ≤ 200 chars. */
	note?: string;
	author: string;
	updatedAt: string;
	channels: string[];
}

export function pointsSchemeId(orgId: string, year: number, version: number): string {
	return `points.${orgId}.${year}.v${version}`;
}

export function isPointsScheme(doc: { kind?: unknown }): doc is PointsScheme {
	return doc.kind === 'points-scheme';
}

/** The default of points-default.md for a bureau and year: version 0, from 1 January, author `system`. */
export function defaultScheme(orgId: string, year: number): PointsScheme {
	return {
		id: pointsSchemeId(orgId, year, 0),
		kind: 'points-scheme',
		orgId,
		year,
		version: 0,
		effectiveFrom: `${year}-01-01`,
		rules: {
			'residence-report': { points: 10, cap: 1 },
			'unit-report': { points: 5, cap: 1 },
			'residence-service': { points: 5, cap: 20, perHour: 1, afterHours: 2 },
			'project-post': { points: 5, cap: 4 },
			lecture: { points: 10, cap: 3 },
			'micro-wish': { points: 10, cap: 3 },
			'community-activity': { points: 5, cap: 6 },
			'ethnic-unity': { points: 5, cap: 1 },
			'party-day': { points: 5, cap: 1 },
			emergency: { points: 10, cap: null }
		},
		thresholds: { good: 90, fairlyGood: 70, average: 50 },
		gates: { notReported: true, minimums: true, breach: true, feedback: true },
		penalties: { ...DEFAULT_PENALTIES },
		minimums: {
			residenceServices: 4,
			projectsOrPosts: 1,
			lectures: 1,
			microWishes: 1,
			communityActivities: 1,
			branchActivities: true
		},
		author: 'system',
		updatedAt: `${year - 1}-12-31T16:00:00.000Z`,
		channels: [PUBLIC_CHANNEL]
	};
}

/** The bureau's versions of a year in order, the default first when the office made none from 1 January. */
export function schemeVersions(
	schemes: readonly PointsScheme[],
	orgId: string,
	year: number
): PointsScheme[] {
	const stored = schemes
		.filter((s) => s.orgId === orgId && s.year === year && s.version >= 1)
		.sort((a, b) => a.version - b.version);
	const fromNewYear = stored.some((s) => s.effectiveFrom <= `${year}-01-01`);
	return fromNewYear ? stored : [defaultScheme(orgId, year), ...stored];
}

/** A Shanghai date `YYYY-MM-DD` of a date or an instant. */
function shanghaiDate(at: string): string {
	return at.length === 10 ? at : instantToShanghaiLocal(at).slice(0, 10);
}

/**
 * The version in force on a Shanghai date (`YYYY-MM-DD`) or at an instant: the latest version
 * whose `effectiveFrom` has come; the first before any has (a report confirmed in an earlier year).
 */
export function schemeInForce(versions: readonly PointsScheme[], at: string): PointsScheme {
	const day = shanghaiDate(at);
	const first = versions[0];
	if (!first)
		throw new Error('schemeInForce needs at least one version (schemeVersions gives it).');
	return versions.reduce(
		(inForce, v) =>
			v.effectiveFrom <= day &&
			(v.effectiveFrom > inForce.effectiveFrom ||
				(v.effectiveFrom === inForce.effectiveFrom && v.version > inForce.version))
				? v
				: inForce,
		first
	);
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `date` is a real calendar day `YYYY-MM-DD` of `year`. */
export function isDateOfYear(date: string, year: number): boolean {
	const match = DATE_PATTERN.exec(date);
	if (!match) return false;
	const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
	const back = new Date(Date.UTC(y, m - 1, d));
	return y === year && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

/** Thresholds strictly falling from 好 to 一般, never below 0. */
export function thresholdsInOrder(t: PointsScheme['thresholds']): boolean {
	return t.good > t.fairlyGood && t.fairlyGood > t.average && t.average >= 0;
}

/** A severer breach never costs fewer points: minor ≥ serious ≥ severe, none above 0. */
export function penaltiesInOrder(p: Penalties): boolean {
	return p.minor <= 0 && p.serious <= p.minor && p.severe <= p.serious;
}

function previousOf(scheme: PointsScheme): SubjectRef {
	return {
		collection: 'directory',
		id: pointsSchemeId(scheme.orgId, scheme.year, scheme.version - 1)
	};
}

const rule = {
	type: 'object',
	properties: {
		points: { type: 'integer', minimum: -100, maximum: 100 },
		cap: { oneOf: [{ type: 'integer', minimum: 1, maximum: 1000 }, { type: 'null' }] },
		perHour: { type: 'integer', minimum: 0, maximum: 100 },
		afterHours: { type: 'integer', minimum: 0, maximum: 24 }
	},
	required: ['points', 'cap'],
	additionalProperties: false
} as const;

const penalty = { type: 'integer', minimum: -100, maximum: 0 } as const;

const minimumCount = { type: 'integer', minimum: 0, maximum: 100 } as const;
const threshold = { type: 'integer', minimum: 0, maximum: 1000 } as const;

function checkScheme(
	next: PointsScheme,
	related: (ref: SubjectRef) => Record<string, unknown> | null,
	relatedComplete: boolean
): Verdict {
	if (next.id !== pointsSchemeId(next.orgId, next.year, next.version)) {
		return reject('invalid', 'id');
	}
	if (!isDateOfYear(next.effectiveFrom, next.year)) return reject('invalid', 'effectiveFrom');
	if (!thresholdsInOrder(next.thresholds)) return reject('invalid', 'thresholds');
	if (next.penalties && !penaltiesInOrder(next.penalties)) return reject('invalid', 'penalties');
	if (next.version === 1) return ACCEPT;
	// Versions follow one another: v(n) only once v(n-1) exists, and never from an earlier day.
	const previous = related(previousOf(next)) as PointsScheme | null;
	if (!previous) return relatedComplete ? reject('invalid', 'version') : ACCEPT;
	if (previous.effectiveFrom > next.effectiveFrom) return reject('invalid', 'effectiveFrom');
	return ACCEPT;
}

/**
 * A bureau's points scheme of a year (kind `points-scheme` of `directory`): public reference data
 * every device scores with. Only the bureau's office writes it; a change is a new version (a new
 * document), so every figure stays explainable by the version in force when it was earned.
 */
export const pointsSchemes: KindDefinition<PointsScheme> = {
	name: 'points-scheme',
	kindValues: ['points-scheme'],
	schema: {
		title: 'points scheme',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['points-scheme'] },
			orgId: idRef,
			year: { type: 'integer', minimum: 2000, maximum: 2200 },
			version: { type: 'integer', minimum: 1, maximum: 1000 },
			effectiveFrom: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 },
			rules: {
				type: 'object',
				properties: Object.fromEntries(RULE_KEYS.map((key) => [key, rule])),
				required: [...RULE_KEYS],
				additionalProperties: false
			},
			thresholds: {
				type: 'object',
				properties: { good: threshold, fairlyGood: threshold, average: threshold },
				required: ['good', 'fairlyGood', 'average'],
				additionalProperties: false
			},
			gates: {
				type: 'object',
				properties: {
					notReported: { type: 'boolean' },
					minimums: { type: 'boolean' },
					breach: { type: 'boolean' },
					feedback: { type: 'boolean' }
				},
				required: ['notReported', 'minimums'],
				additionalProperties: false
			},
			penalties: {
				type: 'object',
				properties: { minor: penalty, serious: penalty, severe: penalty },
				required: [...BREACH_SEVERITY_KEYS],
				additionalProperties: false
			},
			minimums: {
				type: 'object',
				properties: {
					residenceServices: minimumCount,
					projectsOrPosts: minimumCount,
					lectures: minimumCount,
					microWishes: minimumCount,
					communityActivities: minimumCount,
					branchActivities: { type: 'boolean' }
				},
				required: [
					'residenceServices',
					'projectsOrPosts',
					'lectures',
					'microWishes',
					'communityActivities',
					'branchActivities'
				],
				additionalProperties: false
			},
			note: { type: 'string', maxLength: 200 },
			author: { type: 'string', minLength: 1, maxLength: 64 },
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'orgId',
			'year',
			'version',
			'effectiveFrom',
			'rules',
			'thresholds',
			'gates',
			'minimums',
			'author',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	// Reference data: everyone of the bureau scores with it, offline.
	channelsOf: () => [PUBLIC_CHANNEL],
	policy: ({ actor, prev, next, deleting, related, relatedComplete }) => {
		if (!isOfficeOf(actor, next.orgId)) return reject('forbidden');
		if (prev || deleting) return reject('append-only');
		if (next.author !== actor.username) return reject('not-owner');
		return checkScheme(next, related, relatedComplete);
	},
	relatedOf: (s) => (s.version > 1 ? [previousOf(s)] : [])
};
