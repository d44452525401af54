import { PUBLIC_CHANNEL } from '../access/channels';
import { isOfficeOf } from '../access/roles';
import { ACCEPT, changedField, reject, type Verdict } from '../access/write-verdict';
import { summaryYear } from '../evaluation/summary-schema';
import { hasText } from '../records/record-fragments';
import { compositeId, idRef, instant } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import {
	authorNameField,
	storyBodyField,
	storyCategoryField,
	storyChannels,
	storyPhotosField,
	storyTitleField,
	type Story,
	type StoryCategory
} from './stories';

/** What the office made of a story: published, returned to the author, or taken down again. */
export type StoryVerdict = 'published' | 'returned' | 'unpublished';
export const STORY_VERDICTS = ['published', 'returned', 'unpublished'] as const;

/**
 * The copy the office publishes: what the public page and every member's app show. A copy, not
 * the story, so the author's later changes reach nobody until the office publishes them again.
 */
export interface PublishedStory {
	title: string;
	body: string;
	category: StoryCategory;
	photos: string[];
	/** The author's name as it may be shown. */
	authorName: string;
	publishedAt: string;
}

/**
 * The office's review of a story (R22): one per story, which the office of the story's bureau
 * keeps up to date — publish, return with a reason, unpublish with a reason. Published, it
 * carries the published copy and reaches everyone (`public`).
 */
export interface StoryReview {
	id: string;
	kind: 'story-review';
	storyId: string;
	/** Copied from the story: the review travels in its channels. */
	year: number;
	orgId: string;
	author: string;
	verdict: StoryVerdict;
	/** Why it was returned or taken down; the author reads it. */
	verdictReason?: string;
	/** The sending of the story the review decided (the story's `submittedAt`). */
	storySubmittedAt: string;
	publishedStory?: PublishedStory;
	by: string;
	reviewedAt: string;
	channels: string[];
}

export const STORY_REASON_MAX = 500;

/** Whether a document of `evaluations` is the office's review of a story. */
export function isStoryReview(doc: { kind?: unknown }): doc is StoryReview {
	return doc.kind === 'story-review';
}

export function storyReviewId(storyId: string): string {
	return `${storyId}.review`;
}

const COPIED_FIELDS = ['orgId', 'author', 'year'] as const;
const FIXED_FIELDS = ['storyId', ...COPIED_FIELDS] as const;
const PUBLISHED_FIELDS = ['title', 'body', 'category', 'photos', 'authorName'] as const;

/** A published copy is the story as sent, word for word. */
function checkCopy(next: StoryReview, story: Record<string, unknown>): Verdict {
	const copy = next.publishedStory;
	if (!copy) return reject('invalid', 'publishedStory');
	const differs = PUBLISHED_FIELDS.find(
		(field) => JSON.stringify(copy[field]) !== JSON.stringify(story[field])
	);
	return differs ? reject('subject-mismatch', differs) : ACCEPT;
}

function checkVerdict(
	prev: StoryReview | null,
	next: StoryReview,
	story: Record<string, unknown>
): Verdict {
	if (next.verdict !== 'published' && next.publishedStory) {
		return reject('invalid', 'publishedStory');
	}
	if (next.verdict === 'unpublished') {
		// Only what is published comes down, and it is the same sending that went up.
		if (prev?.verdict !== 'published') return reject('forbidden', 'verdict');
		return prev.storySubmittedAt === next.storySubmittedAt
			? ACCEPT
			: reject('subject-mismatch', 'storySubmittedAt');
	}
	if (story['submittedAt'] !== next.storySubmittedAt) {
		return reject('subject-mismatch', 'storySubmittedAt');
	}
	return next.verdict === 'published' ? checkCopy(next, story) : ACCEPT;
}

const publishedStoryField = {
	type: 'object',
	properties: {
		title: storyTitleField,
		body: storyBodyField,
		category: storyCategoryField,
		photos: storyPhotosField,
		authorName: authorNameField,
		publishedAt: instant
	},
	required: ['title', 'body', 'category', 'photos', 'authorName', 'publishedAt'],
	additionalProperties: false
} as const;

export const storyReviews: KindDefinition<StoryReview> = {
	name: 'story-review',
	kindValues: ['story-review'],
	schema: {
		title: 'story review',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['story-review'] },
			storyId: compositeId,
			year: summaryYear,
			orgId: idRef,
			author: { type: 'string', minLength: 1, maxLength: 64 },
			verdict: { type: 'string', enum: [...STORY_VERDICTS] },
			verdictReason: { type: 'string', maxLength: STORY_REASON_MAX },
			storySubmittedAt: instant,
			publishedStory: publishedStoryField,
			by: { type: 'string', minLength: 1, maxLength: 64 },
			reviewedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'storyId',
			'year',
			'orgId',
			'author',
			'verdict',
			'storySubmittedAt',
			'by',
			'reviewedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: (review) =>
		storyChannels(review, review.verdict === 'published' ? [PUBLIC_CHANNEL] : []),
	subjectOf: (review) => ({ collection: 'evaluations', id: review.storyId }),
	// Members read the published photos through the review, which everyone holds.
	filesOf: (review) => review.publishedStory?.photos ?? [],
	policy: ({ actor, prev, next, deleting, subject }) => {
		if (deleting) return reject('append-only');
		if (!isOfficeOf(actor, next.orgId)) return reject('forbidden');
		if (next.by !== actor.username) return reject('not-owner');
		if (next.id !== storyReviewId(next.storyId)) return reject('invalid', 'id');
		if (prev) {
			const field = changedField(prev, next, FIXED_FIELDS);
			if (field) return reject('immutable-field', field);
		}
		if (next.verdict !== 'published' && !hasText(next.verdictReason)) {
			return reject('invalid', 'verdictReason');
		}
		if (!subject || subject['_deleted'] === true || subject['kind'] !== 'story') {
			return reject('subject-mismatch');
		}
		const copied = COPIED_FIELDS.find((field) => subject[field] !== next[field]);
		if (copied) return reject('subject-mismatch', copied);
		return checkVerdict(prev, next, subject);
	}
};

/** The story's fields a published copy takes. */
export function publishedCopyOf(story: Story, publishedAt: string): PublishedStory {
	return {
		title: story.title,
		body: story.body,
		category: story.category,
		photos: [...story.photos],
		authorName: story.authorName,
		publishedAt
	};
}
