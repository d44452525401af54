import { withChannels } from '../access/write-policy';
import { shanghaiToday } from '../ledger/agreement-state';
import { isCalendarDay } from '../ledger/ledger-pair';
import {
	decisionIdOf,
	MAX_BREACH_EVIDENCE,
	MAX_DESCRIPTION,
	MAX_GROUNDS,
	MAX_RESPONSE_EVIDENCE,
	MAX_STATEMENT,
	responseIdOf
} from './breach-fields';
import type { BreachDecision, BreachOutcome } from './breach-decisions';
import type { BreachResponse } from './breach-responses';
import { breachId, type Breach } from './breaches';
import type { BreachRule, BreachSeverity } from './breach-status';

/*
 * The breach documents people write (R20), built the one way the gateway accepts (ids, the
 * copied case, channels, `by`), and the problems of form input found before anything is written,
 * so the screen can say what to fix. Each problem's message is `conduct.problem.<problem>`.
 */

export type BreachProblem =
	| 'member-missing'
	| 'rule-missing'
	| 'occurredOn-missing'
	| 'occurredOn-future'
	| 'description-missing'
	| 'description-too-long'
	| 'evidence-too-many'
	| 'statement-missing'
	| 'statement-too-long'
	| 'decided'
	| 'outcome-missing'
	| 'severity-missing'
	| 'grounds-missing'
	| 'grounds-too-long';

export type BreachDraft<T> = { ok: true; doc: T } | { ok: false; problems: BreachProblem[] };

/** Who writes, and when. */
export interface BreachWriter {
	by: string;
	now: Date;
}

/** A member as the community knows them: from their report to it. */
export interface KnownMember {
	memberId: string;
	memberName: string;
	branchId: string;
	orgId: string;
}

export interface BreachInput {
	member: KnownMember | null;
	communityId: string;
	rule: BreachRule | '';
	occurredOn: string;
	description: string;
	evidence: readonly string[];
}

function textProblems(
	text: string,
	max: number,
	missing: BreachProblem,
	tooLong: BreachProblem
): BreachProblem[] {
	if (!text.trim()) return [missing];
	return text.trim().length > max ? [tooLong] : [];
}

function result<T>(problems: BreachProblem[], doc: () => T): BreachDraft<T> {
	return problems.length > 0 ? { ok: false, problems } : { ok: true, doc: doc() };
}

/** A new breach report; `suffix` (newBreachSuffix) makes its id. */
export function breachDraft(
	input: BreachInput,
	writer: BreachWriter,
	suffix: string
): BreachDraft<Breach> {
	const problems: BreachProblem[] = [];
	if (!input.member) problems.push('member-missing');
	if (!input.rule) problems.push('rule-missing');
	if (!isCalendarDay(input.occurredOn)) problems.push('occurredOn-missing');
	else if (input.occurredOn > shanghaiToday(writer.now)) problems.push('occurredOn-future');
	problems.push(
		...textProblems(
			input.description,
			MAX_DESCRIPTION,
			'description-missing',
			'description-too-long'
		)
	);
	if (input.evidence.length > MAX_BREACH_EVIDENCE) problems.push('evidence-too-many');
	const { member, rule } = input;
	if (!member || !rule) return { ok: false, problems };
	return result(problems, () =>
		withChannels('evaluations', {
			id: breachId(member.memberId, suffix),
			kind: 'breach' as const,
			memberId: member.memberId,
			memberName: member.memberName,
			branchId: member.branchId,
			orgId: member.orgId,
			communityId: input.communityId,
			year: Number(input.occurredOn.slice(0, 4)),
			rule,
			occurredOn: input.occurredOn,
			description: input.description.trim(),
			evidence: [...input.evidence],
			by: writer.by,
			createdAt: writer.now.toISOString(),
			channels: []
		})
	);
}

/** The member's response to a breach, new or changed, while the breach is undecided. */
export function responseDraft(
	breach: Breach,
	decided: boolean,
	input: { statement: string; evidence: readonly string[] },
	writer: BreachWriter
): BreachDraft<BreachResponse> {
	const problems: BreachProblem[] = decided ? ['decided'] : [];
	problems.push(
		...textProblems(input.statement, MAX_STATEMENT, 'statement-missing', 'statement-too-long')
	);
	if (input.evidence.length > MAX_RESPONSE_EVIDENCE) problems.push('evidence-too-many');
	return result(problems, () =>
		withChannels('evaluations', {
			id: responseIdOf(breach.id),
			kind: 'breach-response' as const,
			breachId: breach.id,
			memberId: breach.memberId,
			branchId: breach.branchId,
			orgId: breach.orgId,
			communityId: breach.communityId,
			year: breach.year,
			statement: input.statement.trim(),
			evidence: [...input.evidence],
			by: writer.by,
			respondedAt: writer.now.toISOString(),
			channels: []
		})
	);
}

/** The office's decision: confirmed with a severity, or dismissed; grounds either way. */
export function decisionDraft(
	breach: Breach,
	decided: boolean,
	input: { outcome: BreachOutcome | ''; severity: BreachSeverity | ''; grounds: string },
	writer: BreachWriter
): BreachDraft<BreachDecision> {
	const problems: BreachProblem[] = decided ? ['decided'] : [];
	if (!input.outcome) problems.push('outcome-missing');
	if (input.outcome === 'confirmed' && !input.severity) problems.push('severity-missing');
	problems.push(...textProblems(input.grounds, MAX_GROUNDS, 'grounds-missing', 'grounds-too-long'));
	const { outcome, severity } = input;
	if (!outcome) return { ok: false, problems };
	return result(problems, () =>
		withChannels('evaluations', {
			id: decisionIdOf(breach.id),
			kind: 'breach-decision' as const,
			breachId: breach.id,
			memberId: breach.memberId,
			branchId: breach.branchId,
			orgId: breach.orgId,
			communityId: breach.communityId,
			year: breach.year,
			outcome,
			...(outcome === 'confirmed' && severity ? { severity } : {}),
			grounds: input.grounds.trim(),
			by: writer.by,
			decidedAt: writer.now.toISOString(),
			channels: []
		})
	);
}
