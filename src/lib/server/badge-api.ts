import { hasRole, isMember } from '../domain/access/roles';
import { signedInEndpoint } from './api-endpoint';
import { isValidId } from '../domain/schema/ids';
import { issueBadge, rotateIssuer, withdrawBadge } from './badge-issuer';
import { HttpError, json, readJson } from './http-json';

/**
 * `POST /api/badge`: issues the signed-in member a new badge, which revokes their older ones. The
 * token itself reaches the member's devices through sync (`credentials`), never in this answer.
 */
export const handleBadge = signedInEndpoint('POST', async (caller, context) => {
	const memberId = caller.actor.memberId;
	if (!memberId || !isMember(caller.actor, memberId)) {
		throw new HttpError(403, 'forbidden', 'Only party members carry a badge.');
	}
	const issued = await issueBadge(context.store, memberId, context.now());
	if (!issued.ok && issued.reason === 'contended') {
		throw new HttpError(409, 'conflict', 'Another re-issue of this badge is in progress.');
	}
	if (!issued.ok) throw new HttpError(404, 'not_found', 'No profile for this member.');
	return json({ serial: issued.serial }, 201);
});

/**
 * `POST /api/badge/issuer` (administrator): replaces the key that signs badges, for a suspected
 * leak. Every badge signed with the old key stops verifying; members re-issue theirs in the app.
 */
export const handleIssuerRotation = signedInEndpoint('POST', async (caller, context) => {
	if (!hasRole(caller.actor, 'admin')) {
		throw new HttpError(403, 'forbidden', 'Only the administrator rotates keys.');
	}
	const key = await rotateIssuer(context.store, context.now());
	return json({ keyId: key.keyId }, 201);
});

/**
 * `POST /api/badge/withdraw` (administrator) with `{"memberId"}`: a member who left the scheme.
 * Every badge of theirs is revoked — kiosks refuse it once they have synced the revocation list —
 * and the token leaves their devices.
 */
export const handleBadgeWithdrawal = signedInEndpoint('POST', async (caller, context, request) => {
	if (!hasRole(caller.actor, 'admin')) {
		throw new HttpError(403, 'forbidden', 'Only the administrator withdraws badges.');
	}
	const body = (await readJson(request)) as { memberId?: unknown } | null;
	const memberId = body?.memberId;
	if (typeof memberId !== 'string' || !isValidId(memberId)) {
		throw new HttpError(400, 'bad_request', 'Name the member: {"memberId"}.');
	}
	const withdrawn = await withdrawBadge(context.store, memberId, context.now());
	if (!withdrawn.ok) throw new HttpError(404, 'not_found', 'This member has no badge.');
	return json({ belowSerial: withdrawn.belowSerial });
});
