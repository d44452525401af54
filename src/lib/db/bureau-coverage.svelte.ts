import {
	coverageByBranch,
	sumCoverage,
	type BranchCoverage,
	type Coverage
} from '../domain/reporting/coverage';
import type { Member, Org, Report, Review } from '../domain/registry';
import { ReportIndex } from '../domain/reporting/member-reporting';
import type { BaodaoDatabase } from './database';
import { observe } from './observe.svelte';
import { plainDocs } from './plain-docs';

/** Residence-reporting coverage of every branch of a bureau, and its total, live. */
export function observeBureauCoverage(database: () => BaodaoDatabase, orgId: () => string) {
	const branches = observe(
		() =>
			database()
				.orgs.find({ selector: { kind: 'branch', parentId: orgId() } })
				.$.pipe(plainDocs<Org>()),
		[]
	);
	const members = observe(
		() =>
			database()
				.members.find({ selector: { orgId: orgId() } })
				.$.pipe(plainDocs<Member>()),
		[]
	);
	const reports = observe(
		() =>
			database()
				.reports.find({ selector: { orgId: orgId() } })
				.$.pipe(plainDocs<Report>()),
		[]
	);
	const reviews = observe(
		() =>
			database()
				.reviews.find({ selector: { orgId: orgId() } })
				.$.pipe(plainDocs<Review>()),
		[]
	);
	const rows = $derived(
		coverageByBranch(
			branches.current,
			members.current,
			new ReportIndex(reports.current, reviews.current)
		)
	);
	const total = $derived(sumCoverage(rows.map((r) => r.coverage)));
	return {
		get rows(): BranchCoverage[] {
			return rows;
		},
		get total(): Coverage {
			return total;
		}
	};
}
