import { describe, expect, it } from 'vitest';
import {
	isMember,
	isOfficeOf,
	isSecretaryOf,
	isStaffOf,
	type Actor,
	type RoleGrant
} from './roles';

/**
 * Cases found by mutation testing (docs/testing.md): a grant counts for its own role only, whatever
 * else it carries. Grants are stored on the server; one written with a stray field (a member grant
 * naming a branch, say) must not make its holder the branch's secretary.
 */

const strayed = (grant: Record<string, string>) => grant as unknown as RoleGrant;

describe('role checks, as mutation testing probed them', () => {
	it('count a grant for its own role only', () => {
		const actor: Actor = {
			username: 'member1',
			memberId: 'm001',
			roles: [strayed({ role: 'member', branchId: 'br1', communityId: 'cm2', orgId: 'org-a' })]
		};
		expect(isSecretaryOf(actor, 'br1')).toBe(false);
		expect(isStaffOf(actor, 'cm2')).toBe(false);
		expect(isOfficeOf(actor, 'org-a')).toBe(false);
	});

	it('never take an account without a member id for the member of a document without one', () => {
		const staffMember: Actor = { username: 'community2', roles: [{ role: 'member' }] };
		expect(isMember(staffMember, undefined as unknown as string)).toBe(false);
	});
});
