import {
	reportId,
	type Community,
	type Member,
	type Org,
	type Report,
	type ReportKind,
	type ReportsDoc,
	type Review,
	type ReviewsDoc
} from '../domain/registry';
import {
	ReportIndex,
	type MemberReporting,
	type ReportingState
} from '../domain/reporting/member-reporting';
import { reportToSubmit } from '../domain/reporting/report-drafts';
import { currentTime } from './clock';
import type { BaodaoDatabase } from './database';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgById } from './directory';
import { writeChecked } from './local-write';
import { observe } from './observe.svelte';
import { plainDoc, plainDocsOfKind } from './plain-docs';
import { isReport } from '../domain/reporting/reports';
import { isReview } from '../domain/reporting/reviews';
import { moveResidence } from './residence';
import type { WriteOutcome } from './write-outcome';

/**
 * One member's profile, branch and both reports, and the communities they may report to, live
 * from the replica. Call it during component initialisation (it subscribes with `$effect`).
 */
export function observeMemberReporting(memberId: () => string) {
	const device = signedInDevice();
	const member = observe(
		() => device.db.members.findOne(memberId()).$.pipe(plainDoc<Member>()),
		null
	);
	const branch = observe(() => {
		const branchId = member.current?.branchId;
		return branchId ? orgById(device.db, branchId) : null;
	}, null);
	const reports = observe(
		() =>
			device.db.reports
				.find({ selector: { memberId: memberId() } })
				.$.pipe(plainDocsOfKind<ReportsDoc, Report>(isReport)),
		[]
	);
	const reviews = observe(
		() =>
			device.db.reviews
				.find({ selector: { memberId: memberId() } })
				.$.pipe(plainDocsOfKind<ReviewsDoc, Review>(isReview)),
		[]
	);
	const communities = observe(() => communitiesWhere(device.db), []);
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
		},
		get communities(): Community[] {
			return communities.current;
		}
	};
}

export interface ReportSubmission {
	member: Member;
	kind: ReportKind;
	/** Where the report stands now. */
	reporting: ReportingState;
	communityId: string;
	note: string;
	/** The member's branch: a unit report is checked against its linked community. */
	branch: Org | null;
}

/** Submitting the signed-in member's reports. Call during component initialisation. */
export function reportActions() {
	const device = signedInDevice();
	return {
		submitReport: (submission: ReportSubmission): Promise<WriteOutcome> => {
			const { member, kind, reporting, communityId, note, branch } = submission;
			const now = currentTime();
			// A returned report sent again to the same community is its next submission.
			const returned =
				reporting.state === 'returned' && reporting.communityId === communityId
					? reporting.report
					: null;
			return device.write(async (db, actor) => {
				// Reporting to another community means the member lives there now.
				if (kind === 'residence') await moveResidence(db, actor, member.id, communityId, now);
				const existing =
					returned ?? (await storedReport(db, reportId(member.id, kind, communityId)));
				await writeChecked(
					db,
					'reports',
					actor,
					reportToSubmit({ member, kind, communityId, existing, note, now }),
					kind === 'unit' ? branch : null
				);
			});
		}
	};
}

async function storedReport(db: BaodaoDatabase, id: string): Promise<Report | null> {
	const stored = (await db.reports.findOne(id).exec())?.toMutableJSON();
	return stored && isReport(stored) ? stored : null;
}
