import { isCollectionName, type CollectionName } from '../domain/registry';
import { isRejectReason, type RejectReason } from '../domain/access/write-verdict';
import { isClaimProblem, type ClaimProblem } from '../domain/marketplace/claim-lifecycle';
import type { ClaimStatus } from '../domain/marketplace/claim-lifecycle';
import type { ItemKind, ItemState } from '../domain/marketplace/service-items';
import type { MessageKey } from './zh-CN';

/**
 * Labels of the registry's names. The template literal types make the compiler check that the
 * catalogs label every collection and every reason a write is refused for.
 */
export function collectionLabelKey(name: CollectionName): MessageKey {
	return `collection.${name}`;
}

export function reasonLabelKey(reason: RejectReason): MessageKey {
	return `reason.${reason}`;
}

/** The label of a collection named in a stored notice, when it is one the app knows. */
export function storedCollectionLabelKey(name: string | undefined): MessageKey | null {
	if (!name || !isCollectionName(name)) return null;
	return collectionLabelKey(name);
}

/** The label of a refusal reason named in a stored notice, when it is one the app knows. */
export function storedReasonLabelKey(reason: string | undefined): MessageKey | null {
	return isRejectReason(reason) ? reasonLabelKey(reason) : null;
}

/** The kinds of documents issue 17 added: service records, their corrections and approvals, fixes, schemes. */
export const RECORD_KIND_NAMES = [
	'service-record',
	'correction',
	'approval',
	'fix',
	'points-scheme'
] as const;

export function recordKindLabelKey(kind: (typeof RECORD_KIND_NAMES)[number]): MessageKey {
	return `recordKinds.kind.${kind}`;
}

/** The kinds of the ledger (issue 18): 协议书, 兼职委员, 清单事项, 联席会议纪要. */
export const LEDGER_KIND_NAMES = ['agreement', 'committee-seat', 'list-item', 'minutes'] as const;

export function ledgerKindLabelKey(kind: (typeof LEDGER_KIND_NAMES)[number]): MessageKey {
	return `ledgerKinds.kind.${kind}`;
}

/** The label of a service item's kind: 服务项目, 服务岗位, 居民需求, 微心愿. */
export function itemKindLabelKey(kind: ItemKind): MessageKey {
	return `items.kind.${kind}`;
}

export function itemStateLabelKey(state: ItemState): MessageKey {
	return `items.state.${state}`;
}

/** What a claim shows (claimStatus), in words. */
export function claimStatusLabelKey(status: ClaimStatus): MessageKey {
	return `items.status.${status}`;
}

/** Why a claim, cancel, done or decision is refused, in words: on the device and in a notice. */
export function claimProblemLabelKey(problem: ClaimProblem): MessageKey {
	return `items.refusal.${problem}`;
}

/**
 * The words of a stored refusal: the marketplace's rules say exactly why (「名额和候补名单都已满」),
 * others by their reason; null when this version knows neither.
 */
export function storedRefusalLabelKey(
	reason: string | undefined,
	detail: string | undefined
): MessageKey | null {
	return isClaimProblem(detail) ? claimProblemLabelKey(detail) : storedReasonLabelKey(reason);
}
