/**
 * One-time activation codes: ten characters of Crockford's base32 (50 bits), printed on a slip or
 * shared as a link, with which a person sets their first password. Typed codes forgive what people
 * get wrong on paper: case, spaces, dashes, full-width characters, I/L for 1 and O for 0.
 */
export const ACTIVATION_CODE_LENGTH = 10;
export const ACTIVATION_TTL_DAYS = 14;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LOOKALIKES: Record<string, string> = { I: '1', L: '1', O: '0' };

/**
 * A code from random bytes (at least ACTIVATION_CODE_LENGTH): each byte gives one character by
 * its low five bits, uniform since 256 is a multiple of 32. The randomness comes from the caller.
 */
export function activationCodeFrom(random: Uint8Array): string {
	if (random.length < ACTIVATION_CODE_LENGTH) throw new Error('Too few random bytes.');
	let code = '';
	for (let i = 0; i < ACTIVATION_CODE_LENGTH; i++) code += ALPHABET[random[i]! & 31];
	return code;
}

/** The code as typed or scanned, in its canonical form; null when it cannot be a code. */
export function normalizeActivationCode(typed: string): string | null {
	const cleaned = typed
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/[ILO]/g, (c) => LOOKALIKES[c] ?? c);
	if (cleaned.length !== ACTIVATION_CODE_LENGTH) return null;
	return [...cleaned].every((c) => ALPHABET.includes(c)) ? cleaned : null;
}

/** XXXXX-XXXXX: two halves are easier to read out and type. */
export function formatActivationCode(code: string): string {
	const half = ACTIVATION_CODE_LENGTH / 2;
	return `${code.slice(0, half)}-${code.slice(half)}`;
}

/** In the fragment, which browsers never send to a server or put in its logs. */
export function activationLink(origin: string, code: string): string {
	return `${origin}/activate#code=${code}`;
}

/** When a code issued at `issuedAt` stops working. */
export function activationExpiry(issuedAt: Date): Date {
	return new Date(issuedAt.getTime() + ACTIVATION_TTL_DAYS * 24 * 60 * 60 * 1000);
}
