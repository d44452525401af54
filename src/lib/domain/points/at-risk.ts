import type { ReminderTopic } from '../messages/notices';
import type { RiskReason } from './grade-terms';

/*
 * Who is behind (R11), as the secretary's list shows it: the members at risk, each with one
 * reminder about what matters most.
 */

/** The order reasons are shown and weighed in: serving at home first, since the gates follow it. */
export const RISK_ORDER: readonly RiskReason[] = ['r12', 'r16', 'r8', 'grade'];

const TOPIC_OF: Record<RiskReason, ReminderTopic> = {
	r12: 'serve-residence',
	r16: 'yearly-duties',
	r8: 'yearly-duties',
	grade: 'raise-grade'
};

/**
 * The one reminder to send a member at risk: the topic of the first reason in `RISK_ORDER`, since
 * a reminder a day per topic is allowed and one tap should not bury the member in notices.
 */
export function reminderTopicOf(risks: readonly RiskReason[]): ReminderTopic | null {
	const first = RISK_ORDER.find((reason) => risks.includes(reason));
	return first ? TOPIC_OF[first] : null;
}

/** Members at risk with their reasons in `RISK_ORDER`: the most reasons first, then by name. */
export function atRiskList<T extends { name: string; risks: readonly RiskReason[] }>(
	members: readonly T[]
): T[] {
	return members
		.filter((member) => member.risks.length > 0)
		.map((member) => ({
			...member,
			risks: RISK_ORDER.filter((reason) => member.risks.includes(reason))
		}))
		.sort((a, b) => b.risks.length - a.risks.length || a.name.localeCompare(b.name, 'zh-CN'));
}
