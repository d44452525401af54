import { channel } from '../access/channels';
import type { Notice } from '../messages/notices';
import type { Move } from './allocation';
import { claimId, type Claim } from './claim-record';

/**
 * The word the claim worker sends a member about their claim: on the waiting list (and where), or
 * given a place from it. One id per move and position, so that recomputing an item (after a
 * crash, on another process) never tells the same news twice.
 */
export function claimNoticeOf(claim: Claim, move: Move, now: Date): Notice {
	return {
		id: move.topic === 'waiting' ? `${claim.id}.waiting.${move.position}` : `${claim.id}.promoted`,
		kind: 'claim',
		memberId: claim.memberId,
		docCollection: 'attendance',
		docId: claim.id,
		claimTopic: move.topic,
		...(move.topic === 'waiting' ? { position: move.position } : {}),
		createdAt: now.toISOString(),
		channels: [channel.member(claim.memberId)]
	};
}

/** The item a claim notice is about, read from its claim's id (`claimId(item, member)`). */
export function claimNoticeItemId(notice: Pick<Notice, 'docId' | 'memberId'>): string | null {
	const { docId, memberId } = notice;
	if (!docId || !memberId) return null;
	// The claim id is the item's id between a head and the member's tail.
	const [head = '', tail = ''] = claimId('\u0000', memberId).split('\u0000');
	if (docId.length <= head.length + tail.length) return null;
	if (!docId.startsWith(head) || !docId.endsWith(tail)) return null;
	return docId.slice(head.length, docId.length - tail.length);
}
