/**
 * Who a signed-in person is and what they act as. Accounts live on the server only;
 * devices learn this shape from `GET /api/session`.
 */
export type RoleGrant =
	| { role: 'member' }
	| { role: 'secretary'; branchId: string }
	| { role: 'community_staff'; communityId: string }
	/** 街道工作人员: they rate the branch secretaries of their street at year end (issue 20). */
	| { role: 'street_staff'; streetId: string }
	| { role: 'office'; orgId: string }
	| { role: 'admin' };

export type RoleName = RoleGrant['role'];

export interface Actor {
	username: string;
	/** Set when the account belongs to a party member. */
	memberId?: string;
	/** The member's branch and bureau, fixed by the office (a member cannot move themselves). */
	branchId?: string;
	orgId?: string;
	roles: RoleGrant[];
}

/** The grants of one role, e.g. the communities a person is staff of. */
export function grantsOf<R extends RoleName>(
	roles: readonly RoleGrant[],
	role: R
): Extract<RoleGrant, { role: R }>[] {
	return roles.filter((grant): grant is Extract<RoleGrant, { role: R }> => grant.role === role);
}

export function hasRole(actor: Actor, role: RoleName): boolean {
	return actor.roles.some((grant) => grant.role === role);
}

export function isSecretaryOf(actor: Actor, branchId: string): boolean {
	return actor.roles.some((g) => g.role === 'secretary' && g.branchId === branchId);
}

export function isStaffOf(actor: Actor, communityId: string): boolean {
	return actor.roles.some((g) => g.role === 'community_staff' && g.communityId === communityId);
}

export function isStreetStaffOf(actor: Actor, streetId: string): boolean {
	return actor.roles.some((g) => g.role === 'street_staff' && g.streetId === streetId);
}

export function isOfficeOf(actor: Actor, orgId: string): boolean {
	return actor.roles.some((g) => g.role === 'office' && g.orgId === orgId);
}

export function isMember(actor: Actor, memberId: string): boolean {
	return actor.memberId !== undefined && actor.memberId === memberId && hasRole(actor, 'member');
}
