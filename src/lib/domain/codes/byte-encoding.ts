/**
 * Text forms of bytes for codes that travel in QR codes and documents. `btoa`/`atob` exist in
 * browsers and in Node, so the shared core needs no Buffer.
 */
export function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Null for anything that is not base64url, so a damaged code is refused, never thrown on. */
export function fromBase64Url(text: string): Uint8Array | null {
	if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
	const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
	const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
	// One spelling per value: spare bits in the last character would let a token vary unseen.
	return toBase64Url(bytes) === text ? bytes : null;
}

export function toHex(bytes: Uint8Array): string {
	return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function fromHex(text: string): Uint8Array | null {
	if (!/^(?:[0-9a-f]{2})*$/.test(text)) return null;
	return Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Crockford base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong. */
export function toCrockford(bytes: Uint8Array, length: number): string {
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5 && out.length < length) {
			out += CROCKFORD[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
		value &= (1 << bits) - 1;
	}
	return out;
}

/** What a person typed, in canonical form: upper case, look-alike letters mapped, separators dropped. */
export function normalizeCrockford(typed: string): string {
	return typed.toUpperCase().replace(/[\s-]/g, '').replaceAll('O', '0').replace(/[IL]/g, '1');
}
