import { describe, expect, it } from 'vitest';
import {
	office,
	otherMember,
	otherOffice,
	owner,
	secretary,
	staff
} from '../../../test-data/test-actors';
import type { Actor } from '../access/roles';
import { checkWrite } from '../access/write-policy';
import type { AnyDoc } from '../registry';
import { kindOf } from '../registry';
import { stories, type Story } from './stories';
import { storyDraft, reviewDraft, type StoryInput, type StoryWriter } from './story-drafts';
import { storyReviews, type StoryReview } from './story-reviews';

const NOW = new Date('2026-06-01T02:00:00Z');
const PHOTO = 'a'.repeat(64);
const BUREAU = { id: 'org-a', kind: 'bureau', name: '某局' };
const BRANCH = { id: 'br1', kind: 'branch', name: '某支部', parentId: 'org-a' };

const input = (over: Partial<StoryInput> = {}): StoryInput => ({
	title: '雨夜送药',
	body: '暴雨那天，我们把药送到了独居老人家中。',
	category: 'emergency',
	photos: [PHOTO],
	authorName: '张三',
	orgId: 'org-a',
	...over
});

const writerOf = (actor: Actor, over: Partial<StoryWriter> = {}): StoryWriter => ({
	username: actor.username,
	role: 'member',
	now: NOW,
	suffix: 'abcdefghij12',
	...over
});

const rechannelled = (doc: Story): Story => ({ ...doc, channels: stories.channelsOf(doc) });

function story(over: Partial<Story> = {}, submit = true): Story {
	const draft = storyDraft(input(), null, writerOf(owner), submit);
	if (!draft.ok) throw new Error(draft.problems.join());
	const doc = { ...draft.doc, ...over };
	return { ...doc, channels: stories.channelsOf(doc) };
}

function push(
	actor: Actor,
	next: Story | StoryReview,
	options: { prev?: Story | StoryReview; deleting?: boolean; subject?: Story | null } = {}
) {
	const related = new Map<string, Record<string, unknown>>([
		['directory/org-a', BUREAU],
		['directory/br1', BRANCH]
	]);
	return checkWrite({
		collection: 'evaluations',
		actor,
		prev: (options.prev as unknown as AnyDoc | undefined) ?? null,
		next: next as unknown as AnyDoc,
		deleting: options.deleting ?? false,
		subject: (options.subject as unknown as Record<string, unknown> | undefined) ?? null,
		related,
		now: NOW
	});
}

function review(target: Story, decision: Parameters<typeof reviewDraft>[2], prev?: StoryReview) {
	const draft = reviewDraft(target, prev ?? null, decision, { by: 'office1', now: NOW });
	if (!draft.ok) throw new Error(draft.problems.join());
	return draft.doc;
}

describe('stories', () => {
	it("is the `story` kind, in the author's and the bureau's channels of its year", () => {
		const doc = story();
		expect(kindOf('evaluations', doc)).toBe(stories);
		expect(doc.id).toBe('story.member1.abcdefghij12');
		expect(doc.channels).toEqual(['bureau:org-a/2026', 'user:member1/2026']);
		expect(stories.filesOf?.(doc)).toEqual([PHOTO]);
	});

	it('is written by its author only, as a member of their own bureau', () => {
		expect(push(owner, story())).toEqual({ ok: true });
		expect(push(otherMember, story())).toEqual({ ok: false, reason: 'not-owner' });
		expect(push(owner, story({ orgId: 'org-b' }))).toEqual({
			ok: false,
			reason: 'forbidden',
			detail: 'orgId'
		});
		expect(push(owner, story({ authorRole: 'secretary' }))).toMatchObject({
			reason: 'forbidden',
			detail: 'authorRole'
		});
		const bySecretary = storyDraft(input(), null, writerOf(secretary, { role: 'secretary' }), true);
		expect(bySecretary.ok && push(secretary, bySecretary.doc)).toEqual({ ok: true });
	});

	it("lets a community's staff send to a bureau, for their own community", () => {
		const writer = writerOf(staff, { role: 'community', communityId: 'cm2' });
		const draft = storyDraft(input({ authorName: '某社区' }), null, writer, true);
		if (!draft.ok) throw new Error('draft');
		expect(push(staff, draft.doc)).toEqual({ ok: true });
		expect(push(staff, { ...draft.doc, communityId: 'cm1' })).toMatchObject({
			reason: 'forbidden'
		});
		expect(push(staff, rechannelled({ ...draft.doc, orgId: 'br1' }))).toMatchObject({
			reason: 'subject-mismatch',
			detail: 'orgId'
		});
	});

	it('checks the text, the photos, the id and the year', () => {
		expect(push(owner, story({ title: ' ' }))).toMatchObject({ detail: 'title' });
		expect(push(owner, story({ photos: [PHOTO, PHOTO] }))).toMatchObject({ detail: 'photos' });
		const ten = Array.from({ length: 10 }, (_, i) => String(i).repeat(64));
		expect(push(owner, story({ photos: ten }))).toMatchObject({ reason: 'invalid' });
		expect(push(owner, story({ body: 'x'.repeat(3001) }))).toMatchObject({ reason: 'invalid' });
		expect(push(owner, story({ id: 'story.member2.abcdefghij12' }))).toMatchObject({
			detail: 'id'
		});
		expect(push(owner, story({ year: 2025 }))).toMatchObject({ detail: 'year' });
	});

	it('keeps the author and year; a sent story stays with its bureau; only drafts are deleted', () => {
		const prev = story();
		expect(push(owner, { ...prev, title: '新标题' }, { prev })).toEqual({ ok: true });
		expect(push(owner, rechannelled({ ...prev, orgId: 'org-b' }), { prev })).toMatchObject({
			reason: 'immutable-field'
		});
		expect(push(owner, prev, { prev, deleting: true })).toMatchObject({ detail: 'submitted' });
		const draft = story({}, false);
		expect(push(owner, draft, { prev: draft, deleting: true })).toEqual({ ok: true });
	});

	it('says what to fix in the form', () => {
		expect(storyDraft(input({ title: '', orgId: '' }), null, writerOf(owner), true)).toEqual({
			ok: false,
			problems: ['title-missing', 'bureau-missing']
		});
		expect(
			storyDraft(input({ body: 'x'.repeat(3001) }), null, writerOf(owner), false)
		).toMatchObject({ problems: ['body-too-long'] });
	});

	it('sends a changed story again', () => {
		const sent = story();
		const later = new Date(NOW.getTime() + 60_000);
		const changed = storyDraft(
			input({ title: '改' }),
			sent,
			writerOf(owner, { now: later }),
			false
		);
		expect(changed.ok && changed.doc.submittedAt).toBe(later.toISOString());
	});
});

describe('story reviews', () => {
	it('publishes the story as sent, to everyone', () => {
		const subject = story();
		const doc = review(subject, { verdict: 'published' });
		expect(kindOf('evaluations', doc)).toBe(storyReviews);
		expect(doc.id).toBe(`${subject.id}.review`);
		expect(doc.channels).toEqual(['bureau:org-a/2026', 'public', 'user:member1/2026']);
		expect(doc.publishedStory?.photos).toEqual([PHOTO]);
		expect(storyReviews.filesOf?.(doc)).toEqual([PHOTO]);
		expect(push(office, doc, { subject })).toEqual({ ok: true });
	});

	it("is the story's bureau's office's only", () => {
		const subject = story();
		const doc = review(subject, { verdict: 'published' });
		for (const actor of [owner, secretary, staff]) {
			expect(push(actor, { ...doc, by: actor.username }, { subject })).toEqual({
				ok: false,
				reason: 'forbidden'
			});
		}
		expect(push(otherOffice, { ...doc, by: 'office2' }, { subject })).toMatchObject({
			reason: 'forbidden'
		});
	});

	it('refuses a copy other than the story, and a story changed since', () => {
		const subject = story();
		const doc = review(subject, { verdict: 'published' });
		const altered = { ...doc, publishedStory: { ...doc.publishedStory!, title: '改过的' } };
		expect(push(office, altered, { subject })).toMatchObject({ detail: 'title' });
		const resent = { ...subject, submittedAt: '2026-06-02T00:00:00.000Z' };
		expect(push(office, doc, { subject: resent })).toMatchObject({
			detail: 'storySubmittedAt'
		});
		expect(push(office, doc, { subject: null })).toMatchObject({ reason: 'subject-mismatch' });
	});

	it('returns with a reason, and takes down only what is up', () => {
		const subject = story();
		expect(
			reviewDraft(subject, null, { verdict: 'returned', reason: ' ' }, { by: 'office1', now: NOW })
		).toEqual({ ok: false, problems: ['reason-missing'] });
		const returned = review(subject, { verdict: 'returned', reason: '请补充照片' });
		expect(returned.channels).toEqual(['bureau:org-a/2026', 'user:member1/2026']);
		expect(push(office, returned, { subject })).toEqual({ ok: true });
		const down = { ...returned, verdict: 'unpublished' as const };
		expect(push(office, down, { subject, prev: returned })).toMatchObject({
			reason: 'forbidden',
			detail: 'verdict'
		});
		const published = review(subject, { verdict: 'published' });
		const takenDown = review(subject, { verdict: 'unpublished', reason: '内容有误' }, published);
		expect(takenDown.publishedStory).toBeUndefined();
		expect(takenDown.channels).not.toContain('public');
		expect(push(office, takenDown, { subject, prev: published })).toEqual({ ok: true });
		expect(push(office, takenDown, { subject, prev: published, deleting: true })).toMatchObject({
			reason: 'append-only'
		});
	});

	it('decides only a story waiting for it', () => {
		const published = review(story(), { verdict: 'published' });
		expect(
			reviewDraft(story(), published, { verdict: 'published' }, { by: 'office1', now: NOW })
		).toEqual({ ok: false, problems: ['not-waiting'] });
		expect(
			reviewDraft(story({}, false), null, { verdict: 'published' }, { by: 'office1', now: NOW })
		).toEqual({ ok: false, problems: ['not-waiting'] });
	});
});
