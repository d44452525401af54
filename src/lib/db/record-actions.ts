import type { FileOwner } from '../domain/files/file-rules';
import type { Member } from '../domain/people/members';
import type { Correction } from '../domain/records/corrections';
import {
	correctionOf,
	correctionProblems,
	newRecordKey,
	ownRecordOf,
	ownRecordProblems,
	resubmitReasonProblems,
	resubmittedRecord,
	withdrawnRecord,
	type CorrectionInput,
	type OwnRecordInput,
	type RecordProblem
} from '../domain/records/record-drafts';
import type { RecordView } from '../domain/records/record-status';
import type { ServiceRecord } from '../domain/records/service-record';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { queueEvidence, type PreparedEvidence } from './evidence.svelte';
import { writeChecked } from './local-write';
import type { WriteOutcome } from './write-outcome';

/** What a change of a record came to: problems to fix in the form first, or the write's outcome. */
export type RecordOutcome = { kind: 'problems'; problems: RecordProblem[] } | WriteOutcome;

/** A record's form: its values, the photos it keeps (hashes) and those just picked. */
export type OwnRecordForm = Omit<OwnRecordInput, 'photos'> & {
	kept: readonly string[];
	added: readonly PreparedEvidence[];
};

export type CorrectionForm = Omit<CorrectionInput, 'photos'> & {
	kept: readonly string[];
	added: readonly PreparedEvidence[];
};

const hashesOf = (form: { kept: readonly string[]; added: readonly PreparedEvidence[] }) => [
	...form.kept,
	...form.added.map((photo) => photo.hash)
];

/** Where the record actions write: the signed-in device, or a test's stand-in. */
export interface RecordWrites {
	/** The member's username: who changed a record, in its trail. */
	username(): string;
	/** Writes a document on the device after the gateway's own checks. */
	write(doc: ServiceRecord | Correction): Promise<WriteOutcome>;
	/** Queues a photo for upload beside the document citing it. */
	queue(photo: PreparedEvidence, owner: FileOwner): Promise<void>;
}

/**
 * What a member does with their records: add one of their own, resubmit it after a return,
 * withdraw it, ask for a correction. Each is checked first (the problems say what to fix), then
 * written on the device; new photos wait in the outbox until the document is on the server.
 * Call during component initialisation.
 */
export function recordActions() {
	const device = signedInDevice();
	return recordActionsOn({
		username: () => device.actor.username,
		write: (doc) => device.write((db, actor) => writeChecked(db, 'reports', actor, doc)),
		queue: queueEvidence
	});
}

export function recordActionsOn(writes: RecordWrites) {
	async function written(
		doc: ServiceRecord | Correction,
		added: readonly PreparedEvidence[]
	): Promise<WriteOutcome> {
		const outcome = await writes.write(doc);
		if (outcome.kind === 'saved') {
			for (const photo of added) {
				await writes.queue(photo, { collection: 'reports', docId: doc.id });
			}
		}
		return outcome;
	}

	return {
		/** A new record of the member's own; says its id once written. */
		addOwn: async (
			member: Pick<Member, 'id' | 'name' | 'branchId' | 'orgId'>,
			form: OwnRecordForm
		): Promise<RecordOutcome & { id?: string }> => {
			const now = currentTime();
			const values = { ...form, photos: hashesOf(form) };
			const problems = ownRecordProblems(values, now);
			if (problems.length > 0 || !values.at) return { kind: 'problems', problems };
			const record = ownRecordOf({
				member,
				by: writes.username(),
				key: newRecordKey(),
				values: { ...values, at: values.at },
				now
			});
			return { ...(await written(record, form.added)), id: record.id };
		},
		/** The next submission of a returned own record, with why it changed. */
		resubmit: async (
			record: ServiceRecord,
			form: OwnRecordForm,
			reason: string
		): Promise<RecordOutcome> => {
			const now = currentTime();
			const values = { ...form, photos: hashesOf(form) };
			const problems = [...ownRecordProblems(values, now), ...resubmitReasonProblems(reason)];
			if (problems.length > 0 || !values.at) return { kind: 'problems', problems };
			const next = resubmittedRecord({
				record,
				by: writes.username(),
				values: { ...values, at: values.at },
				reason,
				now
			});
			return written(next, form.added);
		},
		withdraw: (record: ServiceRecord): Promise<WriteOutcome> =>
			written(withdrawnRecord(record, writes.username(), currentTime()), []),
		/** A correction of a record (or its next submission after a return). */
		askCorrection: async (view: RecordView, form: CorrectionForm): Promise<RecordOutcome> => {
			const now = currentTime();
			const values: CorrectionInput = { ...form, photos: hashesOf(form) };
			const problems = correctionProblems(values, view.record, view.effective, now);
			if (problems.length > 0) return { kind: 'problems', problems };
			const correction = correctionOf({
				record: view.record,
				existing: view.correction?.correction ?? null,
				values,
				now
			});
			return written(correction, form.added);
		}
	};
}
