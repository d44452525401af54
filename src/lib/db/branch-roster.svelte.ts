import type { Member, Notice, Org, Report, Review } from '../domain/registry';
import { addState, EMPTY_COVERAGE, type Coverage } from '../domain/reporting/coverage';
import { ReportIndex, type MemberReporting } from '../domain/reporting/member-reporting';
import type { BaodaoDatabase } from './database';
import { observe } from './observe.svelte';
import { plainDoc, plainDocs } from './plain-docs';

export interface RosterEntry {
	member: Member;
	reporting: MemberReporting;
	/** Reminders the branch has sent this member, newest first. */
	reminders: Notice[];
}

/** A branch's members with both reports each, its coverage and its reminders, live. */
export function observeBranchRoster(database: () => BaodaoDatabase, branchId: () => string) {
	const branch = observe(() => database().orgs.findOne(branchId()).$.pipe(plainDoc<Org>()), null);
	const members = observe(
		() =>
			database()
				.members.find({ selector: { branchId: branchId() }, sort: [{ id: 'asc' }] })
				.$.pipe(plainDocs<Member>()),
		[]
	);
	const reports = observe(
		() =>
			database()
				.reports.find({ selector: { branchId: branchId() } })
				.$.pipe(plainDocs<Report>()),
		[]
	);
	const reviews = observe(
		() =>
			database()
				.reviews.find({ selector: { branchId: branchId() } })
				.$.pipe(plainDocs<Review>()),
		[]
	);
	const reminders = observe(
		() =>
			database()
				.notices.find({
					selector: { kind: 'reminder', branchId: branchId() },
					sort: [{ createdAt: 'desc' }]
				})
				.$.pipe(plainDocs<Notice>()),
		[]
	);
	const entries = $derived.by((): RosterEntry[] => {
		const index = new ReportIndex(reports.current, reviews.current);
		const linked = branch.current?.linkedCommunityId;
		return members.current.map((member) => ({
			member,
			reporting: index.reportingOf(member, linked),
			reminders: reminders.current.filter((n) => n.memberId === member.id)
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
		}
	};
}
