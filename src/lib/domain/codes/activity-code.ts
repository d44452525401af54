import { signText, verifyText } from './ed25519-signing';

/**
 * An activity check-in code: `A1~<activityId>~<window>~<signature>`, signed with the activity's own
 * key on an organiser's device. It changes every window, and a device accepts it only within one
 * window of its own clock, so a photo of an earlier code is worthless.
 */
export const ACTIVITY_CODE_PREFIX = 'A1';
export const CODE_WINDOW_MS = 30_000;
/** Windows either side of the scanning device's own that are still accepted (clock drift, slow scans). */
export const ACCEPTED_WINDOW_DRIFT = 1;
const SEPARATOR = '~';
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function codeWindowAt(at: Date | number): number {
	return Math.floor((typeof at === 'number' ? at : at.getTime()) / CODE_WINDOW_MS);
}

/** When the code of `window` stops being shown (the organiser's screen refreshes then). */
export function windowEndsAt(window: number): number {
	return (window + 1) * CODE_WINDOW_MS;
}

export function activityCodeFor(activityId: string, window: number, secretKey: string): string {
	const text = [ACTIVITY_CODE_PREFIX, activityId, String(window)].join(SEPARATOR);
	return `${text}${SEPARATOR}${signText(text, secretKey)}`;
}

export interface ReadActivityCode {
	activityId: string;
	window: number;
	signed: string;
	signature: string;
}

export function readActivityCode(text: string): ReadActivityCode | null {
	const parts = text.trim().split(SEPARATOR);
	if (parts.length !== 4 || parts[0] !== ACTIVITY_CODE_PREFIX) return null;
	const [, activityId = '', windowText = '', signature = ''] = parts;
	if (!ID.test(activityId) || !/^\d{1,12}$/.test(windowText)) return null;
	return {
		activityId,
		window: Number(windowText),
		signed: parts.slice(0, 3).join(SEPARATOR),
		signature
	};
}

export type ActivityCodeProblem =
	'malformed' | 'other-activity' | 'signature' | 'expired' | 'future';

/** Checks a scanned code for `activity` as seen at `at` (the scanning device's clock). */
export function checkActivityCode(
	text: string,
	activity: { id: string; publicKey: string },
	at: Date
): ActivityCodeProblem | null {
	const read = readActivityCode(text);
	if (!read) return 'malformed';
	if (read.activityId !== activity.id) return 'other-activity';
	if (!verifyText(read.signed, read.signature, activity.publicKey)) return 'signature';
	if (Number.isNaN(at.getTime())) return 'expired';
	const drift = read.window - codeWindowAt(at);
	if (drift < -ACCEPTED_WINDOW_DRIFT) return 'expired';
	if (drift > ACCEPTED_WINDOW_DRIFT) return 'future';
	return null;
}
