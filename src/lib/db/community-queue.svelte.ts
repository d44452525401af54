import type { Report, Review } from '../domain/registry';
import { withStatuses, type ReportStatus } from '../domain/reporting/report-status';
import type { BaodaoDatabase } from './database';
import { observe } from './observe.svelte';
import { plainDocs } from './plain-docs';

export interface QueueEntry {
	report: Report;
	status: ReportStatus;
}

/**
 * The reports to one community with their derived status: what its staff still have to decide,
 * and what they decided. Call during component initialisation.
 */
export function observeCommunityQueue(database: () => BaodaoDatabase, communityId: () => string) {
	const reports = observe(
		() =>
			database()
				.reports.find({
					selector: { communityId: communityId() },
					sort: [{ submittedAt: 'asc' }]
				})
				.$.pipe(plainDocs<Report>()),
		[]
	);
	const reviews = observe(
		() =>
			database()
				.reviews.find({ selector: { communityId: communityId() } })
				.$.pipe(plainDocs<Review>()),
		[]
	);
	const entries = $derived<QueueEntry[]>(withStatuses(reports.current, reviews.current));
	const waiting = $derived(entries.filter((e) => e.status.state === 'waiting'));
	const decided = $derived(entries.filter((e) => e.status.state !== 'waiting').reverse());
	return {
		get waiting(): QueueEntry[] {
			return waiting;
		},
		get decided(): QueueEntry[] {
			return decided;
		},
		get all(): QueueEntry[] {
			return entries;
		}
	};
}
