import type { Member, ReportsDoc, ReviewsDoc } from '../domain/registry';
import { shanghaiYear } from '../domain/calendar/shanghai-calendar';
import { branchStandings, type BranchStanding } from '../domain/points/branch-standings';
import {
	standingOf,
	targetsOf,
	type MemberStanding,
	type Targets
} from '../domain/points/member-standing';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { orgById } from './directory';
import { observe } from './observe.svelte';
import { plainDocs } from './plain-docs';
import { storedSchemes } from './points-schemes.svelte';
import { judgingDocs, memberFeedback } from './judging-docs';
import type { Feedback } from '../domain/feedback/community-feedback';

type Doc = { kind?: unknown; memberId?: unknown };

/**
 * Every member's standing this year in a branch, as its secretary's device holds the documents:
 * points, grade (projected), R12 and R13 — by the same `standingOf` as the member's phone and the
 * worker — with the at-risk reasons and the branch's targets. Recomputed once per change of the
 * documents, with the documents indexed by member once (200 members × 40 records stay cheap).
 */
export function observeBranchStandings(branchId: () => string) {
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
				.$.pipe(plainDocs<ReportsDoc>()),
		[]
	);
	const reviews = observe(
		() =>
			device.db.reviews
				.find({ selector: { branchId: branchId() } })
				.$.pipe(plainDocs<ReviewsDoc>()),
		[]
	);
	const schemes = observe(() => storedSchemes(device.db), []);
	const judging = observe(() => judgingDocs(device.db, { branchId: branchId() }), []);
	const byId = $derived.by(() => {
		const now = currentTime();
		return branchStandings(
			members.current,
			branch.current?.linkedCommunityId,
			{
				reports: reports.current,
				reviews: reviews.current,
				schemes: schemes.current,
				evaluations: judging.current
			},
			shanghaiYear(now),
			now
		);
	});
	const all = $derived([...byId.values()]);
	const targets = $derived<Targets>(
		targetsOf(
			all.map(({ standing }) => ({ effective: standing.effective, grade: standing.grade.grade }))
		)
	);
	return {
		get all(): BranchStanding[] {
			return all;
		},
		of(memberId: string): BranchStanding | undefined {
			return byId.get(memberId);
		},
		get targets(): Targets {
			return targets;
		}
	};
}

/** One member's standing this year, for the secretary's detail of that member. Live. */
export function observeMemberStanding(member: () => Member) {
	const device = signedInDevice();
	const branch = observe(() => orgById(device.db, member().branchId), null);
	const reports = observe(
		() =>
			device.db.reports
				.find({ selector: { memberId: member().id } })
				.$.pipe(plainDocs<ReportsDoc>()),
		[]
	);
	const reviews = observe(
		() =>
			device.db.reviews
				.find({ selector: { memberId: member().id } })
				.$.pipe(plainDocs<ReviewsDoc>()),
		[]
	);
	const schemes = observe(() => storedSchemes(device.db), []);
	const judging = observe(() => judgingDocs(device.db, { memberId: member().id }), []);
	const feedback = observe(() => memberFeedback(device.db, member().id), []);
	const standing = $derived.by((): MemberStanding => {
		const now = currentTime();
		const memberReviews: readonly Doc[] = reviews.current;
		return standingOf(
			member(),
			branch.current?.linkedCommunityId,
			{
				reports: reports.current,
				reviews: memberReviews,
				schemes: schemes.current,
				evaluations: judging.current
			},
			shanghaiYear(now),
			now
		);
	});
	return {
		get current(): MemberStanding {
			return standing;
		},
		/** The communities' year-end feedback on the member (R21), newest year first. */
		get feedback(): Feedback[] {
			return feedback.current;
		}
	};
}
