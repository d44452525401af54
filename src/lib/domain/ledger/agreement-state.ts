import { instantToShanghaiLocal } from '../calendar/shanghai-calendar';
import { isSigned, type Agreement, type AgreementState } from './agreements';

/** R3: the secretary is reminded this many days before an agreement ends. */
export const EXPIRING_WITHIN_DAYS = 30;

const DAY_MS = 86_400_000;

/** Days from one `YYYY-MM-DD` to another, by the calendar (negative when `to` is earlier). */
function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Today in Shanghai, `YYYY-MM-DD`: an agreement runs by the dates on its paper. */
export function shanghaiToday(now: Date): string {
	return instantToShanghaiLocal(now).slice(0, 10);
}

/** Days left until the agreement's last day (0 on it, negative once it has ended). */
export function daysLeft(agreement: Pick<Agreement, 'endsOn'>, now: Date): number {
	return daysBetween(shanghaiToday(now), agreement.endsOn);
}

/**
 * 未签署 until it is signed with its scan; 已到期 after its last day (`endsOn`); 即将到期 within
 * 30 days of it; else 有效.
 */
export function agreementState(
	agreement: Pick<Agreement, 'endsOn' | 'signedOn' | 'file'>,
	now: Date
): AgreementState {
	if (!isSigned(agreement)) return 'draft';
	const left = daysLeft(agreement, now);
	if (left < 0) return 'expired';
	return left <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'signed';
}

/** Whether the secretary should be reminded to renew it now. */
export function agreementExpiringSoon(
	agreement: Pick<Agreement, 'endsOn' | 'signedOn' | 'file'>,
	now: Date
): boolean {
	return agreementState(agreement, now) === 'expiring';
}

/**
 * A pair's current agreement: the latest to start. A renewal replaces the one before, as a draft
 * too, so that it is the one the secretary edits and signs.
 */
export function currentAgreement(
	agreements: readonly Agreement[],
	branchId: string,
	communityId: string
): Agreement | null {
	return agreements
		.filter((a) => a.branchId === branchId && a.communityId === communityId)
		.reduce<Agreement | null>(
			(latest, a) => (!latest || a.startsOn > latest.startsOn ? a : latest),
			null
		);
}
