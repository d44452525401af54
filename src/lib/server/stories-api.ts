import { PUBLIC_CHANNEL } from '../domain/access/channels';
import { isFileHash } from '../domain/files/file-rules';
import { isValidId } from '../domain/schema/ids';
import type { PublicStory, PublicStorySummary } from '../domain/stories/public-story';
import { storyReviewId, type StoryReview } from '../domain/stories/story-reviews';
import { excerptOf, publishedStories, type PublishedEntry } from '../domain/stories/story-state';
import { readStored } from './doc-lookup';
import { readFile } from './evidence-files';
import { HttpError, errorResponse, json } from './http-json';
import type { ServerContext } from './server-context';
import { plainOf } from './stored-doc';
import { TokenBuckets, type BucketRule } from './token-buckets';

/** A page of the list or a story: a person reading, not a crawler copying the lot. */
export const STORY_PAGE_RULE: BucketRule = { burst: 60, perMinute: 60 };
/** Photos: up to nine a story, each fetched once (the browser keeps them). */
export const STORY_PHOTO_RULE: BucketRule = { burst: 120, perMinute: 120 };
/** The most stories the public list shows: the newest. */
export const PUBLIC_LIST_MAX = 200;

/**
 * Unknown, hidden (returned, taken down, never published) or not a photo of a published story:
 * one answer, so nobody learns whether a story or a file exists.
 */
const NOT_FOUND = () => new HttpError(404, 'not_found', 'No such story.');

function summaryOf(entry: PublishedEntry): PublicStorySummary {
	return {
		id: entry.storyId,
		title: entry.title,
		excerpt: excerptOf(entry.body),
		category: entry.category,
		authorName: entry.authorName,
		publishedAt: entry.publishedAt,
		...(entry.photos[0] ? { cover: entry.photos[0] } : {})
	};
}

/** The published copy of the story, read afresh so a story taken down is gone at once. */
async function publishedCopy(context: ServerContext, storyId: string): Promise<PublicStory> {
	if (!isValidId(storyId) || !storyId.startsWith('story.')) throw NOT_FOUND();
	const [stored] = await readStored(context.store, 'evaluations', [storyReviewId(storyId)]);
	if (!stored || stored._deleted) throw NOT_FOUND();
	const review = plainOf<StoryReview>(stored);
	const copy = review.publishedStory;
	if (review.kind !== 'story-review' || review.verdict !== 'published' || !copy) {
		throw NOT_FOUND();
	}
	return {
		id: review.storyId,
		title: copy.title,
		body: copy.body,
		category: copy.category,
		authorName: copy.authorName,
		publishedAt: copy.publishedAt,
		photos: copy.photos
	};
}

async function publicList(context: ServerContext): Promise<PublicStorySummary[]> {
	const reader = context.store.channelIndex.reader('evaluations');
	const reviews: StoryReview[] = [];
	let after = '';
	for (;;) {
		const page = await reader(PUBLIC_CHANNEL, after, 500);
		for (const doc of page.docs) {
			if (doc['kind'] === 'story-review') reviews.push(plainOf<StoryReview>(doc));
		}
		if (!page.more) break;
		after = page.last;
	}
	return publishedStories(reviews).slice(0, PUBLIC_LIST_MAX).map(summaryOf);
}

async function photo(context: ServerContext, storyId: string, hash: string): Promise<Response> {
	const story = await publishedCopy(context, storyId);
	if (!isFileHash(hash) || !story.photos.includes(hash)) throw NOT_FOUND();
	const file = await readFile(context.store, hash);
	if (!file || file.type === 'application/pdf') throw NOT_FOUND();
	return new Response(file.bytes, {
		headers: {
			'content-type': file.type,
			'content-length': String(file.bytes.byteLength),
			// Not kept long: a story taken down stops showing its photos soon, caches too.
			'cache-control': 'public, max-age=300',
			'x-content-type-options': 'nosniff'
		}
	});
}

/**
 * The public stories (R22), without a session: `GET /api/public/stories` lists the published
 * ones, `GET /api/public/stories/<id>` is one, `GET /api/public/stories/<id>/photos/<sha256>` one
 * of its photos. Only what the office published is shown — the copy in its review, the author's
 * name as published — and only files that copy names. Limited per client address.
 */
export function publicStoriesEndpoint(maxTracked = 10_000) {
	const limits = new TokenBuckets(maxTracked);
	return async (
		context: ServerContext,
		request: Request,
		clientAddress: string
	): Promise<Response> => {
		try {
			if (request.method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Use GET.');
			const parts = new URL(request.url).pathname.split('/').slice(4);
			const isPhoto = parts.length === 3 && parts[1] === 'photos';
			const verdict = limits.take(
				`${isPhoto ? 'photo' : 'page'} ${clientAddress}`,
				isPhoto ? STORY_PHOTO_RULE : STORY_PAGE_RULE,
				context.now().getTime()
			);
			if (!verdict.ok) {
				return json(
					{ error: 'too_many_requests', reason: 'Too many requests; try again later.' },
					429,
					{ 'retry-after': String(verdict.retryAfterSeconds) }
				);
			}
			const [storyId, , hash] = parts;
			if (parts.length === 0 || (parts.length === 1 && storyId === '')) {
				return json({ stories: await publicList(context) });
			}
			if (parts.length === 1 && storyId) {
				return json({ story: await publishedCopy(context, storyId) });
			}
			if (isPhoto && storyId && hash) return await photo(context, storyId, hash);
			throw NOT_FOUND();
		} catch (error) {
			if (error instanceof HttpError) return errorResponse(error);
			throw error;
		}
	};
}
