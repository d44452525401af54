import { describe, expect, it } from 'vitest';
import type { Story } from './stories';
import type { StoryReview } from './story-reviews';
import { excerptOf, publishedStories, reviewQueue, storyStanding } from './story-state';

const story = (id: string, submittedAt?: string): Story => ({
	id,
	kind: 'story',
	year: 2026,
	orgId: 'org-a',
	author: 'member1',
	authorName: '张三',
	authorRole: 'member',
	title: id,
	body: '正文',
	category: 'everyday',
	photos: [],
	...(submittedAt ? { submittedAt } : {}),
	updatedAt: '2026-06-01T00:00:00.000Z',
	channels: []
});

const review = (
	target: Story,
	verdict: StoryReview['verdict'],
	publishedAt = '2026-06-02T00:00:00.000Z'
): StoryReview => ({
	id: `${target.id}.review`,
	kind: 'story-review',
	storyId: target.id,
	year: 2026,
	orgId: 'org-a',
	author: target.author,
	verdict,
	...(verdict === 'published'
		? {
				publishedStory: {
					title: target.title,
					body: target.body,
					category: target.category,
					photos: [],
					authorName: target.authorName,
					publishedAt
				}
			}
		: { verdictReason: '请补充' }),
	storySubmittedAt: target.submittedAt ?? '',
	by: 'office1',
	reviewedAt: publishedAt,
	channels: []
});

describe('story standing', () => {
	it('is a draft until sent, then waits for the office', () => {
		expect(storyStanding(story('s1'), null)).toEqual({ state: 'draft', live: false });
		expect(storyStanding(story('s1', '2026-06-01T00:00:00.000Z'), null)).toEqual({
			state: 'waiting',
			live: false
		});
	});

	it("shows the office's verdict and reason on the sending it decided", () => {
		const sent = story('s1', '2026-06-01T00:00:00.000Z');
		expect(storyStanding(sent, review(sent, 'returned'))).toEqual({
			state: 'returned',
			reason: '请补充',
			live: false
		});
		expect(storyStanding(sent, review(sent, 'published'))).toEqual({
			state: 'published',
			live: true
		});
	});

	it('waits again once changed, the published copy still up', () => {
		const sent = story('s1', '2026-06-01T00:00:00.000Z');
		const resent = { ...sent, submittedAt: '2026-06-03T00:00:00.000Z' };
		expect(storyStanding(resent, review(sent, 'published'))).toEqual({
			state: 'waiting',
			live: true
		});
	});
});

describe('lists', () => {
	it('lists published stories newest first, and the queue oldest first', () => {
		const a = story('a', '2026-06-01T00:00:00.000Z');
		const b = story('b', '2026-05-01T00:00:00.000Z');
		const c = story('c');
		const reviews = [
			review(a, 'published', '2026-06-02T00:00:00.000Z'),
			review(b, 'published', '2026-06-05T00:00:00.000Z'),
			review(c, 'returned')
		];
		expect(publishedStories(reviews).map((entry) => entry.storyId)).toEqual(['b', 'a']);
		const d = story('d', '2026-06-04T00:00:00.000Z');
		const e = story('e', '2026-06-03T00:00:00.000Z');
		const byId = new Map(reviews.map((r) => [r.storyId, r]));
		expect(reviewQueue([a, b, c, d, e], byId).map((s) => s.id)).toEqual(['e', 'd']);
	});

	it('cuts long text for a list', () => {
		expect(excerptOf('短文')).toBe('短文');
		expect(excerptOf('一二三四五六', 4)).toBe('一二三…');
		expect(excerptOf('a\n\n b')).toBe('a b');
	});
});
