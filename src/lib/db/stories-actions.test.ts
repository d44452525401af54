import { describe, expect, it } from 'vitest';
import { owner } from '../../test-data/test-actors';
import { checkTypedWrite } from '../domain/access/write-policy';
import type { FileOwner } from '../domain/files/file-rules';
import type { Story } from '../domain/stories/stories';
import type { StoryReview } from '../domain/stories/story-reviews';
import type { PreparedEvidence } from './evidence-prepare';
import { storyActionsOn, type StoryForm } from './stories-actions';
import type { WriteOutcome } from './write-outcome';

const NOW = new Date('2026-06-01T02:00:00Z');
const photo = (char: string, type: PreparedEvidence['type'] = 'image/jpeg'): PreparedEvidence => ({
	hash: char.repeat(64),
	type,
	blob: new Blob(['x'])
});
const form = (over: Partial<StoryForm> = {}): StoryForm => ({
	title: '雨夜送药',
	body: '暴雨那天，我们把药送到了独居老人家中。',
	category: 'emergency',
	authorName: '张三',
	orgId: 'org-a',
	kept: [],
	added: [photo('a')],
	...over
});
const member = { role: 'member' as const, orgId: 'org-a', authorName: '张三' };

/** The member's device: what it would write and queue, each write checked as the gateway does. */
function memberDevice() {
	const written: (Story | StoryReview)[] = [];
	const queued: { hash: string; owner: FileOwner }[] = [];
	const actions = storyActionsOn({
		username: () => 'member1',
		now: () => NOW,
		write: (doc): Promise<WriteOutcome> => {
			const verdict = checkTypedWrite({
				collection: 'evaluations',
				actor: owner,
				prev: null,
				next: doc,
				deleting: false,
				subject: null,
				now: NOW
			});
			if (!verdict.ok) return Promise.resolve({ kind: 'refused', reason: verdict.reason });
			written.push(doc);
			return Promise.resolve({ kind: 'saved', offline: true });
		},
		remove: () => Promise.resolve({ kind: 'saved', offline: true }),
		queue: (prepared, fileOwner) => {
			queued.push({ hash: prepared.hash, owner: fileOwner });
			return Promise.resolve();
		}
	});
	return { actions, written, queued };
}

describe('story actions', () => {
	it('writes the story on the device and queues its photos beside it', async () => {
		const device = memberDevice();
		expect(await device.actions.saveStory(member, null, form(), true)).toEqual({
			kind: 'saved',
			offline: true
		});
		const [story] = device.written;
		expect(story).toMatchObject({ kind: 'story', photos: ['a'.repeat(64)] });
		expect(device.queued).toEqual([
			{ hash: 'a'.repeat(64), owner: { collection: 'evaluations', docId: story?.id } }
		]);
	});

	it('says what to fix, and takes no PDF for a photo', async () => {
		const device = memberDevice();
		expect(await device.actions.saveStory(member, null, form({ title: ' ' }), true)).toEqual({
			kind: 'problems',
			problems: ['title-missing']
		});
		const pdf = form({ added: [photo('b', 'application/pdf')] });
		expect(await device.actions.saveStory(member, null, pdf, true)).toEqual({
			kind: 'problems',
			problems: ['photos-not-pictures']
		});
		expect(device.written).toEqual([]);
		expect(device.queued).toEqual([]);
	});
});
