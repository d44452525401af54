import { PUBLIC_CHANNEL } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { entityId, idRef, instant } from '../schema/ids';
import { isOfficeOf } from '../access/roles';
import { ACCEPT, reject, type Verdict, type WriteContext } from '../access/write-verdict';
import type { SubjectRef } from '../schema/subject-ref';

/** One setting of a branch's linked community: to which (none when unlinked), from when, by whom. */
export interface LinkChange {
	communityId?: string;
	/** The instant the office set it. */
	from: string;
	/** The office account that set it. */
	by: string;
}

/** How many changes of its link a branch keeps: one a year is usual. */
export const LINK_HISTORY_MAX = 30;

/**
 * How far ahead of the checker's clock a change may be dated: devices' clocks drift a little,
 * but a change dated in the future would misplace every report made before it.
 */
export const LINK_CLOCK_SKEW_MS = 10 * 60_000;

/** A party organisation: the bureau (党委/机关) or one of its branches (党支部). */
export interface Org {
	id: string;
	kind: 'bureau' | 'branch';
	name: string;
	/** For a branch: its bureau. */
	parentId?: string;
	/** For a branch: the community it is assigned to (联系社区). */
	linkedCommunityId?: string;
	/** For a branch: its secretary, the liaison to the linked community. */
	secretaryMemberId?: string;
	/**
	 * For a branch: every change of `linkedCommunityId`, oldest first; append-only, so whom the
	 * branch was paired with, and since when, stays on record. Branches linked before it was kept
	 * have none for their current link.
	 */
	linkHistory?: LinkChange[];
	/** For a bureau: how its members' service time is rounded (default: down to quarter hours). */
	serviceRounding?: { stepMinutes: number; mode: 'down' | 'nearest' | 'up' };
	updatedAt: string;
	channels: string[];
}

/** Whether a document of the directory is a party organisation. */
export function isOrg(doc: { kind?: unknown }): doc is Org {
	return doc.kind === 'bureau' || doc.kind === 'branch';
}

export const orgs: KindDefinition<Org> = {
	name: 'org',
	kindValues: ['bureau', 'branch'],
	schema: {
		title: 'party organisation',
		// 1: `serviceRounding` added (devices migrate their stored organisations unchanged).
		// 2: `linkHistory` added.
		version: 2,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: entityId,
			kind: { type: 'string', enum: ['bureau', 'branch'] },
			name: { type: 'string', minLength: 1, maxLength: 100 },
			parentId: idRef,
			linkedCommunityId: idRef,
			secretaryMemberId: idRef,
			linkHistory: {
				type: 'array',
				maxItems: LINK_HISTORY_MAX,
				items: {
					type: 'object',
					properties: {
						communityId: idRef,
						from: instant,
						by: { type: 'string', minLength: 1, maxLength: 64 }
					},
					required: ['from', 'by'],
					additionalProperties: false
				}
			},
			serviceRounding: {
				type: 'object',
				properties: {
					stepMinutes: { type: 'integer', minimum: 1, maximum: 60 },
					mode: { type: 'string', enum: ['down', 'nearest', 'up'] }
				},
				required: ['stepMinutes', 'mode'],
				additionalProperties: false
			},
			updatedAt: instant,
			...baseProperties
		},
		required: ['id', 'kind', 'name', 'updatedAt', 'channels'],
		additionalProperties: false
	},
	// Reference data: every signed-in person of the bureau may see the organisation tree.
	channelsOf: () => [PUBLIC_CHANNEL],
	relatedOf: (org) => (org.linkedCommunityId ? [linkedCommunityOf(org.linkedCommunityId)] : []),
	policy: (context) => {
		const { actor, prev, next } = context;
		const bureauOf = (org: Org) => (org.kind === 'bureau' ? org.id : (org.parentId ?? ''));
		if (!isOfficeOf(actor, bureauOf(next))) return reject('forbidden');
		if (prev && !isOfficeOf(actor, bureauOf(prev))) return reject('forbidden');
		return checkLink(context);
	}
};

function linkedCommunityOf(communityId: string): SubjectRef {
	return { collection: 'directory', id: communityId };
}

const sameChange = (a: LinkChange | undefined, b: LinkChange | undefined) =>
	a !== undefined &&
	b !== undefined &&
	a.communityId === b.communityId &&
	a.from === b.from &&
	a.by === b.by;

/**
 * The pairing of a branch with its community is a record (R1): a change of the link appends who
 * set it and when, nothing else appends, and nothing appended is ever rewritten. The community
 * must be one of the directory's (a device missing it leaves that to the gateway).
 */
function checkLink({
	actor,
	prev,
	next,
	related,
	relatedComplete,
	now
}: WriteContext<Org>): Verdict {
	const before = prev?.linkHistory ?? [];
	const after = next.linkHistory ?? [];
	if (before.some((entry, i) => !sameChange(entry, after[i]))) {
		return reject('append-only', 'linkHistory');
	}
	const added = after.slice(before.length);
	const changed = next.linkedCommunityId !== prev?.linkedCommunityId;
	if (!changed) return added.length === 0 ? ACCEPT : reject('invalid', 'linkHistory');
	if (next.kind !== 'branch') return reject('invalid', 'linkedCommunityId');
	const [entry, ...more] = added;
	if (!entry || more.length > 0) return reject('invalid', 'linkHistory');
	if (entry.communityId !== next.linkedCommunityId) return reject('invalid', 'linkHistory');
	if (entry.by !== actor.username) return reject('not-owner', 'linkHistory');
	const previous = before.at(-1);
	const at = Date.parse(entry.from);
	if (at > now.getTime() + LINK_CLOCK_SKEW_MS || (previous && at < Date.parse(previous.from))) {
		return reject('invalid', 'linkHistory');
	}
	if (!next.linkedCommunityId) return ACCEPT;
	const community = related(linkedCommunityOf(next.linkedCommunityId));
	if (community ? community['kind'] !== 'community' : relatedComplete) {
		return reject('subject-mismatch', 'linkedCommunityId');
	}
	return ACCEPT;
}
