import type { Story } from './stories';
import type { PublishedStory, StoryReview } from './story-reviews';

/** 草稿 · 待审核 · 已发布 · 已退回 · 已撤下 */
export type StoryState = 'draft' | 'waiting' | 'published' | 'returned' | 'unpublished';

export interface StoryStanding {
	state: StoryState;
	/** The office's reason, for a returned or taken-down story. */
	reason?: string;
	/** Whether a published copy is up (it stays while a changed story waits again). */
	live: boolean;
}

/** Where a story stands, from the office's review of it (if any). */
export function storyStanding(story: Story, review: StoryReview | null): StoryStanding {
	const live = review?.verdict === 'published';
	if (story.submittedAt === undefined) return { state: 'draft', live };
	if (!review || review.storySubmittedAt !== story.submittedAt) return { state: 'waiting', live };
	return {
		state: review.verdict,
		...(review.verdictReason ? { reason: review.verdictReason } : {}),
		live
	};
}

/** One published story, as lists show it. */
export interface PublishedEntry extends PublishedStory {
	storyId: string;
	orgId: string;
}

/** The published stories among reviews, newest first. */
export function publishedStories(reviews: readonly StoryReview[]): PublishedEntry[] {
	return reviews
		.flatMap((review) =>
			review.verdict === 'published' && review.publishedStory
				? [{ ...review.publishedStory, storyId: review.storyId, orgId: review.orgId }]
				: []
		)
		.sort(
			(a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.storyId.localeCompare(b.storyId)
		);
}

/** The stories waiting for the office, the longest-waiting first. */
export function reviewQueue(
	stories: readonly Story[],
	reviews: ReadonlyMap<string, StoryReview>
): Story[] {
	return stories
		.filter((story) => storyStanding(story, reviews.get(story.id) ?? null).state === 'waiting')
		.sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
}

/** A story's opening lines for a list: at most `max` characters, whole when short. */
export function excerptOf(body: string, max = 80): string {
	const flat = body.replace(/\s+/g, ' ').trim();
	return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
