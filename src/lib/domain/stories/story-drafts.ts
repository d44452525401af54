import { shanghaiYear } from '../calendar/shanghai-calendar';
import {
	STORY_AUTHOR_NAME_MAX,
	STORY_BODY_MAX,
	STORY_PHOTOS_MAX,
	STORY_TITLE_MAX,
	storyChannels,
	storyId,
	type Story,
	type StoryAuthorRole,
	type StoryCategory
} from './stories';
import {
	publishedCopyOf,
	STORY_REASON_MAX,
	storyReviewId,
	storyReviews,
	type StoryReview
} from './story-reviews';
import { storyStanding } from './story-state';

/*
 * The story and review documents built the one way the gateway accepts, and the problems of form
 * input found before anything is written. Each problem's message is `stories.problem.<problem>`.
 */

export type StoryProblem =
	| 'title-missing'
	| 'title-too-long'
	| 'body-missing'
	| 'body-too-long'
	| 'authorName-missing'
	| 'authorName-too-long'
	| 'photos-too-many'
	| 'photos-not-pictures'
	| 'bureau-missing'
	| 'reason-missing'
	| 'reason-too-long'
	| 'not-waiting'
	| 'not-published';

export type StoryDraftResult<T> = { ok: true; doc: T } | { ok: false; problems: StoryProblem[] };

export interface StoryInput {
	title: string;
	body: string;
	category: StoryCategory;
	photos: readonly string[];
	authorName: string;
	/** The reviewing bureau; empty when a community's staff have not picked one yet. */
	orgId: string;
}

/** Who writes: as which role (and, for a community's staff, which community), and when. */
export interface StoryWriter {
	username: string;
	role: StoryAuthorRole;
	communityId?: string;
	now: Date;
	/** Random [a-z0-9]{12} for a new story's id. */
	suffix: string;
}

function textProblems(
	text: string,
	max: number,
	field: 'title' | 'body' | 'authorName'
): StoryProblem[] {
	if (!text) return [`${field}-missing`];
	return text.length > max ? [`${field}-too-long`] : [];
}

function inputProblems(input: StoryInput): StoryProblem[] {
	return [
		...textProblems(input.title.trim(), STORY_TITLE_MAX, 'title'),
		...textProblems(input.body.trim(), STORY_BODY_MAX, 'body'),
		...textProblems(input.authorName.trim(), STORY_AUTHOR_NAME_MAX, 'authorName'),
		...(input.photos.length > STORY_PHOTOS_MAX ? ['photos-too-many' as const] : []),
		...(input.orgId ? [] : ['bureau-missing' as const])
	];
}

/**
 * A new story or the author's change of one, kept as a draft or sent to the office (`submit`).
 * A change of a sent story sends it again: the office reviews what it would publish.
 */
export function storyDraft(
	input: StoryInput,
	prev: Story | null,
	writer: StoryWriter,
	submit: boolean
): StoryDraftResult<Story> {
	const problems = inputProblems(input);
	if (problems.length > 0) return { ok: false, problems };
	const at = writer.now.toISOString();
	const year = prev?.year ?? shanghaiYear(writer.now);
	const author = prev?.author ?? writer.username;
	const communityId = prev ? prev.communityId : writer.communityId;
	const story: Story = {
		id: prev?.id ?? storyId(writer.username, writer.suffix),
		kind: 'story',
		year,
		orgId: input.orgId,
		author,
		authorName: input.authorName.trim(),
		authorRole: prev?.authorRole ?? writer.role,
		...(communityId !== undefined ? { communityId } : {}),
		title: input.title.trim(),
		body: input.body.trim(),
		category: input.category,
		photos: [...input.photos],
		...(submit || prev?.submittedAt ? { submittedAt: at } : {}),
		updatedAt: at,
		channels: []
	};
	return { ok: true, doc: { ...story, channels: storyChannels(story) } };
}

export type OfficeDecision =
	{ verdict: 'published' } | { verdict: 'returned' | 'unpublished'; reason: string };

/**
 * The office's review: publish or return a story waiting for it (the copy is the story as sent),
 * or take a published one down again. Both with a reason except publishing.
 */
export function reviewDraft(
	story: Story,
	prev: StoryReview | null,
	decision: OfficeDecision,
	writer: { by: string; now: Date }
): StoryDraftResult<StoryReview> {
	const standing = storyStanding(story, prev);
	const reason = decision.verdict === 'published' ? '' : decision.reason.trim();
	const problems: StoryProblem[] = [];
	if (decision.verdict === 'unpublished' ? !standing.live : standing.state !== 'waiting') {
		problems.push(decision.verdict === 'unpublished' ? 'not-published' : 'not-waiting');
	}
	if (decision.verdict !== 'published') {
		if (!reason) problems.push('reason-missing');
		else if (reason.length > STORY_REASON_MAX) problems.push('reason-too-long');
	}
	if (problems.length > 0 || !story.submittedAt) {
		return { ok: false, problems: problems.length ? problems : ['not-waiting'] };
	}
	const at = writer.now.toISOString();
	const review: StoryReview = {
		id: storyReviewId(story.id),
		kind: 'story-review',
		storyId: story.id,
		year: story.year,
		orgId: story.orgId,
		author: story.author,
		verdict: decision.verdict,
		...(reason ? { verdictReason: reason } : {}),
		// Taking down keeps the sending that went up; the others decide the one waiting.
		storySubmittedAt:
			decision.verdict === 'unpublished' && prev ? prev.storySubmittedAt : story.submittedAt,
		...(decision.verdict === 'published' ? { publishedStory: publishedCopyOf(story, at) } : {}),
		by: writer.by,
		reviewedAt: at,
		channels: []
	};
	return { ok: true, doc: { ...review, channels: storyReviews.channelsOf(review) } };
}
