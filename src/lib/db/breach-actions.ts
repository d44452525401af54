import type { BreachCaseView } from '../domain/conduct/breach-cases';
import {
	breachDraft,
	decisionDraft,
	responseDraft,
	type BreachDraft,
	type BreachInput,
	type BreachProblem
} from '../domain/conduct/breach-drafts';
import type { BreachDecision, BreachOutcome } from '../domain/conduct/breach-decisions';
import type { BreachResponse } from '../domain/conduct/breach-responses';
import type { BreachSeverity } from '../domain/conduct/breach-status';
import { newBreachSuffix, type Breach } from '../domain/conduct/breaches';
import type { FileOwner } from '../domain/files/file-rules';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { queueEvidence, type PreparedEvidence } from './evidence.svelte';
import { deleteChecked, writeChecked } from './local-write';
import type { WriteOutcome } from './write-outcome';

/** What a change came to: problems to fix in the form first, or the write's outcome. */
export type BreachActionOutcome = { kind: 'problems'; problems: BreachProblem[] } | WriteOutcome;

/** Photos a form keeps (already cited) and those just picked, which wait to be uploaded. */
export interface BreachFiles {
	kept: readonly string[];
	added: readonly PreparedEvidence[];
}

export type BreachForm = Omit<BreachInput, 'evidence'> & BreachFiles;
export type ResponseForm = { statement: string } & BreachFiles;
export interface DecisionForm {
	outcome: BreachOutcome | '';
	severity: BreachSeverity | '';
	grounds: string;
}

/** Where the breach actions write: the signed-in device, or a test's stand-in. */
export interface BreachWrites {
	username(): string;
	now(): Date;
	write(doc: Breach | BreachResponse | BreachDecision): Promise<WriteOutcome>;
	remove(id: string): Promise<WriteOutcome>;
	queue(file: PreparedEvidence, owner: FileOwner): Promise<void>;
}

/**
 * Reporting a breach, responding to it, deciding it and withdrawing it, on the device (offline
 * too): photos wait in the outbox until the document citing them is on the server. Call during
 * component init.
 */
export function breachActions() {
	const device = signedInDevice();
	return breachActionsOn({
		username: () => device.actor.username,
		now: currentTime,
		write: (doc) => device.write((db, actor) => writeChecked(db, 'evaluations', actor, doc)),
		remove: (id) => device.write((db, actor) => deleteChecked(db, 'evaluations', actor, id)),
		queue: queueEvidence
	});
}

const hashesOf = (files: BreachFiles) => [...files.kept, ...files.added.map((file) => file.hash)];

export function breachActionsOn(writes: BreachWrites) {
	async function written<T extends Breach | BreachResponse | BreachDecision>(
		draft: BreachDraft<T>,
		added: readonly PreparedEvidence[] = []
	): Promise<BreachActionOutcome> {
		if (!draft.ok) return { kind: 'problems', problems: draft.problems };
		const outcome = await writes.write(draft.doc);
		if (outcome.kind === 'saved') {
			for (const file of added)
				await writes.queue(file, { collection: 'evaluations', docId: draft.doc.id });
		}
		return outcome;
	}
	const who = () => ({ by: writes.username(), now: writes.now() });

	return {
		report: (form: BreachForm) =>
			written(
				breachDraft({ ...form, evidence: hashesOf(form) }, who(), newBreachSuffix()),
				form.added
			),
		respond: (view: BreachCaseView, form: ResponseForm) =>
			written(
				responseDraft(
					view.breach,
					view.decision !== null,
					{ statement: form.statement, evidence: hashesOf(form) },
					who()
				),
				form.added
			),
		decide: (view: BreachCaseView, form: DecisionForm) =>
			written(decisionDraft(view.breach, view.decision !== null, form, who())),
		/** Only an undecided breach goes (the policy says). */
		withdraw: (view: BreachCaseView): Promise<WriteOutcome> => writes.remove(view.breach.id)
	};
}
