import { hasRole } from '../domain/access/roles';
import { signedInEndpoint } from './api-endpoint';
import { AUDIT_ACTIONS, LOG_PREFIX, readAudit, type AuditAction } from './audit-log';
import { HttpError, json } from './http-json';

const MAX_CURSOR_LENGTH = 100;
const MAX_ACTOR_LENGTH = 64;

/** `GET /api/audit?action=&actor=&cursor=`: the log, newest first, for the admin alone (else 404). */
export const handleAudit = signedInEndpoint('GET', async (caller, context, request) => {
	if (!hasRole(caller.actor, 'admin')) throw new HttpError(404, 'not_found', 'Not found.');
	const params = new URL(request.url).searchParams;
	const action = params.get('action') || undefined;
	const actor = params.get('actor') || undefined;
	const cursor = params.get('cursor') || undefined;
	if (action !== undefined && !AUDIT_ACTIONS.includes(action as AuditAction))
		throw new HttpError(400, 'bad_request', 'Unknown action.');
	if (actor !== undefined && actor.length > MAX_ACTOR_LENGTH)
		throw new HttpError(400, 'bad_request', 'Actor too long.');
	if (cursor !== undefined && (!cursor.startsWith(LOG_PREFIX) || cursor.length > MAX_CURSOR_LENGTH))
		throw new HttpError(400, 'bad_request', 'Bad cursor.');
	return json(
		await readAudit(context.store, {
			...(action ? { action: action as AuditAction } : {}),
			...(actor ? { actor } : {}),
			...(cursor ? { cursor } : {})
		})
	);
});
