import { isActivity } from '../domain/events/activities';
import { mayOrganiseIn, type Activity } from '../domain/events/activities';
import { actorOf, findAccount, type Account } from './accounts';
import { signedInEndpoint } from './api-endpoint';
import { HttpError, json } from './http-json';
import { branchBureaus, mayReadDetail } from './record-detail';
import type { ServerContext } from './server-context';
import { plainOf, type StoredDoc } from './stored-doc';

/** A person as an activity form or card names them: never more than the name. */
export interface OrganiserName {
	username: string;
	name: string;
}

const NOT_FOUND = new HttpError(404, 'not_found', 'Nothing to name here.');
const ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Names for organisers, which activities record as usernames; devices hold no accounts.
 * - `GET /api/organisers?activity=<id>`: the names of an activity's organisers, for whoever may
 *   read the activity (in detail, as the office does); one hidden from the caller answers like a
 *   missing one.
 * - `GET /api/organisers?community=<id>[&branch=<id>]`: the people who may organise an activity
 *   there (the community's staff, the host branch's secretary), for a caller who may organise
 *   there — the choice the new-activity form offers.
 */
export const handleOrganiserNames = signedInEndpoint('GET', async (caller, context, request) => {
	const query = new URL(request.url).searchParams;
	const activityId = query.get('activity');
	if (activityId !== null) {
		const activity = ID.test(activityId) ? await readActivity(context, activityId) : null;
		if (!activity) throw NOT_FOUND;
		const bureaus = branchBureaus(context);
		await bureaus.load(activity.hostBranchId ? [activity.hostBranchId] : []);
		const doc = activity as unknown as Record<string, unknown>;
		if (!mayReadDetail(caller, 'activities', doc, bureaus.bureauOf)) throw NOT_FOUND;
		return json({ people: await namesOf(context, activity.organisers) });
	}
	const communityId = query.get('community') ?? '';
	const branchId = query.get('branch');
	if (!ID.test(communityId) || (branchId !== null && !ID.test(branchId))) throw NOT_FOUND;
	const place = { communityId, ...(branchId ? { hostBranchId: branchId } : {}) };
	if (!mayOrganiseIn(caller.actor, place)) throw NOT_FOUND;
	const accounts = await allAccounts(context);
	return json({
		people: accounts
			.filter((account) => mayOrganiseIn(actorOf(account), place))
			.map((account) => ({ username: account._id, name: account.displayName }))
	});
});

async function readActivity(context: ServerContext, id: string): Promise<Activity | null> {
	const stored = await context.store
		.db('activities')
		.get<StoredDoc>(id)
		.catch(() => null);
	// A service item shares the collection: it names no organisers.
	return stored && !stored._deleted && isActivity(stored) ? plainOf<Activity>(stored) : null;
}

/** Names of the usernames that are accounts; an account since removed is left out. */
async function namesOf(
	context: ServerContext,
	usernames: readonly string[]
): Promise<OrganiserName[]> {
	const accounts = await Promise.all(
		usernames.map((username) => findAccount(context.store.db('accounts'), username))
	);
	return accounts.flatMap((account) =>
		account ? [{ username: account._id, name: account.displayName }] : []
	);
}

/**
 * Every account: a deployment has some thousands, and creating an activity is rare; an index by
 * role would be the step if that changes.
 */
async function allAccounts(context: ServerContext): Promise<Account[]> {
	const all = await context.store.db('accounts').allDocs({ include_docs: true });
	return all.rows.flatMap((row) =>
		row.doc && !row.id.startsWith('_design/') ? [row.doc as unknown as Account] : []
	);
}
