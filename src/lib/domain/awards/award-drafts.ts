import { isCalendarDay } from '../ledger/ledger-pair';
import { hasText } from '../records/record-fragments';
import {
	awardId,
	awards,
	isAnnounced,
	outcomeId,
	MAX_NOMINEES,
	standingNominees,
	type Award,
	type AwardType,
	type Nominee
} from './awards';
import {
	isNoticeDays,
	noticeEndsAt,
	noticeEndsOn,
	noticePhase,
	type NoticePhase
} from './notice-period';
import {
	MAX_OUTCOME_NOTE,
	objectionOutcomes,
	type Objection,
	type ObjectionOutcome,
	type ObjectionOutcomeValue
} from './objections';

/** The office's steps with an award, as documents to write, or what to fix first. */

export type AwardProblem =
	| 'nominees-empty'
	| 'nominees-too-many'
	| 'nominee-duplicate'
	| 'citation-missing'
	| 'not-editable'
	| 'start-invalid'
	| 'days-invalid'
	| 'period-not-ended'
	| 'objections-unanswered'
	| 'not-upheld'
	| 'note-missing'
	| 'note-too-long'
	| 'wrong-state';

export type AwardDraft<T> = { ok: true; doc: T } | { ok: false; problems: AwardProblem[] };

export interface Writer {
	by: string;
	now: Date;
}

const fail = <T>(...problems: AwardProblem[]): AwardDraft<T> => ({ ok: false, problems });

function written(award: Award, writer: Writer): AwardDraft<Award> {
	const doc: Award = { ...award, by: writer.by, updatedAt: writer.now.toISOString() };
	return { ok: true, doc: { ...doc, channels: awards.channelsOf(doc) } };
}

function nomineeProblems(nominees: readonly Nominee[], needOne: boolean): AwardProblem[] {
	const problems: AwardProblem[] = [];
	if (needOne && nominees.length === 0) problems.push('nominees-empty');
	if (nominees.length > MAX_NOMINEES) problems.push('nominees-too-many');
	if (new Set(nominees.map((n) => n.memberId)).size !== nominees.length) {
		problems.push('nominee-duplicate');
	}
	if (nominees.some((n) => !hasText(n.citation))) problems.push('citation-missing');
	return problems;
}

/** A new draft, or the draft's nominees as the office adjusted them. */
export function draftAward(
	prev: Award | null,
	bureau: { orgId: string; orgName: string; year: number; type: AwardType },
	nominees: readonly Nominee[],
	writer: Writer
): AwardDraft<Award> {
	if (prev && prev.state !== 'draft') return fail('not-editable');
	const problems = nomineeProblems(nominees, false);
	if (problems.length) return fail(...problems);
	const base: Award = prev ?? {
		id: awardId(bureau.orgId, bureau.year, bureau.type),
		kind: 'award',
		orgId: bureau.orgId,
		orgName: bureau.orgName,
		year: bureau.year,
		awardType: bureau.type,
		nominees: [],
		state: 'draft',
		by: writer.by,
		updatedAt: writer.now.toISOString(),
		channels: []
	};
	return written({ ...base, nominees: nominees.map((n) => ({ ...n })) }, writer);
}

/** The office's meeting chose: the nominees are fixed for the announcement. */
export function decideAward(prev: Award, writer: Writer): AwardDraft<Award> {
	if (prev.state !== 'draft') return fail('wrong-state');
	const problems = nomineeProblems(prev.nominees, true);
	if (problems.length) return fail(...problems);
	return written({ ...prev, state: 'decided', decidedAt: writer.now.toISOString() }, writer);
}

/** Back to a draft before anything was announced. */
export function reopenAward(prev: Award, writer: Writer): AwardDraft<Award> {
	if (prev.state !== 'decided') return fail('wrong-state');
	const next: Award = { ...prev, state: 'draft' };
	delete next.decidedAt;
	return written(next, writer);
}

/** 公示: from a Shanghai day (past days allowed: a notice posted on paper) for `days` days. */
export function announceAward(
	prev: Award,
	terms: { startsOn: string; days: number },
	writer: Writer
): AwardDraft<Award> {
	if (prev.state !== 'decided') return fail('wrong-state');
	const problems: AwardProblem[] = [];
	if (!isCalendarDay(terms.startsOn)) problems.push('start-invalid');
	if (!isNoticeDays(terms.days)) problems.push('days-invalid');
	if (problems.length) return fail(...problems);
	return written(
		{
			...prev,
			state: 'announced',
			noticeStartsOn: terms.startsOn,
			noticeDays: terms.days,
			announcedAt: writer.now.toISOString()
		},
		writer
	);
}

/** Takes a nominee off the notice on an objection the office upheld. */
export function removeNominee(
	prev: Award,
	memberId: string,
	outcome: ObjectionOutcome,
	writer: Writer
): AwardDraft<Award> {
	if (prev.state !== 'announced') return fail('wrong-state');
	if (outcome.outcome !== 'upheld' || outcome.awardId !== prev.id) return fail('not-upheld');
	if (!standingNominees(prev).some((n) => n.memberId === memberId)) return fail('wrong-state');
	return written(
		{
			...prev,
			nominees: prev.nominees.filter((n) => n.memberId !== memberId),
			removals: [
				...(prev.removals ?? []),
				{ memberId, objectionId: outcome.objectionId, removedAt: writer.now.toISOString() }
			]
		},
		writer
	);
}

/** Where the notice stands, and what still keeps the office from publishing. */
export interface NoticeStatus {
	phase: NoticePhase;
	endsOn: string;
	endsAt: Date;
	objections: { objection: Objection; outcome: ObjectionOutcome | null }[];
	unanswered: number;
	blockers: AwardProblem[];
}

export function noticeStatus(
	award: Award,
	objections: readonly Objection[],
	outcomes: readonly ObjectionOutcome[],
	now: Date
): NoticeStatus | null {
	if (!isAnnounced(award) || !award.noticeStartsOn || !award.noticeDays) return null;
	const byId = new Map(outcomes.map((o) => [o.id, o]));
	const mine = objections
		.filter((o) => o.awardId === award.id)
		.sort((a, b) => objectionNumber(a.id) - objectionNumber(b.id))
		.map((objection) => ({ objection, outcome: byId.get(outcomeId(objection.id)) ?? null }));
	const unanswered = mine.filter((o) => !o.outcome).length;
	const phase = noticePhase(award.noticeStartsOn, award.noticeDays, now);
	const blockers: AwardProblem[] = [];
	if (phase !== 'ended') blockers.push('period-not-ended');
	if (unanswered > 0) blockers.push('objections-unanswered');
	return {
		phase,
		endsOn: noticeEndsOn(award.noticeStartsOn, award.noticeDays),
		endsAt: noticeEndsAt(award.noticeStartsOn, award.noticeDays),
		objections: mine,
		unanswered,
		blockers
	};
}

function objectionNumber(id: string): number {
	return Number(id.slice(id.lastIndexOf('.') + 1)) || 0;
}

/** The result stands: after the period, every objection answered. */
export function publishAward(prev: Award, status: NoticeStatus, writer: Writer): AwardDraft<Award> {
	if (prev.state !== 'announced') return fail('wrong-state');
	if (status.blockers.length) return fail(...status.blockers);
	return written(
		{
			...prev,
			state: 'published',
			objectionCount: status.objections.length,
			publishedAt: writer.now.toISOString()
		},
		writer
	);
}

/** The office's answer to an objection, with why. */
export function outcomeDraft(
	objection: Objection,
	outcome: ObjectionOutcomeValue,
	note: string,
	writer: Writer
): AwardDraft<ObjectionOutcome> {
	const text = note.trim();
	if (!text) return fail('note-missing');
	if (text.length > MAX_OUTCOME_NOTE) return fail('note-too-long');
	const doc: ObjectionOutcome = {
		id: outcomeId(objection.id),
		kind: 'objection-outcome',
		objectionId: objection.id,
		awardId: objection.awardId,
		orgId: objection.orgId,
		year: objection.year,
		outcome,
		outcomeNote: text,
		by: writer.by,
		decidedAt: writer.now.toISOString(),
		channels: []
	};
	return { ok: true, doc: { ...doc, channels: objectionOutcomes.channelsOf(doc) } };
}
