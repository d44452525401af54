import type { FileOwner } from '../domain/files/file-rules';
import { newItemSuffix } from '../domain/ledger/ledger-drafts';
import type { Story } from '../domain/stories/stories';
import {
	reviewDraft,
	storyDraft,
	type OfficeDecision,
	type StoryDraftResult,
	type StoryInput,
	type StoryProblem
} from '../domain/stories/story-drafts';
import type { StoryReview } from '../domain/stories/story-reviews';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { queueEvidence, type PreparedEvidence } from './evidence.svelte';
import { deleteChecked, writeChecked } from './local-write';
import type { StoryAuthorship } from './stories.svelte';
import type { WriteOutcome } from './write-outcome';

/** What a change came to: problems to fix in the form first, or the write's outcome. */
export type StoryOutcome = { kind: 'problems'; problems: StoryProblem[] } | WriteOutcome;

/** The story form: photos kept (already cited) and just picked (waiting to be uploaded). */
export type StoryForm = Omit<StoryInput, 'photos'> & {
	kept: readonly string[];
	added: readonly PreparedEvidence[];
};

/** Where the story actions write: the signed-in device, or a test's stand-in. */
export interface StoryWrites {
	username(): string;
	now(): Date;
	write(doc: Story | StoryReview): Promise<WriteOutcome>;
	remove(id: string): Promise<WriteOutcome>;
	queue(file: PreparedEvidence, owner: FileOwner): Promise<void>;
}

/**
 * Writing stories and reviewing them, on the device (offline too): the author's story with its
 * photos, which wait in the outbox until the story is on the server; the office's verdicts.
 * Call during component init.
 */
export function storyActions() {
	const device = signedInDevice();
	return storyActionsOn({
		username: () => device.actor.username,
		now: currentTime,
		write: (doc) => device.write((db, actor) => writeChecked(db, 'evaluations', actor, doc)),
		remove: (id) => device.write((db, actor) => deleteChecked(db, 'evaluations', actor, id)),
		queue: queueEvidence
	});
}

export function storyActionsOn(writes: StoryWrites) {
	async function written<T extends Story | StoryReview>(
		draft: StoryDraftResult<T>,
		added: readonly PreparedEvidence[] = []
	): Promise<StoryOutcome> {
		if (!draft.ok) return { kind: 'problems', problems: draft.problems };
		const outcome = await writes.write(draft.doc);
		if (outcome.kind === 'saved') {
			for (const file of added)
				await writes.queue(file, { collection: 'evaluations', docId: draft.doc.id });
		}
		return outcome;
	}

	return {
		/** Keeps the story as a draft, or sends it to the office (`submit`). */
		saveStory: (
			authorship: StoryAuthorship,
			prev: Story | null,
			form: StoryForm,
			submit: boolean
		) =>
			// Published photos are shown as pictures: a PDF the picker also takes is no photo.
			form.added.some((file) => file.type === 'application/pdf')
				? Promise.resolve<StoryOutcome>({ kind: 'problems', problems: ['photos-not-pictures'] })
				: written(
						storyDraft(
							{
								title: form.title,
								body: form.body,
								category: form.category,
								authorName: form.authorName,
								orgId: form.orgId,
								photos: [...form.kept, ...form.added.map((file) => file.hash)]
							},
							prev,
							{
								username: writes.username(),
								role: authorship.role,
								...(authorship.communityId ? { communityId: authorship.communityId } : {}),
								now: writes.now(),
								suffix: newItemSuffix()
							},
							submit
						),
						form.added
					),
		/** Withdraws a draft (a sent story stays: the office may be reading it). */
		deleteDraft: (story: Story) => writes.remove(story.id),
		/** The office publishes, returns or takes down a story. */
		review: (story: Story, prev: StoryReview | null, decision: OfficeDecision) =>
			written(reviewDraft(story, prev, decision, { by: writes.username(), now: writes.now() }))
	};
}
