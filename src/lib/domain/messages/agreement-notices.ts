import { agreementExpiringSoon, currentAgreement } from '../ledger/agreement-state';
import type { Agreement } from '../ledger/agreements';
import { agreementNoticeId, type Notice } from './notices';

/**
 * The agreements whose secretary is due the reminder of R3 ("30 days before the end"): of each
 * branch–community pair the current agreement (the latest start; a renewal already drawn up
 * replaces the old one), when the pair is still linked and that agreement is signed and ends
 * within 30 days. A draft or an expired one asks nothing of her.
 */
export function agreementsDueNotice(
	agreements: readonly Agreement[],
	linkedCommunityOf: (branchId: string) => string | null,
	now: Date
): Agreement[] {
	const branchIds = [...new Set(agreements.map((agreement) => agreement.branchId))];
	return branchIds.flatMap((branchId) => {
		const communityId = linkedCommunityOf(branchId);
		const current = communityId ? currentAgreement(agreements, branchId, communityId) : null;
		return current && agreementExpiringSoon(current, now) ? [current] : [];
	});
}

/** The agreement-ending notice to one of the branch's secretary accounts (before channels). */
export function agreementNotice(agreement: Agreement, username: string, now: Date): Notice {
	return {
		id: agreementNoticeId(username, agreement.branchId, agreement.endsOn),
		kind: 'agreement-ending',
		recipient: username,
		branchId: agreement.branchId,
		docCollection: 'ledger',
		docId: agreement.id,
		endsOn: agreement.endsOn,
		createdAt: now.toISOString(),
		channels: []
	};
}
