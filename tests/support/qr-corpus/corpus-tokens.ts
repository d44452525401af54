import { activityCodeFor, codeWindowAt } from '../../../src/lib/domain/codes/activity-code';
import { presentBadge } from '../../../src/lib/domain/codes/badge-presentation';
import { issueBadgeToken, type BadgeClaims } from '../../../src/lib/domain/codes/badge-token';
import { toHex } from '../../../src/lib/domain/codes/byte-encoding';
import { publicKeyOf, signText } from '../../../src/lib/domain/codes/ed25519-signing';
import { newActivityId } from '../../../src/lib/domain/events/event-drafts';
import type { CorpusRandom } from './corpus-random';

/**
 * Every text the app shows or prints as a QR code, and that a scanner must therefore read:
 * - `activity`: an activity's rotating check-in code (`A1~…`), on the organiser's screen;
 * - `presentation`: a member's live badge (`BP1~…`, the longest), on the member's phone;
 * - `badge`: a bare badge token (`B2~…`), a screenshot or print that the kiosk reads to refuse;
 * - `legacy-badge`: a badge from before badges had keys (`B1~…`), read to ask for a re-issue.
 * Typed proofs (`T1~…`) are never drawn as codes.
 */
export const TOKEN_KINDS = ['activity', 'presentation', 'badge', 'legacy-badge'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** Names as the demo's members carry them: short Han names, and a long transliterated one. */
const NAMES = ['王芳', '李建国', '张伟', '欧阳晓东', '阿依古丽·买买提', '陈静'];

function secretKey(random: CorpusRandom): string {
	return toHex(Uint8Array.from({ length: 32 }, () => random.int(0, 255)));
}

function claims(random: CorpusRandom, badgeKey: string): BadgeClaims {
	return {
		keyId: `k${toHex(Uint8Array.from({ length: 5 }, () => random.int(0, 255)))}`,
		memberId: `m${String(random.int(1, 999)).padStart(3, '0')}`,
		branchId: `br${random.int(1, 40)}`,
		orgId: random.pick(['org-zjj', 'org-zcz']),
		serial: random.int(1, 3),
		name: random.pick(NAMES),
		badgeKey
	};
}

/** A real token of `kind`, signed with keys drawn from `random`, as the app would make it. */
export function corpusToken(kind: TokenKind, random: CorpusRandom): string {
	const now = new Date(Date.UTC(2026, random.int(0, 11), random.int(1, 28), random.int(0, 23)));
	const window = codeWindowAt(now);
	if (kind === 'activity') {
		return activityCodeFor(
			newActivityId(now, () => random.next()),
			window,
			secretKey(random)
		);
	}
	const badgeSecret = secretKey(random);
	const badge = claims(random, publicKeyOf(badgeSecret) ?? '');
	const token = issueBadgeToken(badge, secretKey(random));
	if (kind === 'presentation') return presentBadge(token, window, badgeSecret);
	if (kind === 'badge') return token;
	// A B1 badge: the B2 fields without the badge key, signed by the issuer as badges once were.
	const parts = token.split('~');
	const signed = ['B1', ...parts.slice(1, 7)].join('~');
	return `${signed}~${signText(signed, secretKey(random))}`;
}
