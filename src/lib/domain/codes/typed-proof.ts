import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { normalizeCrockford, toBase64Url } from './byte-encoding';

/**
 * The proof of a check-in by typed short code: `T1~<HMAC-SHA256>`, keyed with the code itself over
 * the check-in's id and time. The kiosk makes it from the code typed in, the gateway from the
 * member's badge credential; whoever reads the check-in learns no code to type elsewhere, and the
 * proof fits no other activity, member, kind or time. Not keyed with the registry's digest of the
 * code: the member's branch secretary holds that digest, and could then make a proof for any
 * member of the branch without ever seeing a code.
 */
export const TYPED_PROOF_PREFIX = 'T1';

const encoder = new TextEncoder();

export function typedCodeProof(code: string, attendanceId: string, at: string): string {
	const key = encoder.encode(normalizeCrockford(code));
	const mac = hmac(sha256, key, encoder.encode(`${attendanceId}\n${at}`));
	return `${TYPED_PROOF_PREFIX}~${toBase64Url(mac)}`;
}
