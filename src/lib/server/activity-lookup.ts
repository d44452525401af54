import { hasRole } from '../domain/access/roles';
import { checkActivityCode, readActivityCode } from '../domain/codes/activity-code';
import type { Activity } from '../domain/registry';
import { signedInEndpoint } from './api-endpoint';
import { HttpError, json, readJson } from './http-json';
import { plainOf, type StoredDoc } from './stored-doc';

const NOT_FOUND = new HttpError(404, 'not_found', 'No activity takes this code now.');

/**
 * `POST /api/activity-lookup` with `{"code"}`: the activity whose current check-in code a member
 * scanned, for a member whose device does not hold it (a walk-in at another community's
 * activity). A genuine, current code is the proof of being there; anything else, an unknown
 * activity included, gets the same "not found", so the answer tells nothing of hidden ones.
 */
export const handleActivityLookup = signedInEndpoint('POST', async (caller, context, request) => {
	if (!hasRole(caller.actor, 'member')) throw NOT_FOUND;
	const body = (await readJson(request)) as { code?: unknown } | null;
	const code = typeof body?.code === 'string' && body.code.length <= 600 ? body.code : '';
	const read = readActivityCode(code);
	if (!read) throw NOT_FOUND;
	const stored = await context.store
		.db('activities')
		.get<StoredDoc>(read.activityId)
		.catch(() => null);
	if (!stored || stored._deleted) throw NOT_FOUND;
	const activity = plainOf<Activity>(stored);
	if (checkActivityCode(code, activity, context.now())) throw NOT_FOUND;
	return json({ activity });
});
