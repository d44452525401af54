import type { QueueRow } from '../domain/records/approval-queue';
import { approvalOf } from '../domain/records/record-drafts';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { ownFields, writeAllChecked } from './local-write';
import type { WriteOutcome } from './write-outcome';

/** The document a row's approval is about: the record, or the correction asked of it. */
function subjectOf(row: QueueRow) {
	return ownFields(row.correction ?? row.view.record);
}

/**
 * The secretary's decisions on records and corrections. Every approval of a batch is checked as
 * the gateway would, then stored in one bulk write with one time. Call during component
 * initialisation.
 */
export function approvalActions() {
	const device = signedInDevice();
	return {
		approveAll: (rows: readonly QueueRow[]): Promise<WriteOutcome> =>
			device.write((db, actor) => {
				const at = currentTime();
				return writeAllChecked(
					db,
					'reviews',
					actor,
					rows.map((row) => {
						const subject = subjectOf(row);
						return {
							next: approvalOf(subject, actor.username, { decision: 'approved' }, at),
							subject
						};
					})
				);
			}),
		returnOne: (row: QueueRow, reason: string): Promise<WriteOutcome> =>
			device.write((db, actor) => {
				const subject = subjectOf(row);
				const next = approvalOf(
					subject,
					actor.username,
					{ decision: 'returned', reason: reason.trim() },
					currentTime()
				);
				return writeAllChecked(db, 'reviews', actor, [{ next, subject }]);
			})
	};
}
