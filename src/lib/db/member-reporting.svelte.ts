import type { Member, Org, Report, Review } from '../domain/registry';
import { ReportIndex, type MemberReporting } from '../domain/reporting/member-reporting';
import type { BaodaoDatabase } from './database';
import { observe } from './observe.svelte';
import { plainDoc, plainDocs } from './plain-docs';

/**
 * One member's profile, branch and both reports, live from the replica. Call it during component
 * initialisation (it subscribes with `$effect`).
 */
export function observeMemberReporting(database: () => BaodaoDatabase, memberId: () => string) {
	const member = observe(
		() => database().members.findOne(memberId()).$.pipe(plainDoc<Member>()),
		null
	);
	const branch = observe(() => {
		const branchId = member.current?.branchId;
		return branchId ? database().orgs.findOne(branchId).$.pipe(plainDoc<Org>()) : null;
	}, null);
	const reports = observe(
		() =>
			database()
				.reports.find({ selector: { memberId: memberId() } })
				.$.pipe(plainDocs<Report>()),
		[]
	);
	const reviews = observe(
		() =>
			database()
				.reviews.find({ selector: { memberId: memberId() } })
				.$.pipe(plainDocs<Review>()),
		[]
	);
	const reporting = $derived.by((): MemberReporting | null => {
		const profile = member.current;
		if (!profile) return null;
		return new ReportIndex(reports.current, reviews.current).reportingOf(
			profile,
			branch.current?.linkedCommunityId
		);
	});
	return {
		get member(): Member | null {
			return member.current;
		},
		get branch(): Org | null {
			return branch.current;
		},
		get reporting(): MemberReporting | null {
			return reporting;
		}
	};
}
