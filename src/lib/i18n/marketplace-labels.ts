import type { ClaimProblem, ClaimStatus } from '../domain/marketplace/claim-lifecycle';
import type { ClaimDecision } from '../domain/marketplace/claim-decisions';
import type { ClaimStanding } from '../domain/marketplace/claim-standings';
import type { PlacesLeft } from '../domain/marketplace/places-left';
import type { MatchReason } from '../domain/marketplace/ranking';
import type { Shift } from '../domain/marketplace/service-items';
import { t } from './i18n.svelte';
import { tagLabel } from './vocabulary-labels';

/** One point of fit in words: the tag's name, or the member's free time that fits. */
export function reasonText(reason: MatchReason): string {
	return reason.kind === 'tag'
		? tagLabel(reason.vocabulary, reason.tag)
		: t(`marketplace.slot.${reason.slot}`);
}

/** "匹配：电工 · 周末可参加"; empty when nothing matched. */
export function reasonsLine(reasons: readonly MatchReason[]): string {
	return reasons.length === 0
		? ''
		: t('marketplace.reasons', { reasons: reasons.map(reasonText).join(' · ') });
}

export function placesText(places: PlacesLeft): string {
	if (places.kind === 'free') return t('marketplace.places.left', { count: places.left });
	return places.kind === 'waitlist'
		? t('marketplace.places.waitlist')
		: t('marketplace.places.full');
}

/** 周六 09:00–11:00 */
export function shiftText(shift: Shift): string {
	return t('marketplace.shift', {
		weekday: t(`marketplace.weekday.${shift.weekday}` as 'marketplace.weekday.1'),
		start: shift.start,
		end: shift.end
	});
}

/** A claim's status in words: 候补第N位, 被退回（原因）, … */
export function statusText(
	status: ClaimStatus,
	standing: Pick<ClaimStanding, 'position'> | null,
	decision: Pick<ClaimDecision, 'reason'> | null
): string {
	if (status === 'waiting')
		return t('marketplace.status.waiting', { position: standing?.position ?? '?' });
	if (status === 'returned')
		return t('marketplace.status.returned', { reason: decision?.reason ?? '' });
	return t(`marketplace.status.${status}`);
}

export function problemText(problem: ClaimProblem): string {
	return t(`marketplace.problem.${problem}`);
}
