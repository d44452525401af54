import { ACCEPTED_WINDOW_DRIFT, codeWindowAt } from './activity-code';
import {
	BADGE_PREFIX,
	checkBadgeToken,
	LEGACY_BADGE_PREFIX,
	readBadgeToken,
	type BadgeClaims,
	type BadgeProblem,
	type BadgeTrust
} from './badge-token';
import { signText, verifyText } from './ed25519-signing';

/**
 * What a member's phone shows instead of the badge: `BP1~<window>~<token>~<signature>`, the
 * badge's own secret key signing the 30-second window of the phone's clock and the token. Only
 * the member's devices hold that key, and a presentation is good within one window of the
 * checker's clock, so one seen in a check-in (or photographed) admits nobody later.
 */
export const PRESENTATION_PREFIX = 'BP1';
const SEPARATOR = '~';

/**
 * `static`: a badge token shown as it is, without a presentation (a screenshot of an old screen,
 * a printed badge); `legacy`: a badge from before badges had keys. Both: show the live badge.
 */
export type PresentationProblem = BadgeProblem | 'static' | 'legacy' | 'expired' | 'future';

export type PresentationCheck =
	{ ok: true; claims: BadgeClaims } | { ok: false; problem: PresentationProblem };

export function presentBadge(token: string, window: number, badgeSecretKey: string): string {
	const text = [PRESENTATION_PREFIX, String(window), token].join(SEPARATOR);
	return `${text}${SEPARATOR}${signText(text, badgeSecretKey)}`;
}

interface ReadPresentation {
	window: number;
	token: string;
	signed: string;
	signature: string;
}

/** Parses without verifying; null for anything that is not a presentation. */
export function readBadgePresentation(text: string): ReadPresentation | null {
	const trimmed = text.trim();
	const parts = trimmed.split(SEPARATOR);
	const [prefix, windowText = ''] = parts;
	if (parts.length < 4 || prefix !== PRESENTATION_PREFIX || !/^\d{1,12}$/.test(windowText)) {
		return null;
	}
	const cut = trimmed.lastIndexOf(SEPARATOR);
	return {
		window: Number(windowText),
		token: parts.slice(2, -1).join(SEPARATOR),
		signed: trimmed.slice(0, cut),
		signature: trimmed.slice(cut + 1)
	};
}

/** What a scanned text is, when it is not a presentation: a bare badge, an old one, or nothing. */
function bareBadgeProblem(text: string): PresentationProblem {
	const prefix = text.trim().split(SEPARATOR, 1)[0];
	if (prefix === LEGACY_BADGE_PREFIX) return 'legacy';
	return prefix === BADGE_PREFIX && readBadgeToken(text) ? 'static' : 'malformed';
}

/**
 * Checks a presentation as seen at `at` (the kiosk's clock, or the check-in's time at the
 * gateway): a valid, unrevoked badge whose own key signed a window within one of `at`'s.
 */
export function checkBadgePresentation(
	text: string,
	trust: BadgeTrust,
	at: Date
): PresentationCheck {
	const read = readBadgePresentation(text);
	if (!read) return { ok: false, problem: bareBadgeProblem(text) };
	const badge = checkBadgeToken(read.token, trust);
	if (!badge.ok) return badge;
	if (!verifyText(read.signed, read.signature, badge.claims.badgeKey)) {
		return { ok: false, problem: 'signature' };
	}
	if (Number.isNaN(at.getTime())) return { ok: false, problem: 'expired' };
	const drift = read.window - codeWindowAt(at);
	if (drift < -ACCEPTED_WINDOW_DRIFT) return { ok: false, problem: 'expired' };
	if (drift > ACCEPTED_WINDOW_DRIFT) return { ok: false, problem: 'future' };
	return badge;
}
