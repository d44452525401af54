/**
 * One-time rating tokens for residents (述职评议, R9): sixteen characters of Crockford's base32
 * (80 bits), printed on a slip as a QR code of the public page's link and as a typed form. The
 * server keeps only their hashes. Typed tokens forgive case, spaces, dashes, full-width
 * characters, I/L for 1 and O for 0.
 */
export const RATING_TOKEN_LENGTH = 16;
export const MAX_TOKENS_PER_ISSUE = 200;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LOOKALIKES: Record<string, string> = { I: '1', L: '1', O: '0' };

/** A token from random bytes (at least RATING_TOKEN_LENGTH), one character per byte's low bits. */
export function ratingTokenFrom(random: Uint8Array): string {
	if (random.length < RATING_TOKEN_LENGTH) throw new Error('Too few random bytes.');
	let token = '';
	for (let i = 0; i < RATING_TOKEN_LENGTH; i++) token += ALPHABET[random[i]! & 31];
	return token;
}

/** The token as typed or scanned, in its canonical form; null when it cannot be one. */
export function normalizeRatingToken(typed: string): string | null {
	const cleaned = typed
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/[ILO]/g, (c) => LOOKALIKES[c] ?? c);
	if (cleaned.length !== RATING_TOKEN_LENGTH) return null;
	return [...cleaned].every((c) => ALPHABET.includes(c)) ? cleaned : null;
}

/** XXXX-XXXX-XXXX-XXXX: groups of four are easier to read and type. */
export function formatRatingToken(token: string): string {
	return token.match(/.{1,4}/g)?.join('-') ?? token;
}

/** In the fragment, which browsers never send to a server or put in its logs. */
export function ratingLink(origin: string, token: string): string {
	return `${origin}/public/rate#t=${token}`;
}

/** The token a page's fragment carries (`#t=…`), or null. */
export function tokenOfFragment(hash: string): string | null {
	const value = new URLSearchParams(hash.replace(/^#/, '')).get('t');
	return value ? normalizeRatingToken(value) : null;
}

/** Whether a count of tokens to issue is allowed: 1 to 200. */
export function isTokenCount(value: unknown): value is number {
	return (
		Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_TOKENS_PER_ISSUE
	);
}
