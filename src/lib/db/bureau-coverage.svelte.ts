import {
	coverageByBranch,
	sumCoverage,
	type BranchCoverage,
	type Coverage
} from '../domain/reporting/coverage';
import type { Member, Report, Review } from '../domain/registry';
import { ReportIndex } from '../domain/reporting/member-reporting';
import { signedInDevice } from './device-context.svelte';
import { orgsWhere } from './directory';
import { observe } from './observe.svelte';
import { plainDocs } from './plain-docs';

/** Residence-reporting coverage of every branch of a bureau, and its total, live. */
export function observeBureauCoverage(orgId: () => string) {
	const device = signedInDevice();
	const branches = observe(() => orgsWhere(device.db, { kind: 'branch', parentId: orgId() }), []);
	const members = observe(
		() => device.db.members.find({ selector: { orgId: orgId() } }).$.pipe(plainDocs<Member>()),
		[]
	);
	const reports = observe(
		() => device.db.reports.find({ selector: { orgId: orgId() } }).$.pipe(plainDocs<Report>()),
		[]
	);
	const reviews = observe(
		() => device.db.reviews.find({ selector: { orgId: orgId() } }).$.pipe(plainDocs<Review>()),
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
