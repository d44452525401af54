import { shanghaiYear } from '../domain/calendar/shanghai-calendar';
import { isApproval, type Approval } from '../domain/records/approvals';
import { isCorrection } from '../domain/records/corrections';
import { missedCheckIns } from '../domain/records/missed-check-ins';
import {
	recordHistory,
	recordViews,
	type HistoryStep,
	type RecordDocs,
	type RecordView
} from '../domain/records/record-status';
import { isServiceRecord } from '../domain/records/service-record';
import { standingOf, type MemberStanding } from '../domain/points/member-standing';
import { isReview } from '../domain/reporting/reviews';
import type { PointsScheme } from '../domain/points/points-scheme';
import type { Activity, Community, Member, Org, ReportsDoc, ReviewsDoc } from '../domain/registry';
import { activityDocs } from './activity-docs';
import { attendanceRecords } from './attendance-docs';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgById } from './directory';
import { observe } from './observe.svelte';
import { plainDoc, plainDocs } from './plain-docs';
import { storedSchemes } from './points-schemes.svelte';
import { judgingDocs, memberFeedback } from './judging-docs';
import type { Feedback } from '../domain/feedback/community-feedback';
import { map } from 'rxjs';

/** The documents of a member's records as one member's device holds them, told apart by kind. */
export function recordDocsOf(
	reports: readonly ReportsDoc[],
	reviews: readonly ReviewsDoc[]
): RecordDocs {
	return {
		records: reports.filter(isServiceRecord),
		corrections: reports.filter(isCorrection),
		reviews: reviews.filter(isReview),
		approvals: reviews.filter((doc): doc is Approval => 'kind' in doc && isApproval(doc))
	};
}

/** Documents as `standingOf` takes them: any kind, told apart inside. */
const anyKind = (docs: readonly object[]) => docs as readonly { kind?: unknown }[];

/**
 * One member's service records of every year with their states, reasons and histories, their
 * points and grade of the current year (`standingOf`, as the worker and the secretary compute
 * them), and what a new record may cite, live from the replica. Call during component
 * initialisation.
 */
export function observeMyRecords(memberId: () => string) {
	const device = signedInDevice();
	const member = observe(
		() => device.db.members.findOne(memberId()).$.pipe(plainDoc<Member>()),
		null
	);
	const branch = observe(() => {
		const id = member.current?.branchId;
		return id ? orgById(device.db, id) : null;
	}, null);
	const reports = observe(
		() =>
			device.db.reports
				.find({ selector: { memberId: memberId() } })
				.$.pipe(plainDocs<ReportsDoc>()),
		[]
	);
	const reviews = observe(
		() =>
			device.db.reviews
				.find({ selector: { memberId: memberId() } })
				.$.pipe(plainDocs<ReviewsDoc>()),
		[]
	);
	const schemes = observe(() => {
		const orgId = member.current?.orgId;
		return orgId ? storedSchemes(device.db, { orgId }) : null;
	}, []);
	const judging = observe(() => judgingDocs(device.db, { memberId: memberId() }), []);
	const feedback = observe(() => memberFeedback(device.db, memberId()), []);
	const communities = observe(() => communitiesWhere(device.db), []);
	const activities = observe(() => device.db.activities.find().$.pipe(activityDocs()), []);
	const checkedIn = observe(
		() =>
			device.db.attendance.find({ selector: { memberId: memberId(), kind: 'in' } }).$.pipe(
				attendanceRecords(),
				map((docs) => docs.map((doc) => doc.activityId))
			),
		[]
	);

	const docs = $derived(recordDocsOf(reports.current, reviews.current));
	const views = $derived(recordViews(docs));
	const byId = $derived(Object.fromEntries(views.map((view) => [view.record.id, view])));
	const names = $derived(Object.fromEntries(communities.current.map((c) => [c.id, c.name])));
	/** The residence community first, then the branch's linked one. */
	const communityIds = $derived(
		[member.current?.residenceCommunityId, branch.current?.linkedCommunityId].filter(
			(id, index, ids): id is string => id !== undefined && ids.indexOf(id) === index
		)
	);
	const year = $derived(shanghaiYear(currentTime()));
	const standing = $derived.by((): MemberStanding | null => {
		const profile = member.current;
		if (!profile) return null;
		return standingOf(
			profile,
			branch.current?.linkedCommunityId,
			{
				reports: anyKind(reports.current),
				reviews: anyKind(reviews.current),
				schemes: schemes.current,
				evaluations: judging.current
			},
			year,
			currentTime()
		);
	});

	return {
		get member(): Member | null {
			return member.current;
		},
		get branch(): Org | null {
			return branch.current;
		},
		/** The year the standing is of: the current one in Shanghai. */
		get year(): number {
			return year;
		},
		/** Every record of the member, newest service first. */
		get views(): RecordView[] {
			return views;
		},
		view(id: string): RecordView | null {
			return byId[id] ?? null;
		},
		/** Who did what to a record, when and why. */
		history(view: RecordView): HistoryStep[] {
			return recordHistory(view, docs);
		},
		get standing(): MemberStanding | null {
			return standing;
		},
		/** The communities' year-end feedback on the member, every year the device holds. */
		get feedback(): Feedback[] {
			return feedback.current;
		},
		/** The bureau's points schemes (every version this device holds). */
		get schemes(): PointsScheme[] {
			return schemes.current;
		},
		/** The member's communities: residence, then the branch's linked one. */
		get communityIds(): string[] {
			return communityIds;
		},
		/** Every community of the directory, for a record of service elsewhere. */
		get communities(): Community[] {
			return communities.current;
		},
		/** An arrow: screens hand it to components. */
		communityName: (id: string): string => names[id] ?? id,
		/** Activities a missed check-in may cite (补录签到). */
		missed(now: Date): Activity[] {
			return missedCheckIns(
				activities.current,
				{ communityIds, checkedIn: checkedIn.current, records: docs.records },
				now
			);
		}
	};
}
