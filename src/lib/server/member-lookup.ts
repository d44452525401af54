import { isActivity } from '../domain/events/activities';
import { checkInClosure } from '../domain/events/check-in-window';
import { isValidId } from '../domain/schema/ids';
import type { Activity, Member } from '../domain/registry';
import { signedInEndpoint, type ApiHandler } from './api-endpoint';
import { HttpError, json, readJson } from './http-json';
import type { MobileIndex } from './mobile-index';
import { plainOf, type StoredDoc } from './stored-doc';
import { TokenBuckets, type BucketRule } from './token-buckets';

/** Lookups one person may make: a queue of walk-ins at the door, not a sweep of numbers. */
export const MEMBER_LOOKUP_RULE: BucketRule = { burst: 20, perMinute: 6 };

const NOT_FOUND = new HttpError(404, 'not_found', 'No member found for this activity and number.');

/** The 11 digits of a mainland mobile number, typed with spaces, dashes or +86; null otherwise. */
export function mobileDigits(typed: string): string | null {
	const digits = typed.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
	return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/**
 * `POST /api/member-lookup` with `{"activityId", "mobile"}`: the member whose full mobile number an
 * organiser typed for a walk-in, while that activity takes check-ins — organisers' devices hold no
 * other members' numbers. The answer is the name, branch and bureau a check-in records, never the
 * number; an activity the caller does not organise, one closed, or no such member all get the
 * same "not found", and each caller has a small budget of lookups.
 */
export function memberLookupEndpoint(index: MobileIndex, maxTracked = 10_000): ApiHandler {
	const limits = new TokenBuckets(maxTracked);
	return signedInEndpoint('POST', async (caller, context, request) => {
		const now = context.now();
		const verdict = limits.take(caller.actor.username, MEMBER_LOOKUP_RULE, now.getTime());
		if (!verdict.ok) {
			return json(
				{ error: 'too_many_requests', reason: 'Too many lookups; try again later.' },
				429,
				{ 'retry-after': String(verdict.retryAfterSeconds) }
			);
		}
		const body = (await readJson(request)) as { activityId?: unknown; mobile?: unknown } | null;
		const mobile = typeof body?.mobile === 'string' ? mobileDigits(body.mobile.slice(0, 40)) : null;
		if (!mobile) throw new HttpError(400, 'invalid_mobile', 'Give an 11-digit mobile number.');
		const activityId = body?.activityId;
		if (!isValidId(activityId)) throw NOT_FOUND;
		const stored = await context.store
			.db('activities')
			.get<StoredDoc>(activityId)
			.catch(() => null);
		if (!stored || stored._deleted || !isActivity(stored)) throw NOT_FOUND;
		const activity = plainOf<Activity>(stored);
		if (!activity.organisers.includes(caller.actor.username) || checkInClosure(activity, now)) {
			throw NOT_FOUND;
		}
		const memberId = await index.memberIdOf(mobile);
		const member = memberId
			? await context.store
					.db('members')
					.get<StoredDoc>(memberId)
					.catch(() => null)
			: null;
		if (!member || member._deleted) throw NOT_FOUND;
		const { id, name, branchId, orgId } = plainOf<Member>(member);
		return json({ person: { memberId: id, memberName: name, branchId, orgId } });
	});
}
