import type { ServiceRecord } from './service-record';

/** How the community's step is done: by the source (check-in, claim decision), skipped (the branch's own activity), or by a review. */
export type ConfirmationPath = 'source' | 'branch' | 'review';

export function confirmationPath(
	record: Pick<ServiceRecord, 'origin' | 'branchId' | 'hostBranchId'>
): ConfirmationPath {
	if (record.hostBranchId !== undefined && record.hostBranchId === record.branchId) return 'branch';
	return record.origin === 'own' ? 'review' : 'source';
}

/**
 * Whether a correction of the record waits for the community's review: its asked values were
 * not seen by whoever confirmed the source, so only the branch's own activities skip it.
 */
export function correctionNeedsReview(
	record: Pick<ServiceRecord, 'branchId' | 'hostBranchId'>
): boolean {
	return record.hostBranchId === undefined || record.hostBranchId !== record.branchId;
}
