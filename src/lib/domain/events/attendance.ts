import { checkActivityCode } from '../codes/activity-code';
import { badgeTrustOf, type HeldBadges } from '../codes/badge-registry';
import {
	checkBadgeToken,
	isShortCode,
	readBadgeToken,
	shortCodeDigest
} from '../codes/badge-token';
import { channel, inYear, normalizeChannels } from '../access/channels';
import { recordYear } from '../calendar/shanghai-calendar';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import type { SubjectRef } from '../schema/subject-ref';
import { compositeId, idRef, instant } from '../schema/ids';
import { isMember } from '../access/roles';
import { ACCEPT, reject, type Verdict } from '../access/write-verdict';
import { isAttendanceWinner } from './attendance-merge';
import { attendanceId, type Attendance } from './attendance-record';
import { checkInWindowProblem, CLOCK_AHEAD_TOLERANCE_MS } from './check-in-window';
import type { Activity } from './activities';
import { badgeRecordId, isBadgeRecord, issuerRecordId } from '../codes/badges';
import { isRevocation, revocationId } from '../codes/revocations';
import type { Member } from '../people/members';

/** Fields that say which check-in a document is; a merge may change only when and how. */
const identityFields = [
	'kind',
	'activityId',
	'communityId',
	'hostBranchId',
	'memberId',
	'branchId',
	'orgId'
] as const;

/** The badge data a badge or typed check-in cites (`relatedOf`), as the checker's side holds it. */
function badgesCited(
	next: Attendance,
	related: (ref: SubjectRef) => Record<string, unknown> | null
): HeldBadges {
	const docs = (attendance.relatedOf?.(next) ?? []).flatMap((ref): { kind?: unknown }[] => {
		const doc = related(ref);
		return doc ? [doc] : [];
	});
	return { records: docs.filter(isBadgeRecord), revocations: docs.filter(isRevocation) };
}

function memberOf(memberId: string): SubjectRef {
	return { collection: 'members', id: memberId };
}

/**
 * Who an organiser typed in or picked by hand — no badge signs it — must be the registry's member:
 * existing, of the branch and bureau recorded, under their name.
 */
function checkIdentity(
	next: Attendance,
	related: (ref: SubjectRef) => Record<string, unknown> | null,
	relatedComplete: boolean
): Verdict {
	const member = related(memberOf(next.memberId)) as Partial<Member> | null;
	// A device need not hold a walk-in's profile (a member of another branch): it cannot tell, and
	// must not refuse an honest check-in for that; the gateway reads the registry and decides.
	if (!member) return relatedComplete ? reject('subject-mismatch', 'member') : ACCEPT;
	const matches =
		member.branchId === next.branchId &&
		member.orgId === next.orgId &&
		member.name === next.memberName;
	return matches ? ACCEPT : reject('subject-mismatch', 'member');
}

/** The proof of a check-in or check-out, checked against what the recording device could know. */
function checkProof(
	next: Attendance,
	activity: Activity,
	related: (ref: SubjectRef) => Record<string, unknown> | null,
	relatedComplete: boolean
): Verdict {
	switch (next.method) {
		case 'code': {
			// The subject is the stored activity (keyed `_id`); the lookup went by `next.activityId`.
			const problem = checkActivityCode(
				next.proof ?? '',
				{ id: next.activityId, publicKey: activity.publicKey },
				new Date(next.at)
			);
			return problem ? reject('invalid', `code ${problem}`) : ACCEPT;
		}
		case 'badge': {
			const check = checkBadgeToken(next.proof ?? '', badgeTrustOf(badgesCited(next, related)));
			if (!check.ok) return reject('invalid', `badge ${check.problem}`);
			const { claims } = check;
			const matches =
				claims.memberId === next.memberId &&
				claims.branchId === next.branchId &&
				claims.orgId === next.orgId &&
				claims.name === next.memberName;
			return matches ? ACCEPT : reject('subject-mismatch', 'badge');
		}
		case 'typed': {
			const cited = badgesCited(next, related);
			const badge = cited.records.find((r) => r.kind === 'badge' && r.memberId === next.memberId);
			// An eight-character code of an older badge could be found from its digest: not accepted.
			const proof = next.proof ?? '';
			if (
				!isShortCode(proof) ||
				!badge?.serial ||
				badge.shortCodeDigest !== shortCodeDigest(proof)
			) {
				return reject('invalid', 'short code');
			}
			return badgeTrustOf(cited).isRevoked(next.memberId, badge.serial)
				? reject('invalid', 'short code revoked')
				: checkIdentity(next, related, relatedComplete);
		}
		case 'manual':
			return next.reason?.trim()
				? checkIdentity(next, related, relatedComplete)
				: reject('invalid', 'reason');
		default:
			return reject('invalid', 'method');
	}
}

export const attendance: KindDefinition<Attendance> = {
	name: 'attendance',
	kindValues: ['signup', 'in', 'out'],
	schema: {
		title: 'attendance',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['signup', 'in', 'out'] },
			activityId: idRef,
			communityId: idRef,
			hostBranchId: idRef,
			memberId: idRef,
			memberName: { type: 'string', minLength: 1, maxLength: 50 },
			branchId: idRef,
			orgId: idRef,
			at: instant,
			method: { type: 'string', enum: ['badge', 'code', 'typed', 'manual'] },
			proof: { type: 'string', maxLength: 600 },
			reason: { type: 'string', maxLength: 200 },
			recordedBy: { type: 'string', minLength: 1, maxLength: 64 },
			clockSkewMs: { type: 'integer' },
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'activityId',
			'communityId',
			'memberId',
			'memberName',
			'branchId',
			'orgId',
			'at',
			'recordedBy',
			'channels'
		],
		additionalProperties: false,
		indexes: ['activityId']
	},
	// The year of the record's own time: closed years leave devices. The office reads summaries.
	channelsOf: (a) =>
		normalizeChannels(
			[
				channel.member(a.memberId),
				channel.branch(a.branchId),
				channel.community(a.communityId),
				...(a.hostBranchId ? [channel.branch(a.hostBranchId)] : [])
			].map((base) => inYear(base, recordYear(a.at)))
		),
	subjectOf: (a) => ({ collection: 'activities', id: a.activityId }),
	// The activity's current code, signed with its key, proves the member was there.
	provesSubject: (a) => a.method === 'code',
	relatedOf: (a) => {
		// The gateway reads these from its store whoever pushes: a kiosk's reach does not limit them.
		if (a.method === 'typed') {
			return [
				{ collection: 'directory', id: badgeRecordId(a.memberId) },
				{ collection: 'credentials', id: revocationId(a.memberId) },
				memberOf(a.memberId)
			];
		}
		if (a.method === 'manual') return [memberOf(a.memberId)];
		if (a.method !== 'badge') return [];
		// What the token names: its issuer key, and its member's revocation entry (usually none).
		const claims = readBadgeToken(a.proof ?? '')?.claims;
		return claims
			? [
					{ collection: 'directory', id: issuerRecordId(claims.keyId) },
					{ collection: 'credentials', id: revocationId(claims.memberId) }
				]
			: [];
	},
	policy: ({ actor, prev, next, deleting, subject, related, relatedComplete, now }) => {
		if (next.id !== attendanceId(next.activityId, next.memberId, next.kind)) {
			return reject('invalid', 'id');
		}
		const activity = subject as Activity | null;
		if (!activity || (subject?.['_deleted'] as boolean | undefined) === true) {
			return reject('subject-mismatch', 'activityId');
		}
		if (activity.communityId !== next.communityId || activity.hostBranchId !== next.hostBranchId) {
			return reject('subject-mismatch', 'communityId');
		}
		if (next.recordedBy !== actor.username) return reject('not-owner');
		if (Number.isNaN(Date.parse(next.at))) return reject('invalid', 'at');
		if (next.kind === 'signup') {
			if (!isMember(actor, next.memberId)) return reject('not-owner');
			if (actor.branchId !== next.branchId || actor.orgId !== next.orgId) {
				return reject('subject-mismatch', 'branchId');
			}
			if (deleting) return ACCEPT;
			if (prev) return reject('append-only');
			return activity.cancelled ? reject('forbidden', 'cancelled') : ACCEPT;
		}
		if (deleting) return reject('append-only');
		if (activity.cancelled) return reject('forbidden', 'cancelled');
		if (prev) {
			const field = identityFields.find((f) => prev[f] !== next[f]);
			if (field) return reject('immutable-field', field);
			// The same check-in recorded twice (two organisers, or organiser and member): keep one.
			if (!isAttendanceWinner(next, prev)) return reject('append-only', 'superseded');
		}
		const selfScan = next.method === 'code';
		if (
			selfScan ? !isMember(actor, next.memberId) : !activity.organisers.includes(actor.username)
		) {
			return reject('forbidden');
		}
		if (selfScan && (actor.branchId !== next.branchId || actor.orgId !== next.orgId)) {
			return reject('subject-mismatch', 'branchId');
		}
		if (Date.parse(next.at) > now.getTime() + CLOCK_AHEAD_TOLERANCE_MS) {
			return reject('invalid', 'clock ahead');
		}
		const windowProblem = checkInWindowProblem(activity, next.at);
		if (windowProblem) return reject('invalid', windowProblem);
		return checkProof(next, activity, related, relatedComplete);
	}
};
