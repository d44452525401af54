import { channel, inYear, normalizeChannels } from '../access/channels';
import { hasRole, isStaffOf, type Actor } from '../access/roles';
import { ACCEPT, changedField, reject, type Verdict } from '../access/write-verdict';
import { summaryYear } from '../evaluation/summary-schema';
import { shanghaiYear } from '../calendar/shanghai-calendar';
import { hasText } from '../records/record-fragments';
import { compositeId, idRef, instant } from '../schema/ids';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';

/**
 * A story of service (R22): a member, a secretary or a community's staff tells of everyday or
 * emergency service, with photos, and sends it to a bureau's office, which may publish it. The
 * author keeps it (one writer): a draft until sent; sent again after each change.
 */
export interface Story {
	id: string;
	kind: 'story';
	/** The Shanghai year it was begun: its channels, and the office that reviews it, are that year's. */
	year: number;
	/** The bureau whose office reviews it. */
	orgId: string;
	/** The author's username and the name shown with the story. */
	author: string;
	authorName: string;
	/** Who the author writes as; a community's staff name the community. */
	authorRole: StoryAuthorRole;
	communityId?: string;
	title: string;
	body: string;
	category: StoryCategory;
	/** Photos (SHA-256 hex), uploaded through the evidence uploads. */
	photos: string[];
	/** Set when sent to the office; a later change sends it again. */
	submittedAt?: string;
	updatedAt: string;
	channels: string[];
}

export type StoryCategory = 'everyday' | 'emergency';
export const STORY_CATEGORIES = ['everyday', 'emergency'] as const;
export type StoryAuthorRole = 'member' | 'secretary' | 'community';
export const STORY_AUTHOR_ROLES = ['member', 'secretary', 'community'] as const;

export const STORY_TITLE_MAX = 60;
export const STORY_BODY_MAX = 3000;
export const STORY_PHOTOS_MAX = 9;
export const STORY_AUTHOR_NAME_MAX = 50;

/*
 * Schema fragments the story and its review share (a merged collection schema refuses a
 * property two kinds define differently); named for stories so no other kind collides.
 */
export const storyTitleField = {
	type: 'string',
	minLength: 1,
	maxLength: STORY_TITLE_MAX
} as const;
export const storyBodyField = { type: 'string', minLength: 1, maxLength: STORY_BODY_MAX } as const;
export const storyCategoryField = { type: 'string', enum: [...STORY_CATEGORIES] } as const;
export const storyPhotosField = {
	type: 'array',
	items: { type: 'string', pattern: '^[0-9a-f]{64}$', maxLength: 64 },
	maxItems: STORY_PHOTOS_MAX
} as const;
export const authorNameField = {
	type: 'string',
	minLength: 1,
	maxLength: STORY_AUTHOR_NAME_MAX
} as const;
const usernameField = { type: 'string', minLength: 1, maxLength: 64 } as const;

/** A new story's id: the author's, and random, so two devices never make the same one. */
export function storyId(author: string, suffix: string): string {
	return `story.${author}.${suffix}`;
}

const STORY_ID = /^story\.(.+)\.[a-z0-9]{12}$/;

/** Whether the id is a story's and names the author. */
export function isStoryIdOf(id: string, author: string): boolean {
	return STORY_ID.exec(id)?.[1] === author;
}

/** The author's own channel of the year, and the reviewing bureau's. */
export function storyChannels(
	story: Pick<Story, 'author' | 'orgId' | 'year'>,
	extra: string[] = []
): string[] {
	return normalizeChannels([
		inYear(channel.user(story.author), story.year),
		inYear(channel.bureau(story.orgId), story.year),
		...extra
	]);
}

/** Whether a document of `evaluations` is a story. */
export function isStory(doc: { kind?: unknown }): doc is Story {
	return doc.kind === 'story';
}

export function isSubmitted(story: Pick<Story, 'submittedAt'>): boolean {
	return story.submittedAt !== undefined;
}

/** What no writer changes once the story exists. */
const FIXED_FIELDS = ['year', 'author', 'authorRole', 'communityId'] as const;

/** Whether the actor may write as that role: their own bureau, the community they serve. */
function checkRole(actor: Actor, story: Story): Verdict {
	switch (story.authorRole) {
		case 'member':
		case 'secretary': {
			if (!hasRole(actor, story.authorRole)) return reject('forbidden', 'authorRole');
			if (story.communityId !== undefined) return reject('invalid', 'communityId');
			return story.orgId === actor.orgId ? ACCEPT : reject('forbidden', 'orgId');
		}
		case 'community':
			if (story.communityId === undefined) return reject('invalid', 'communityId');
			return isStaffOf(actor, story.communityId) ? ACCEPT : reject('forbidden', 'communityId');
	}
}

/**
 * A community's staff send a story to a bureau of their choosing: it must be one. A device
 * without the directory entry leaves the question to the gateway, which reads the whole store.
 */
function checkBureau(
	story: Story,
	related: (ref: { collection: 'directory'; id: string }) => Record<string, unknown> | null,
	relatedComplete: boolean
): Verdict {
	if (story.authorRole !== 'community') return ACCEPT;
	const bureau = related({ collection: 'directory', id: story.orgId });
	if (!bureau) return relatedComplete ? reject('subject-mismatch', 'orgId') : ACCEPT;
	return bureau['kind'] === 'bureau' ? ACCEPT : reject('subject-mismatch', 'orgId');
}

export const stories: KindDefinition<Story> = {
	name: 'story',
	kindValues: ['story'],
	schema: {
		title: 'story',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['story'] },
			year: summaryYear,
			orgId: idRef,
			author: usernameField,
			authorName: authorNameField,
			authorRole: { type: 'string', enum: [...STORY_AUTHOR_ROLES] },
			communityId: idRef,
			title: storyTitleField,
			body: storyBodyField,
			category: storyCategoryField,
			photos: storyPhotosField,
			submittedAt: instant,
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'year',
			'orgId',
			'author',
			'authorName',
			'authorRole',
			'title',
			'body',
			'category',
			'photos',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: (story) => storyChannels(story),
	relatedOf: (story) =>
		story.authorRole === 'community' ? [{ collection: 'directory', id: story.orgId }] : [],
	filesOf: (story) => story.photos,
	policy: ({ actor, prev, next, deleting, related, relatedComplete, now }) => {
		if (next.author !== actor.username) return reject('not-owner');
		if (prev && prev.author !== actor.username) return reject('not-owner');
		// Once sent, the office may hold a review citing it: only a draft is withdrawn.
		if (deleting) return prev && isSubmitted(prev) ? reject('forbidden', 'submitted') : ACCEPT;
		if (!isStoryIdOf(next.id, next.author)) return reject('invalid', 'id');
		if (prev) {
			const field = changedField(prev, next, FIXED_FIELDS);
			if (field) return reject('immutable-field', field);
			// The office's review is of that bureau: a sent story stays with it.
			if (isSubmitted(prev) && prev.orgId !== next.orgId) {
				return reject('immutable-field', 'orgId');
			}
		} else if (next.year !== shanghaiYear(now)) {
			// The office holds its bureau's current year only: a story begins in it.
			return reject('invalid', 'year');
		}
		const blank = (['title', 'body', 'authorName'] as const).find((field) => !hasText(next[field]));
		if (blank) return reject('invalid', blank);
		if (new Set(next.photos).size !== next.photos.length) return reject('invalid', 'photos');
		const role = checkRole(actor, next);
		return role.ok ? checkBureau(next, related, relatedComplete) : role;
	}
};
