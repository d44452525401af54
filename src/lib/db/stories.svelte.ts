import { combineLatest, map } from 'rxjs';
import { grantsOf, hasRole, type Actor } from '../domain/access/roles';
import type { Community, EvaluationDoc, Org } from '../domain/registry';
import { isStory, type Story, type StoryAuthorRole } from '../domain/stories/stories';
import { isStoryReview, storyReviewId, type StoryReview } from '../domain/stories/story-reviews';
import {
	publishedStories,
	reviewQueue,
	storyStanding,
	type PublishedEntry,
	type StoryStanding
} from '../domain/stories/story-state';
import { signedInDevice } from './device-context.svelte';
import { communitiesWhere, orgsWhere } from './directory';
import { observe } from './observe.svelte';
import { plainDocsOfKind } from './plain-docs';

/*
 * Stories of service (R22) as their screens read them, live from the replica: the published ones
 * (every member's device holds them, offline too), the person's own with where each stands, and
 * the office's queue. What people change is in stories-actions.ts.
 */

/** A story of one's own, with the office's review of it. */
export interface OwnStory {
	story: Story;
	review: StoryReview | null;
	standing: StoryStanding;
}

/** Who the signed-in person writes stories as; null when they do not write any (office, admin). */
export interface StoryAuthorship {
	role: StoryAuthorRole;
	communityId?: string;
	/** The bureau that reviews it; a community's staff choose (empty until they do). */
	orgId: string;
	/** The name shown with the story, to begin with: the person's, or the community's. */
	authorName: string;
}

export function authorshipOf(
	actor: Actor,
	displayName: string,
	communities: readonly Community[]
): StoryAuthorship | null {
	if (hasRole(actor, 'secretary') && actor.orgId) {
		return { role: 'secretary', orgId: actor.orgId, authorName: displayName };
	}
	if (hasRole(actor, 'member') && actor.orgId) {
		return { role: 'member', orgId: actor.orgId, authorName: displayName };
	}
	const [staff] = grantsOf(actor.roles, 'community_staff');
	if (!staff) return null;
	const community = communities.find((c) => c.id === staff.communityId);
	return {
		role: 'community',
		communityId: staff.communityId,
		orgId: '',
		authorName: community?.name ?? displayName
	};
}

/**
 * The bureaus a community's staff may send a story to: those of the branches linked to the
 * community (whose members serve there); every bureau when none is linked yet.
 */
export function bureausFor(communityId: string | undefined, orgs: readonly Org[]): Org[] {
	const bureaus = orgs.filter((org) => org.kind === 'bureau');
	if (!communityId) return bureaus;
	const linked = orgs
		.filter((org) => org.kind === 'branch' && org.linkedCommunityId === communityId)
		.map((org) => org.parentId);
	const near = bureaus.filter((bureau) => linked.includes(bureau.id));
	return near.length > 0 ? near : bureaus;
}

function byStory(reviews: readonly StoryReview[]): Map<string, StoryReview> {
	return new Map(reviews.map((review) => [review.storyId, review]));
}

/** The published stories this device holds, newest first, live; call during component init. */
export function observePublishedStories(): { readonly current: PublishedEntry[] | null } {
	const device = signedInDevice();
	return observe<PublishedEntry[] | null>(
		() =>
			device.db.evaluations
				.find({ selector: { kind: 'story-review', verdict: 'published' } })
				.$.pipe(
					plainDocsOfKind<EvaluationDoc, StoryReview>(isStoryReview),
					map((reviews) => publishedStories(reviews))
				),
		null
	);
}

/** The signed-in person's own stories, newest change first, live; call during init. */
export function observeOwnStories(): { readonly current: OwnStory[] | null } {
	const device = signedInDevice();
	return observe<OwnStory[] | null>(() => {
		const author = device.actor.username;
		return combineLatest([
			device.db.evaluations
				.find({ selector: { kind: 'story', author } })
				.$.pipe(plainDocsOfKind<EvaluationDoc, Story>(isStory)),
			device.db.evaluations
				.find({ selector: { kind: 'story-review', author } })
				.$.pipe(plainDocsOfKind<EvaluationDoc, StoryReview>(isStoryReview))
		]).pipe(
			map(([stories, reviews]) => {
				const reviewOf = byStory(reviews);
				return stories
					.map((story) => {
						const review = reviewOf.get(story.id) ?? null;
						return { story, review, standing: storyStanding(story, review) };
					})
					.sort((a, b) => b.story.updatedAt.localeCompare(a.story.updatedAt));
			})
		);
	}, null);
}

/** The office's work: stories waiting for it, and those it has published; call during init. */
export function observeOfficeStories(orgId: () => string | null): {
	readonly current: { queue: Story[]; published: OwnStory[] } | null;
} {
	const device = signedInDevice();
	return observe<{ queue: Story[]; published: OwnStory[] } | null>(() => {
		const org = orgId();
		if (!org) return null;
		return combineLatest([
			device.db.evaluations
				.find({ selector: { kind: 'story', orgId: org } })
				.$.pipe(plainDocsOfKind<EvaluationDoc, Story>(isStory)),
			device.db.evaluations
				.find({ selector: { kind: 'story-review', orgId: org } })
				.$.pipe(plainDocsOfKind<EvaluationDoc, StoryReview>(isStoryReview))
		]).pipe(
			map(([stories, reviews]) => {
				const reviewOf = byStory(reviews);
				const published = stories
					.flatMap((story) => {
						const review = reviewOf.get(story.id) ?? null;
						const standing = storyStanding(story, review);
						return standing.live ? [{ story, review, standing }] : [];
					})
					.sort((a, b) => (b.review?.reviewedAt ?? '').localeCompare(a.review?.reviewedAt ?? ''));
				return { queue: reviewQueue(stories, reviewOf), published };
			})
		);
	}, null);
}

/** Who the person writes as, and the bureaus a community's staff may pick; call during init. */
export function observeAuthorship(): {
	readonly current: StoryAuthorship | null;
	readonly bureaus: Org[];
} {
	const device = signedInDevice();
	const orgs = observe<Org[]>(() => orgsWhere(device.db), []);
	const communities = observe<Community[]>(() => communitiesWhere(device.db), []);
	const authorship = $derived(
		authorshipOf(device.actor, device.session.user.displayName, communities.current)
	);
	const bureaus = $derived(bureausFor(authorship?.communityId, orgs.current));
	return {
		get current() {
			return authorship;
		},
		get bureaus() {
			return bureaus;
		}
	};
}

/** A story and its review as this device holds them (either may be missing); call during init. */
export function observeStoryDetail(storyId: () => string): {
	readonly current: { story: Story | null; review: StoryReview | null } | null;
} {
	const device = signedInDevice();
	return observe<{ story: Story | null; review: StoryReview | null } | null>(() => {
		const id = storyId();
		return device.db.evaluations.findByIds([id, storyReviewId(id)]).$.pipe(
			map((found) => {
				const story = found.get(id)?.toMutableJSON() as Story | undefined;
				const review = found.get(storyReviewId(id))?.toMutableJSON() as StoryReview | undefined;
				return {
					story: story?.kind === 'story' ? story : null,
					review: review?.kind === 'story-review' ? review : null
				};
			})
		);
	}, null);
}
