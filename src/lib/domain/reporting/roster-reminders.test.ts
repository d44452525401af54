import { describe, expect, it } from 'vitest';
import type { Member, Notice, Report } from '../registry';
import { ReportIndex } from './member-reporting';
import { reminderFor } from './report-drafts';
import {
	aMember,
	confirm,
	giveBack,
	later,
	reported,
	T0
} from '../../../test-data/reporting-fixtures';
import { dueReminders, reminderStatus, topicStatus } from './roster-reminders';

describe('roster reminders', () => {
	const fresh = aMember('m1');
	const homeless = aMember('m2', { residenceCommunityId: undefined });
	const waiting = aMember('m3');
	const done = aMember('m4');
	const returned = aMember('m5');
	const [r3, r4, r5] = [waiting, done, returned].map((m) => reported(m)) as [
		Report,
		Report,
		Report
	];
	const index = new ReportIndex([r3, r4, r5], [confirm(r4), giveBack(r5)]);
	const entry = (member: Member, reminders: Notice[] = []) => ({
		member,
		reporting: index.reportingOf(member, 'cm1'),
		reminders
	});
	const sentAt = (member: Member, at: Date) =>
		reminderFor(member, 'report-residence', 'secretary1', at);

	it('asks members with something to do for it, and nobody who waits or is done', () => {
		expect(reminderStatus(entry(fresh), T0)).toEqual({
			topic: 'report-residence',
			sentToday: false
		});
		expect(reminderStatus(entry(homeless), T0)?.topic).toBe('report-residence');
		expect(reminderStatus(entry(returned), T0)?.topic).toBe('resubmit-residence');
		expect(reminderStatus(entry(waiting), T0)).toBeNull();
		expect(reminderStatus(entry(done), T0)).toBeNull();
	});

	it('knows a reminder was sent on the same Shanghai day, and not the day before', () => {
		const sent = sentAt(fresh, T0);
		expect(reminderStatus(entry(fresh, [sent]), later(60))?.sentToday).toBe(true);
		expect(reminderStatus(entry(fresh, [sent]), later(24 * 60))?.sentToday).toBe(false);
	});

	it('does not count a reminder about another topic', () => {
		expect(reminderStatus(entry(returned, [sentAt(returned, T0)]), T0)).toEqual({
			topic: 'resubmit-residence',
			sentToday: false
		});
	});

	it('reminds in one go exactly those due and not yet reminded today', () => {
		const entries = [
			entry(fresh),
			entry(homeless, [sentAt(homeless, T0)]),
			entry(waiting),
			entry(done),
			entry(returned)
		];
		const due = dueReminders(entries, later(5));
		expect(due.map(({ entry, topic }) => [entry.member.id, topic])).toEqual([
			['m1', 'report-residence'],
			['m5', 'resubmit-residence']
		]);
	});

	it('tells whether a topic chosen elsewhere was reminded of today, whatever the report', () => {
		const atRisk = reminderFor(done, 'serve-residence', 'secretary1', T0);
		expect(topicStatus(entry(done, [atRisk]), 'serve-residence', later(60))).toEqual({
			topic: 'serve-residence',
			sentToday: true
		});
		expect(topicStatus(entry(done, [atRisk]), 'raise-grade', later(60)).sentToday).toBe(false);
		expect(topicStatus(entry(done, [atRisk]), 'serve-residence', later(24 * 60)).sentToday).toBe(
			false
		);
	});

	it('never offers to remind the secretary herself', () => {
		const own = { ...entry(fresh), self: true };
		expect(reminderStatus(own, T0)).toBeNull();
		expect(dueReminders([own, entry(homeless)], T0).map((due) => due.entry.member.id)).toEqual([
			'm2'
		]);
	});
});
