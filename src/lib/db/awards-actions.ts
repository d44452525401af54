import {
	announceAward,
	decideAward,
	draftAward,
	outcomeDraft,
	publishAward,
	removeNominee,
	reopenAward,
	type AwardDraft,
	type AwardProblem,
	type NoticeStatus,
	type Writer
} from '../domain/awards/award-drafts';
import type { Award, AwardType, Nominee } from '../domain/awards/awards';
import type {
	Objection,
	ObjectionOutcome,
	ObjectionOutcomeValue
} from '../domain/awards/objections';
import type { EvaluationDoc } from '../domain/registry';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { writeChecked } from './local-write';
import type { WriteOutcome } from './write-outcome';

/** What an office's step came to: what to fix first, or the write's outcome. */
export type AwardOutcome = { kind: 'problems'; problems: AwardProblem[] } | WriteOutcome;

export interface Bureau {
	orgId: string;
	orgName: string;
	year: number;
}

/** Where the award steps write: the signed-in device, or a test's stand-in. */
export interface AwardWrites {
	writer(): Writer;
	write(doc: EvaluationDoc): Promise<WriteOutcome>;
	/** Pulls now: objections are written by the server. */
	sync(): Promise<void>;
}

/**
 * The office's steps with an award (R18): each is checked by the domain first, then written on
 * the device (offline too), then synced. Call during component initialisation.
 */
export function awardActions() {
	const device = signedInDevice();
	return awardActionsOn({
		writer: () => ({ by: device.actor.username, now: currentTime() }),
		write: (doc) => device.write((db, actor) => writeChecked(db, 'evaluations', actor, doc)),
		sync: () => device.syncNow()
	});
}

export function awardActionsOn(writes: AwardWrites) {
	async function written<T extends EvaluationDoc>(draft: AwardDraft<T>): Promise<AwardOutcome> {
		if (!draft.ok) return { kind: 'problems', problems: draft.problems };
		return writes.write(draft.doc);
	}
	return {
		saveDraft: (prev: Award | null, bureau: Bureau, type: AwardType, nominees: Nominee[]) =>
			written(draftAward(prev, { ...bureau, type }, nominees, writes.writer())),
		decide: (prev: Award) => written(decideAward(prev, writes.writer())),
		reopen: (prev: Award) => written(reopenAward(prev, writes.writer())),
		announce: (prev: Award, terms: { startsOn: string; days: number }) =>
			written(announceAward(prev, terms, writes.writer())),
		removeNominee: (prev: Award, memberId: string, outcome: ObjectionOutcome) =>
			written(removeNominee(prev, memberId, outcome, writes.writer())),
		publish: (prev: Award, status: NoticeStatus) =>
			written(publishAward(prev, status, writes.writer())),
		answer: (objection: Objection, outcome: ObjectionOutcomeValue, note: string) =>
			written(outcomeDraft(objection, outcome, note, writes.writer())),
		refresh: () => writes.sync()
	};
}
