import { reminderId, type ReminderTopic } from '../registry';
import type { MemberReporting } from './member-reporting';
import { reminderTopicFor } from './report-drafts';

/** A roster entry as far as reminding goes: who, where they stand, what they were sent. */
export interface Remindable {
	member: { id: string };
	reporting: MemberReporting;
	reminders: readonly { id: string }[];
	/** The entry is the person reminding: a secretary's own home tells her what to do. */
	self?: boolean;
}

export interface ReminderStatus {
	topic: ReminderTopic;
	/** Reminder ids are one per member, topic and day, so a second one today would be refused. */
	sentToday: boolean;
}

/** Whether the branch can remind the member of something now; null when they have nothing to do. */
export function reminderStatus(entry: Remindable, now: Date): ReminderStatus | null {
	if (entry.self) return null;
	const topic = reminderTopicFor(entry.reporting.residence);
	return topic ? topicStatus(entry, topic, now) : null;
}

/** Whether the member was reminded of a given topic today (e.g. one the at-risk list chose). */
export function topicStatus(
	entry: Pick<Remindable, 'member' | 'reminders'>,
	topic: ReminderTopic,
	now: Date
): ReminderStatus {
	const today = reminderId(entry.member.id, topic, now);
	return { topic, sentToday: entry.reminders.some((notice) => notice.id === today) };
}

/** The members to remind in one go: those with something to do who were not reminded today. */
export function dueReminders<T extends Remindable>(
	entries: readonly T[],
	now: Date
): { entry: T; topic: ReminderTopic }[] {
	return entries.flatMap((entry) => {
		const status = reminderStatus(entry, now);
		return status && !status.sentToday ? [{ entry, topic: status.topic }] : [];
	});
}
