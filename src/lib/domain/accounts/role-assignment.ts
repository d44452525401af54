import { hasRole, isOfficeOf, type Actor, type RoleGrant } from '../access/roles';
import { ENTITY_ID_MAX, isValidId } from '../schema/ids';

/** The bureau a branch belongs to, from the directory; undefined for an unknown branch. */
export type BureauOfBranch = (branchId: string) => string | undefined;

/**
 * Whether `actor` may give or take `grant` on an account of bureau `target.orgId`. The admin may
 * assign anything; the office of a bureau only the roles inside it — member, secretary of one of
 * its branches, office of it — and only on its own accounts. Community and street staff serve
 * every bureau, so only the admin appoints them. Without `bureauOfBranch` no secretary grant can
 * be shown to belong to the bureau, and the office may not assign it.
 */
export function mayAssign(
	actor: Actor,
	target: { orgId?: string },
	grant: RoleGrant,
	bureauOfBranch?: BureauOfBranch
): boolean {
	if (hasRole(actor, 'admin')) return true;
	const orgId = target.orgId;
	if (!orgId || !isOfficeOf(actor, orgId)) return false;
	switch (grant.role) {
		case 'member':
			return true;
		case 'secretary':
			return bureauOfBranch?.(grant.branchId) === orgId;
		case 'office':
			return grant.orgId === orgId;
		case 'community_staff':
		case 'street_staff':
		case 'admin':
			return false;
	}
}

/** One string per grant, to compare sets of grants. */
export function grantKey(grant: RoleGrant): string {
	switch (grant.role) {
		case 'member':
		case 'admin':
			return grant.role;
		case 'secretary':
			return `secretary:${grant.branchId}`;
		case 'community_staff':
			return `community_staff:${grant.communityId}`;
		case 'street_staff':
			return `street_staff:${grant.streetId}`;
		case 'office':
			return `office:${grant.orgId}`;
	}
}

/** The grants in `after` not in `before`, and those in `before` not in `after`. */
export function roleChanges(
	before: readonly RoleGrant[],
	after: readonly RoleGrant[]
): { added: RoleGrant[]; removed: RoleGrant[] } {
	const keys = (grants: readonly RoleGrant[]) => new Set(grants.map(grantKey));
	const had = keys(before);
	const has = keys(after);
	return {
		added: after.filter((grant) => !had.has(grantKey(grant))),
		removed: before.filter((grant) => !has.has(grantKey(grant)))
	};
}

export const MAX_ROLE_GRANTS = 50;

/** The id field each role carries, if any. */
const ID_FIELD = {
	member: null,
	admin: null,
	secretary: 'branchId',
	community_staff: 'communityId',
	street_staff: 'streetId',
	office: 'orgId'
} as const;

/**
 * Grants as sent in a request, checked for shape only (that the places exist is the server's to
 * check), without duplicates; null for anything malformed.
 */
export function parseRoleGrants(value: unknown): RoleGrant[] | null {
	if (!Array.isArray(value) || value.length > MAX_ROLE_GRANTS) return null;
	const grants = new Map<string, RoleGrant>();
	for (const item of value) {
		if (typeof item !== 'object' || item === null) return null;
		const { role, ...rest } = item as Record<string, unknown>;
		if (typeof role !== 'string' || !Object.hasOwn(ID_FIELD, role)) return null;
		const field = ID_FIELD[role as keyof typeof ID_FIELD];
		const keys = Object.keys(rest);
		if (field === null) {
			if (keys.length > 0) return null;
		} else {
			const id = rest[field];
			if (keys.length !== 1 || !isValidId(id) || id.length > ENTITY_ID_MAX) return null;
		}
		const grant = { role, ...rest } as RoleGrant;
		grants.set(grantKey(grant), grant);
	}
	return [...grants.values()];
}

/** A grant as one line of text, for the audit log's before/after. */
export function describeGrants(grants: readonly RoleGrant[]): string {
	return grants.map(grantKey).sort().join(', ');
}
