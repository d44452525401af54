import type {
	Member,
	Notice,
	ReminderTopic,
	Report,
	ReportsDoc,
	Review,
	ReviewsDoc
} from '../domain/registry';
import { addState, EMPTY_COVERAGE, type Coverage } from '../domain/reporting/coverage';
import { ReportIndex, type MemberReporting } from '../domain/reporting/member-reporting';
import { reminderFor } from '../domain/reporting/report-drafts';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgById } from './directory';
import { writeChecked } from './local-write';
import { observe } from './observe.svelte';
import { plainDocs, plainDocsOfKind } from './plain-docs';
import { isReport } from '../domain/reporting/reports';
import { isReview } from '../domain/reporting/reviews';
import type { WriteOutcome } from './write-outcome';

export interface RosterEntry {
	member: Member;
	reporting: MemberReporting;
	/** Reminders the branch has sent this member, newest first. */
	reminders: Notice[];
	/** The member is the signed-in secretary. */
	self: boolean;
}

/** A branch's members with both reports each, its coverage and its reminders, live. */
export function observeBranchRoster(branchId: () => string) {
	const device = signedInDevice();
	const branch = observe(() => orgById(device.db, branchId()), null);
	const members = observe(
		() =>
			device.db.members
				.find({ selector: { branchId: branchId() }, sort: [{ id: 'asc' }] })
				.$.pipe(plainDocs<Member>()),
		[]
	);
	const reports = observe(
		() =>
			device.db.reports
				.find({ selector: { branchId: branchId() } })
				.$.pipe(plainDocsOfKind<ReportsDoc, Report>(isReport)),
		[]
	);
	const reviews = observe(
		() =>
			device.db.reviews
				.find({ selector: { branchId: branchId() } })
				.$.pipe(plainDocsOfKind<ReviewsDoc, Review>(isReview)),
		[]
	);
	const reminders = observe(
		() =>
			device.db.notices
				.find({
					selector: { kind: 'reminder', branchId: branchId() },
					sort: [{ createdAt: 'desc' }]
				})
				.$.pipe(plainDocs<Notice>()),
		[]
	);
	const communities = observe(() => communitiesWhere(device.db), []);
	const entries = $derived.by((): RosterEntry[] => {
		const index = new ReportIndex(reports.current, reviews.current);
		const linked = branch.current?.linkedCommunityId;
		return members.current.map((member) => ({
			member,
			reporting: index.reportingOf(member, linked),
			reminders: reminders.current.filter((n) => n.memberId === member.id),
			self: member.id === device.actor.memberId
		}));
	});
	const coverage = $derived(
		entries.reduce((sum, e): Coverage => addState(sum, e.reporting.residence), EMPTY_COVERAGE)
	);
	return {
		get branch() {
			return branch.current;
		},
		get entries(): RosterEntry[] {
			return entries;
		},
		get coverage(): Coverage {
			return coverage;
		},
		communityName(id: string): string {
			return communities.current.find((c) => c.id === id)?.name ?? id;
		}
	};
}

/** A reminder a secretary sends a member, about one report. */
export interface Reminder {
	member: Member;
	topic: ReminderTopic;
}

/** Reminding a branch's members to report. Call during component initialisation. */
export function reminderActions() {
	const device = signedInDevice();
	/** Every reminder of one batch carries the same time. */
	const remindAll = (batch: readonly Reminder[]) =>
		device.write(async (db, actor) => {
			const at = currentTime();
			for (const { member, topic } of batch) {
				await writeChecked(
					db,
					'notices',
					actor,
					reminderFor(member, topic, actor.username, at),
					member
				);
			}
		});
	return {
		remindMember: (member: Member, topic: ReminderTopic): Promise<WriteOutcome> => {
			return remindAll([{ member, topic }]);
		},
		remindMembers: remindAll
	};
}
