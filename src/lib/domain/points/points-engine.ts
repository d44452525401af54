import { shanghaiYear } from '../calendar/shanghai-calendar';
import type { BreachRule, BreachSeverity, ConfirmedBreach } from '../conduct/breach-status';
import type { Feedback } from '../feedback/community-feedback';
import { ReportIndex, type ReportingState } from '../reporting/member-reporting';
import type { Report } from '../reporting/reports';
import type { Review } from '../reporting/reviews';
import type { RecordView } from '../records/record-status';
import type { ServiceCategory } from '../records/service-record';
import {
	penaltiesOf,
	schemeInForce,
	schemeVersions,
	type Minimums,
	type PointsScheme,
	type RuleKey
} from './points-scheme';

/** Why a source scored what it did. */
export type LineNote =
	| 'counted'
	/** The rule's cap for the year was reached: 0 points. */
	| 'cap-reached'
	/** No rule applies (e.g. general service outside the residence community): 0 points. */
	| 'no-rule'
	/** A confirmed discipline breach (R20): the scheme's penalty for its severity. */
	| 'penalty';

/** What a line scores under: a rule of the scheme, or the penalties of confirmed breaches. */
export type LineRule = RuleKey | 'breach';

export type LineSource =
	| { collection: 'reports'; id: string; kind: 'service-record' | 'report' }
	| { collection: 'evaluations'; id: string; kind: 'breach' };

/** One source of points (a record, a report or a confirmed breach) under one rule: the most specific. */
export interface PointLine {
	rule: LineRule | null;
	source: LineSource;
	/** For a breach: its severity and the rule of conduct broken, to show beside the penalty. */
	breach?: { severity: BreachSeverity; rule: BreachRule };
	/** When it counts: the service's time, the report's confirmation, the breach's day. */
	at: string;
	/** Of which `bonus` for hours beyond the rule's `afterHours`. */
	points: number;
	bonus: number;
	note: LineNote;
	/** The cap that applied (the rule's, of the version in force at `at`). */
	cap: number | null;
	/** The scheme version whose rule scored it. */
	schemeVersion: number;
	description: string;
}

/** Counts of approved records by what the gates and targets ask (R12, R16, R8). */
export interface YearCounts {
	residenceServices: number;
	projectsOrPosts: number;
	lectures: number;
	microWishes: number;
	communityActivities: number;
	ethnicUnity: number;
	partyDay: number;
	/** Records of the year not yet approved (waiting, flagged): not counted until they are. */
	waiting: number;
	/** Of those, how many would count towards each yearly minimum once approved. */
	waitingFor?: Partial<Record<keyof Minimums, number>>;
}

export interface PointsResult {
	year: number;
	total: number;
	/** Every source, counted or not, in time order. */
	lines: PointLine[];
	counts: YearCounts;
	/** The residence report is confirmed (R10): the "not reported" gate. */
	reported: boolean;
	/** The member's confirmed breaches of the year: the breach gates. */
	breaches: ConfirmedBreach[];
	/** The communities' year-end feedback on the member this year: the feedback gate. */
	feedback: Feedback[];
}

export interface PointsInputs {
	member: { id: string; orgId: string; residenceCommunityId?: string };
	/** The member's branch's linked community: where the unit report goes (none: no unit report). */
	linkedCommunityId?: string;
	/** The member's reports and the community's reviews of them. */
	reports: readonly Report[];
	reviews: readonly Review[];
	/** The member's record views (record-status.ts); only approved ones of `year` score. */
	views: readonly RecordView[];
	/** The bureau's schemes (any; the year's versions are chosen). */
	schemes: readonly PointsScheme[];
	year: number;
	/** Confirmed breaches (breach-status.ts); only the member's of `year` count. */
	breaches?: readonly ConfirmedBreach[];
	/** Communities' feedback; only the member's of `year` counts. */
	feedback?: readonly Feedback[];
}

/** The rule of a category, most specific first; general service scores only where the member lives. */
const RULE_OF_CATEGORY: Partial<Record<ServiceCategory, RuleKey>> = {
	emergency: 'emergency',
	'lecture-given': 'lecture',
	'micro-wish': 'micro-wish',
	project: 'project-post',
	post: 'project-post',
	'ethnic-unity': 'ethnic-unity',
	'party-day': 'party-day',
	community: 'community-activity'
};

/** The one rule a record scores under (null: none applies). */
export function ruleOfRecord(
	view: Pick<RecordView, 'record' | 'effective'>,
	residenceCommunityId: string | undefined
): RuleKey | null {
	const specific = RULE_OF_CATEGORY[view.record.category];
	if (specific) return specific;
	return residenceCommunityId !== undefined && view.effective.communityId === residenceCommunityId
		? 'residence-service'
		: null;
}

/** Which yearly minimum a record of a category counts towards, if any. */
function minimumOf(view: Pick<RecordView, 'record'>): keyof Minimums | null {
	switch (view.record.category) {
		case 'project':
		case 'post':
			return 'projectsOrPosts';
		case 'lecture-given':
			return 'lectures';
		case 'micro-wish':
			return 'microWishes';
		case 'community':
			return 'communityActivities';
		case 'ethnic-unity':
		case 'party-day':
			return view.record.hostBranchId === view.record.branchId ? 'branchActivities' : null;
		default:
			return null;
	}
}

interface Source {
	rule: LineRule | null;
	source: LineSource;
	at: string;
	minutes: number;
	description: string;
	breach?: PointLine['breach'];
}

/** A breach counts on the day it happened (noon in Shanghai, so the day is the same everywhere). */
function breachSource(breach: ConfirmedBreach): Source {
	return {
		rule: 'breach',
		source: { collection: 'evaluations', id: breach.breachId, kind: 'breach' },
		at: breach.occurredOn ? `${breach.occurredOn}T12:00:00+08:00` : breach.decidedAt,
		minutes: 0,
		description: breach.description,
		breach: { severity: breach.severity, rule: breach.rule }
	};
}

function reportSource(state: ReportingState, rule: RuleKey, year: number): Source[] {
	if (state.state !== 'confirmed') return [];
	// Reporting is a standing, not a yearly act: confirmed by the year's end, it counts that year.
	if (shanghaiYear(state.review.decidedAt) > year) return [];
	return [
		{
			rule,
			source: { collection: 'reports', id: state.report.id, kind: 'report' },
			at: state.review.decidedAt,
			minutes: 0,
			description: ''
		}
	];
}

const STATES_NOT_WAITING = new Set(['approved', 'withdrawn', 'returned']);

/**
 * A member's points of a year: every approved record of the year and every confirmed report, each
 * under its most specific rule of the version in force at its date, counted in time order against
 * that version's cap; every source a line, scoring or not, so each figure has its reasons.
 */
export function computePoints(inputs: PointsInputs): PointsResult {
	const { member, year } = inputs;
	const versions = schemeVersions(inputs.schemes, member.orgId, year);
	const index = new ReportIndex(inputs.reports, inputs.reviews);
	const residence = index.stateOf(member.id, 'residence', member.residenceCommunityId);
	const unit = index.stateOf(member.id, 'unit', inputs.linkedCommunityId);
	const ofYear = inputs.views.filter((v) => shanghaiYear(v.effective.at) === year);
	const approved = ofYear.filter((v) => v.state === 'approved');

	const residenceLine = reportSource(residence, 'residence-report', year);
	const breaches = (inputs.breaches ?? []).filter(
		(b) => b.memberId === member.id && b.year === year
	);
	const feedback = (inputs.feedback ?? []).filter(
		(f) => f.memberId === member.id && f.year === year
	);
	const sources: Source[] = [
		...residenceLine,
		...reportSource(unit, 'unit-report', year),
		...approved.map((v) => ({
			rule: ruleOfRecord(v, member.residenceCommunityId),
			source: { collection: 'reports' as const, id: v.record.id, kind: 'service-record' as const },
			at: v.effective.at,
			minutes: v.effective.minutes,
			description: v.effective.description
		})),
		...breaches.map(breachSource)
	].sort(
		// Instants may carry any zone: compare the times, not the text.
		(a, b) => Date.parse(a.at) - Date.parse(b.at) || a.source.id.localeCompare(b.source.id)
	);

	const counted = new Map<RuleKey, number>();
	const lines = sources.map((s): PointLine => {
		const scheme = schemeInForce(versions, s.at);
		const base = { rule: s.rule, source: s.source, at: s.at, description: s.description };
		const line = { ...base, schemeVersion: scheme.version };
		if (s.breach) {
			const points = penaltiesOf(scheme)[s.breach.severity];
			return { ...line, breach: s.breach, points, bonus: 0, note: 'penalty', cap: null };
		}
		if (!s.rule || s.rule === 'breach') {
			return { ...line, points: 0, bonus: 0, note: 'no-rule', cap: null };
		}
		const rule = scheme.rules[s.rule];
		const sofar = counted.get(s.rule) ?? 0;
		if (rule.cap !== null && sofar >= rule.cap) {
			return { ...line, points: 0, bonus: 0, note: 'cap-reached', cap: rule.cap };
		}
		counted.set(s.rule, sofar + 1);
		const beyond = Math.max(0, s.minutes - (rule.afterHours ?? 0) * 60);
		const bonus = rule.perHour ? rule.perHour * Math.floor(beyond / 60) : 0;
		return { ...line, points: rule.points + bonus, bonus, note: 'counted', cap: rule.cap };
	});

	const count = (views: readonly RecordView[], minimum: keyof Minimums) =>
		views.filter((v) => minimumOf(v) === minimum).length;
	const inResidence = (v: RecordView) =>
		member.residenceCommunityId !== undefined &&
		v.effective.communityId === member.residenceCommunityId;
	const ofCategory = (category: ServiceCategory) =>
		approved.filter((v) => v.record.category === category && minimumOf(v) === 'branchActivities')
			.length;
	const waiting = ofYear.filter((v) => !STATES_NOT_WAITING.has(v.state));
	const waitingFor: Partial<Record<keyof Minimums, number>> = {};
	for (const v of waiting) {
		const minimums = [inResidence(v) ? 'residenceServices' : null, minimumOf(v)] as const;
		for (const minimum of minimums) {
			if (minimum) waitingFor[minimum] = (waitingFor[minimum] ?? 0) + 1;
		}
	}

	return {
		year,
		total: lines.reduce((sum, line) => sum + line.points, 0),
		lines,
		counts: {
			residenceServices: approved.filter(inResidence).length,
			projectsOrPosts: count(approved, 'projectsOrPosts'),
			lectures: count(approved, 'lectures'),
			microWishes: count(approved, 'microWishes'),
			communityActivities: count(approved, 'communityActivities'),
			ethnicUnity: ofCategory('ethnic-unity'),
			partyDay: ofCategory('party-day'),
			waiting: waiting.length,
			waitingFor
		},
		reported: residenceLine.length > 0,
		breaches,
		feedback
	};
}
