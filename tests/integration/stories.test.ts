import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUrl } from '../../src/lib/domain/files/file-rules';
import type { Story } from '../../src/lib/domain/stories/stories';
import {
	reviewDraft,
	storyDraft,
	type OfficeDecision
} from '../../src/lib/domain/stories/story-drafts';
import type { StoryReview } from '../../src/lib/domain/stories/story-reviews';
import { toStored } from '../../src/lib/server/demo/demo-seed';
import { demoPhoto } from '../../src/lib/server/demo/demo-stories';
import { HttpClient } from '../support/http-client';
import { NOW, World, type GatewayRow as Row } from '../support/world';

/**
 * Stories (R22) over HTTP: a member writes and sends a story with a photo, only the office of
 * the bureau publishes it, and the public API shows only what is published — a story returned,
 * taken down or unknown answers alike, and so do its photos.
 */

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const PHOTO = demoPhoto(33);
const HASH = sha256(PHOTO);
const ORG = 'org-zjj';

function story(suffix: string, photos: string[] = []): Story {
	const draft = storyDraft(
		{
			title: '雨夜送药',
			body: '暴雨那天，我们把药送到了独居老人家中。',
			category: 'emergency',
			photos,
			authorName: '党员一',
			orgId: ORG
		},
		null,
		{ username: 'member1', role: 'member', now: NOW, suffix },
		true
	);
	if (!draft.ok) throw new Error(draft.problems.join());
	return draft.doc;
}

function review(target: Story, decision: OfficeDecision, prev: StoryReview | null = null) {
	const draft = reviewDraft(target, prev, decision, { by: 'office1', now: NOW });
	if (!draft.ok) throw new Error(draft.problems.join());
	return draft.doc;
}

describe('stories and their public pages', () => {
	let world: World;
	let member: HttpClient;
	let otherMember: HttpClient;
	let office: HttpClient;
	let otherOffice: HttpClient;
	let anonymous: HttpClient;
	const sent = story('aaaaaaaaaaaa', [HASH]);
	const returnedStory = story('bbbbbbbbbbbb', [HASH]);
	const revs = new Map<string, string>();

	/** Pushes documents as the client, the gateway's answer per document. */
	async function push(client: HttpClient, docs: (Story | StoryReview)[]): Promise<Row[]> {
		const body = docs.map((doc) => {
			const rev = revs.get(doc.id);
			return { ...toStored(doc), ...(rev ? { _rev: rev } : {}) };
		});
		const rows = (
			await client.json<Row[]>('/sync/evaluations/_bulk_docs', {
				method: 'POST',
				json: { docs: body }
			})
		).body;
		for (const row of rows) if (row.ok && row.id && row.rev) revs.set(row.id, row.rev);
		return rows;
	}

	const publicStory = (id: string) => anonymous.request(`/api/public/stories/${id}`);
	const publicPhoto = (id: string, hash = HASH) =>
		anonymous.request(`/api/public/stories/${id}/photos/${hash}`);
	async function hiddenAnswer(response: Response) {
		return { status: response.status, body: (await response.json()) as unknown };
	}

	beforeAll(async () => {
		world = await World.start(['member1', 'member2', 'office1', 'office2'], { now: () => NOW });
		member = new HttpClient(world.url);
		otherMember = new HttpClient(world.url);
		office = new HttpClient(world.url);
		otherOffice = new HttpClient(world.url);
		anonymous = new HttpClient(world.url);
		for (const [client, username] of [
			[member, 'member1'],
			[otherMember, 'member2'],
			[office, 'office1'],
			[otherOffice, 'office2']
		] as const) {
			expect((await client.signIn(username)).status).toBe(200);
		}
		expect(await push(member, [sent, returnedStory])).toMatchObject([{ ok: true }, { ok: true }]);
		const upload = await member.request(
			fileUrl(HASH, { collection: 'evaluations', docId: sent.id }),
			{ method: 'PUT', headers: { 'content-type': 'image/png' }, body: new Blob([PHOTO]) }
		);
		expect(upload.status).toBe(201);
	});
	afterAll(() => world?.close());

	it('lets no member, nor the office of another bureau, publish', async () => {
		const published = review(sent, { verdict: 'published' });
		expect(await push(member, [{ ...published, by: 'member1' }])).toEqual([
			{ id: published.id, error: 'conflict', reason: 'forbidden' }
		]);
		expect(await push(otherOffice, [{ ...published, by: 'office2' }])).toEqual([
			{ id: published.id, error: 'conflict', reason: 'forbidden' }
		]);
	});

	it('hides a story not published yet exactly like an unknown one', async () => {
		const unknown = await hiddenAnswer(await publicStory('story.member1.zzzzzzzzzzzz'));
		expect(unknown.status).toBe(404);
		expect(await hiddenAnswer(await publicStory(sent.id))).toEqual(unknown);
		expect(await hiddenAnswer(await publicPhoto(sent.id))).toEqual(unknown);
		expect(await hiddenAnswer(await publicStory('not a story'))).toEqual(unknown);
	});

	it('publishes: the public page shows the copy and its photos, without personal data', async () => {
		const published = review(sent, { verdict: 'published' });
		expect(await push(office, [published])).toMatchObject([{ ok: true }]);
		const list = await anonymous.json<{ stories: { id: string }[] }>('/api/public/stories');
		expect(list.status).toBe(200);
		expect(list.body.stories.map((entry) => entry.id)).toContain(sent.id);
		const one = await publicStory(sent.id);
		expect(one.status).toBe(200);
		expect(await one.json()).toEqual({
			story: {
				id: sent.id,
				title: sent.title,
				body: sent.body,
				category: 'emergency',
				authorName: '党员一',
				publishedAt: NOW.toISOString(),
				photos: [HASH]
			}
		});
		const image = await publicPhoto(sent.id);
		expect(image.status).toBe(200);
		expect(image.headers.get('content-type')).toBe('image/png');
		expect(new Uint8Array(await image.arrayBuffer())).toEqual(PHOTO);
		// Another member reads the photo through the review, which every member's device holds.
		const inApp = await otherMember.request(
			fileUrl(HASH, { collection: 'evaluations', docId: published.id })
		);
		expect(inApp.status).toBe(200);
		// A file the copy does not name is not served, though it is stored.
		const other = await hiddenAnswer(await publicPhoto(sent.id, sha256(demoPhoto(70))));
		expect(other.status).toBe(404);
	});

	it("stops serving a returned or taken-down story's photos", async () => {
		const unknown = await hiddenAnswer(await publicStory('story.member1.zzzzzzzzzzzz'));
		const returned = review(returnedStory, { verdict: 'returned', reason: '请补充内容' });
		expect(await push(office, [returned])).toMatchObject([{ ok: true }]);
		expect(await hiddenAnswer(await publicStory(returnedStory.id))).toEqual(unknown);
		expect(await hiddenAnswer(await publicPhoto(returnedStory.id))).toEqual(unknown);

		const published = review(sent, { verdict: 'published' });
		const down = review(sent, { verdict: 'unpublished', reason: '内容有误' }, published);
		expect(await push(office, [down])).toMatchObject([{ ok: true }]);
		expect(await hiddenAnswer(await publicStory(sent.id))).toEqual(unknown);
		expect(await hiddenAnswer(await publicPhoto(sent.id))).toEqual(unknown);
		const list = await anonymous.json<{ stories: { id: string }[] }>('/api/public/stories');
		expect(list.body.stories.map((entry) => entry.id)).not.toContain(sent.id);
		// Nor does a member's app read it any longer.
		const inApp = await otherMember.request(
			fileUrl(HASH, { collection: 'evaluations', docId: down.id })
		);
		expect(inApp.status).toBe(404);
	});

	it('takes only reads, and limits them per address', async () => {
		const post = await anonymous.request('/api/public/stories', { method: 'POST', json: {} });
		expect([403, 405]).toContain(post.status);
		const statuses: number[] = [];
		for (let i = 0; i < 70; i += 1) statuses.push((await publicStory(sent.id)).status);
		expect(statuses).toContain(429);
	});
});
