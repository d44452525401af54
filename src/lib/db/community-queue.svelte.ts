import type {
	Community,
	Contact,
	Member,
	Org,
	Report,
	ReportsDoc,
	Review,
	ReviewsDoc
} from '../domain/registry';
import { reviewOf, type ReviewInput } from '../domain/reporting/report-drafts';
import { isReview } from '../domain/reporting/reviews';
import { withStatuses, type ReportStatus } from '../domain/reporting/report-status';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { communityById, orgById, orgsWhere } from './directory';
import { ownFields, writeChecked } from './local-write';
import { observe } from './observe.svelte';
import { plainDocs, plainDocsOfKind } from './plain-docs';
import { isReport } from '../domain/reporting/reports';
import type { WriteOutcome } from './write-outcome';
import { contactDoc, contactDocs } from './contact-docs';

export interface QueueEntry {
	report: Report;
	status: ReportStatus;
}

/**
 * The reports to one community with their derived status: what its staff still have to decide,
 * and what they decided. Call during component initialisation.
 */
export function observeCommunityQueue(communityId: () => string) {
	const device = signedInDevice();
	const community = observe(() => communityById(device.db, communityId()), null);
	const reports = observe(
		() =>
			device.db.reports
				.find({
					selector: { communityId: communityId() },
					sort: [{ submittedAt: 'asc' }]
				})
				.$.pipe(plainDocsOfKind<ReportsDoc, Report>(isReport)),
		[]
	);
	const reviews = observe(
		() =>
			device.db.reviews
				.find({ selector: { communityId: communityId() } })
				.$.pipe(plainDocsOfKind<ReviewsDoc, Review>(isReview)),
		[]
	);
	const entries = $derived<QueueEntry[]>(withStatuses(reports.current, reviews.current));
	const waiting = $derived(entries.filter((e) => e.status.state === 'waiting'));
	const decided = $derived(entries.filter((e) => e.status.state !== 'waiting').reverse());
	return {
		get community(): Community | null {
			return community.current;
		},
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

/** A member who reported to the community, as its staff see them. */
export interface Resident {
	entry: QueueEntry;
	branchName: string;
	/** Held only for members living in the community (a unit report brings no contact). */
	contact: Contact | null;
	skills: string[];
}

/** Everyone who reported to one community, with their branch, phone and skills, live. */
export function observeResidents(communityId: () => string) {
	const device = signedInDevice();
	const queue = observeCommunityQueue(communityId);
	const contacts = observe(() => device.db.contacts.find().$.pipe(contactDocs()), []);
	const branches = observe(() => orgsWhere(device.db), []);
	const members = observe(() => device.db.members.find().$.pipe(plainDocs<Member>()), []);
	const residents = $derived(
		queue.all.map((entry): Resident => ({
			entry,
			branchName: branches.current.find((b) => b.id === entry.report.branchId)?.name ?? '',
			contact: contacts.current.find((c) => c.memberId === entry.report.memberId) ?? null,
			skills: members.current.find((m) => m.id === entry.report.memberId)?.skills ?? []
		}))
	);
	return {
		get all(): Resident[] {
			return residents;
		}
	};
}

/**
 * What staff see beside one report (or service record, correction): the member's branch and, if
 * they live here, their phone.
 */
export function observeReportDetail(report: () => Pick<Report, 'branchId' | 'memberId'>) {
	const device = signedInDevice();
	const branch = observe(() => orgById(device.db, report().branchId), null);
	// Staff see the phone of members living in their community; the contact replicates to them.
	const contact = observe(
		() => device.db.contacts.findOne(report().memberId).$.pipe(contactDoc()),
		null
	);
	return {
		get branch(): Org | null {
			return branch.current;
		},
		get contact(): Contact | null {
			return contact.current;
		}
	};
}

/** Deciding reports as the signed-in staff member. Call during component initialisation. */
export function reviewActions() {
	const device = signedInDevice();
	return {
		decideReport: (report: Report, input: ReviewInput): Promise<WriteOutcome> => {
			const subject = ownFields(report);
			return device.write((db, actor) =>
				writeChecked(
					db,
					'reviews',
					actor,
					reviewOf(subject, actor.username, input, currentTime()),
					subject
				)
			);
		}
	};
}
