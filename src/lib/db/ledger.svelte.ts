import { map } from 'rxjs';
import type { ActivitiesDoc, Member, Org, ReportsDoc, ReviewsDoc } from '../domain/registry';
import { shanghaiYear } from '../domain/calendar/shanghai-calendar';
import { GOOD_DEEDS_TARGET } from '../domain/ledger/good-deeds';
import type { LedgerDoc } from '../domain/ledger/ledger-docs';
import { ledgerMatches, type LedgerMatch } from '../domain/ledger/ledger-matches';
import type { LedgerPair } from '../domain/ledger/ledger-pair';
import {
	branchLedgerStandings,
	ledgerCoverage,
	type BranchLedgerStanding,
	type LedgerCoverage
} from '../domain/ledger/ledger-standing';
import { ledgerView, type LedgerView } from '../domain/ledger/ledger-view';
import { isServiceItem, type ServiceItem } from '../domain/marketplace/service-items';
import { isServiceRecord, type ServiceRecord } from '../domain/records/service-record';
import { isBranchReport } from '../domain/reporting/branch-reports';
import { isReview } from '../domain/reporting/reviews';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgsWhere } from './directory';
import { ledgerChoices, type LedgerChoice } from './ledger-pairs';
import { observe } from './observe.svelte';
import { plainDocs, plainDocsOfKind } from './plain-docs';

/*
 * The co-building ledger (R3–R7, R19) as its screens read it: which pairs the person may open,
 * and one pair's ledger of a year, live from the replica. What people change in it is in
 * ledger-actions.ts.
 */

/** The ledgers the signed-in person may open (ledger-pairs.ts), live; call during component init. */
export function observeLedgerChoices(): {
	readonly ready: boolean;
	readonly choices: LedgerChoice[];
} {
	const device = signedInDevice();
	const branches = observe<Org[] | null>(() => orgsWhere(device.db, { kind: 'branch' }), null);
	const communities = observe(() => communitiesWhere(device.db), []);
	const choices = $derived(
		branches.current ? ledgerChoices(device.actor, branches.current, communities.current) : []
	);
	return {
		get ready() {
			return branches.current !== null;
		},
		get choices() {
			return choices;
		}
	};
}

/**
 * One pair's ledger of a year (ledger-view.ts), live; null while there is no pair or before the
 * replica has answered. Call during component initialisation.
 */
export function observeLedgerView(
	pair: () => LedgerPair | null,
	year: () => number
): { readonly current: LedgerView | null } {
	const device = signedInDevice();
	const docs = observe<{ pair: LedgerPair; docs: LedgerDoc[] } | null>(() => {
		const asked = pair();
		if (!asked) return null;
		const { branchId, communityId } = asked;
		return device.db.ledger.find({ selector: { branchId, communityId } }).$.pipe(
			plainDocs<LedgerDoc>(),
			map((found) => ({ pair: asked, docs: found }))
		);
	}, null);
	const view = $derived.by(() => {
		const asked = pair();
		const held = docs.current;
		// Until the new pair's documents arrive, the previous pair's are not shown as its.
		if (!asked || !held || held.pair.branchId !== asked.branchId) return null;
		return ledgerView(held.docs, asked, year(), currentTime());
	});
	return {
		get current() {
			return view;
		}
	};
}

/** A need or a project of the community: what may have delivered a list item (R4). */
function isLinkable(doc: ActivitiesDoc): doc is ServiceItem {
	const held = doc as { kind?: unknown };
	return isServiceItem(held) && (held.kind === 'need' || held.kind === 'project');
}

/**
 * What a pair's list items may be linked to, as this device holds it: the linked community's
 * marketplace needs and projects and the service records of the
 * branch's members in that community; and the branch's members, whom the matches suggest.
 */
export function observeLedgerLinks(pair: () => LedgerPair) {
	const device = signedInDevice();
	const items = observe(
		() =>
			device.db.activities.find({ selector: { communityId: pair().communityId } }).$.pipe(
				plainDocs<ActivitiesDoc>(),
				map((docs) => docs.filter(isLinkable))
			),
		[]
	);
	const records = observe(
		() =>
			device.db.reports
				.find({
					selector: { branchId: pair().branchId, kind: 'service-record' }
				})
				.$.pipe(
					plainDocs<ReportsDoc>(),
					map((docs) => docs.filter(isServiceRecord))
				),
		[]
	);
	const members = observe(
		() =>
			device.db.members
				.find({ selector: { branchId: pair().branchId } })
				.$.pipe(plainDocs<Member>()),
		[]
	);
	const services = $derived(
		[...items.current].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
	);
	// Where the branch served its linked community, latest first.
	const served = $derived(
		records.current
			.filter((record) => record.communityId === pair().communityId && !record.withdrawn)
			.sort((a, b) => b.at.localeCompare(a.at))
	);
	return {
		get serviceItems(): ServiceItem[] {
			return services;
		},
		get records(): ServiceRecord[] {
			return served;
		},
		get members(): Member[] {
			return members.current;
		},
		serviceItem(id: string): ServiceItem | null {
			return items.current.find((item) => item.id === id) ?? null;
		},
		record(id: string): ServiceRecord | null {
			return records.current.find((record) => record.id === id) ?? null;
		}
	};
}

export type LedgerLinks = ReturnType<typeof observeLedgerLinks>;

/**
 * R19: the pair's open needs (the ledger's, and the community's marketplace needs) matched with
 * its resources and the branch's members, best first, with what each match rests on.
 */
export function matchesOf(links: LedgerLinks, lists: LedgerView['lists']): LedgerMatch[] {
	const marketNeeds = links.serviceItems.filter((item) => item.kind === 'need');
	return ledgerMatches([...lists.needs, ...marketNeeds], lists.resources, links.members);
}

/** One branch of the office's overview: its directory entry and where its ledger stands. */
export interface LedgerOverviewRow {
	branch: Org;
	standing: BranchLedgerStanding;
	target: typeof GOOD_DEEDS_TARGET;
}

/**
 * The office's overview of its bureau's ledgers (R1–R6): per branch the linked community, the
 * branch report, agreement, seat and good deeds of this year, and the branch reporting coverage,
 * from what the office holds through its `bureau:` channels. Live; call during component init.
 */
export function observeLedgerOverview(orgId: () => string) {
	const device = signedInDevice();
	const branches = observe(() => orgsWhere(device.db, { kind: 'branch', parentId: orgId() }), []);
	const communities = observe(() => communitiesWhere(device.db, { kind: 'community' }), []);
	const docs = observe(
		() => device.db.ledger.find({ selector: { orgId: orgId() } }).$.pipe(plainDocs<LedgerDoc>()),
		[]
	);
	const reports = observe(
		() =>
			device.db.reports
				.find({ selector: { orgId: orgId(), kind: 'branch-report' } })
				.$.pipe(
					plainDocsOfKind<ReportsDoc, Extract<ReportsDoc, { kind: 'branch-report' }>>(
						isBranchReport
					)
				),
		[]
	);
	const reviews = observe(
		() =>
			device.db.reviews.find({ selector: { orgId: orgId() } }).$.pipe(
				plainDocs<ReviewsDoc>(),
				map((found) => found.filter(isReview))
			),
		[]
	);
	const standings = $derived.by(() => {
		const now = currentTime();
		return branchLedgerStandings({
			orgId: orgId(),
			orgs: branches.current,
			ledgerDocs: docs.current,
			branchReports: reports.current,
			reviews: reviews.current,
			year: shanghaiYear(now),
			now
		});
	});
	const rows = $derived(
		standings.flatMap((standing): LedgerOverviewRow[] => {
			const branch = branches.current.find((org) => org.id === standing.branchId);
			return branch ? [{ branch, standing, target: GOOD_DEEDS_TARGET }] : [];
		})
	);
	const coverage = $derived(ledgerCoverage(standings));
	return {
		get rows(): LedgerOverviewRow[] {
			return rows;
		},
		get coverage(): LedgerCoverage {
			return coverage;
		},
		communityName(id: string): string {
			return communities.current.find((community) => community.id === id)?.name ?? id;
		}
	};
}
