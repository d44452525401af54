import { checkActivityCode } from '../codes/activity-code';
import { badgeTrustOf, type HeldBadges } from '../codes/badge-registry';
import { checkBadgePresentation, readBadgePresentation } from '../codes/badge-presentation';
import { isShortCode, readBadgeToken } from '../codes/badge-token';
import { typedCodeProof } from '../codes/typed-proof';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import type { SubjectRef } from '../schema/subject-ref';
import { compositeId, idRef, instant } from '../schema/ids';
import { isMember } from '../access/roles';
import { ACCEPT, reject, type Verdict } from '../access/write-verdict';
import { isAttendanceWinner } from './attendance-merge';
import { attendanceChannels, attendanceId, type Attendance } from './attendance-record';
import { checkRecordTime, citedActivity, isVerdict } from './activity-records';
import { lateSyncNote } from './late-sync';
import type { Activity } from './activities';
import { badgeRecordId, isBadgeRecord, issuerRecordId } from '../codes/badges';
import { isRevocation, revocationId } from '../codes/revocations';
import { badgeCredentialId, type Credential } from '../codes/credentials';
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
	const cited = (collection: string) =>
		(attendance.relatedOf?.(next) ?? []).flatMap((ref): { kind?: unknown }[] => {
			const doc = ref.collection === collection ? related(ref) : null;
			return doc ? [doc] : [];
		});
	// By collection: the member's badge credential (typed codes) is of kind `badge` too.
	return {
		records: cited('directory').filter(isBadgeRecord),
		revocations: cited('credentials').filter(isRevocation)
	};
}

function credentialOf(memberId: string): SubjectRef {
	return { collection: 'credentials', id: badgeCredentialId(memberId) };
}

/**
 * A typed check-in's proof, made from the code typed in, recomputed from the member's badge
 * credential. Only the gateway and the member's own devices hold that; elsewhere the device
 * checks what it can and the gateway decides.
 */
function checkTypedProof(
	next: Attendance,
	related: (ref: SubjectRef) => Record<string, unknown> | null,
	relatedComplete: boolean
): Verdict {
	const credential = related(credentialOf(next.memberId)) as Partial<Credential> | null;
	if (!credential) return relatedComplete ? reject('invalid', 'short code') : ACCEPT;
	// An eight-character code of an older badge could be found from its digest: not accepted.
	const code = credential.shortCode ?? '';
	return isShortCode(code) && next.proof === typedCodeProof(code, next.id, next.at)
		? ACCEPT
		: reject('invalid', 'short code');
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
			// Signed by the badge's own key for a window within one of the check-in's time: a
			// presentation copied out of another check-in fits no other time.
			const check = checkBadgePresentation(
				next.proof ?? '',
				badgeTrustOf(badgesCited(next, related)),
				new Date(next.at)
			);
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
			const proof = checkTypedProof(next, related, relatedComplete);
			if (!proof.ok) return proof;
			if (!badge?.serial) return reject('invalid', 'short code');
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
			proof: { type: 'string', maxLength: 1000 },
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
	channelsOf: attendanceChannels,
	subjectOf: (a) => ({ collection: 'activities', id: a.activityId }),
	// The activity's current code, signed with its key, proves the member was there.
	provesSubject: (a) => a.method === 'code',
	relatedOf: (a) => {
		// The gateway reads these from its store whoever pushes: a kiosk's reach does not limit them.
		if (a.method === 'typed') {
			return [
				{ collection: 'directory', id: badgeRecordId(a.memberId) },
				{ collection: 'credentials', id: revocationId(a.memberId) },
				credentialOf(a.memberId),
				memberOf(a.memberId)
			];
		}
		if (a.method === 'manual') return [memberOf(a.memberId)];
		if (a.method !== 'badge') return [];
		// What the presented token names: its issuer key, its member's revocation entry (if any).
		const presented = readBadgePresentation(a.proof ?? '');
		const claims = presented && readBadgeToken(presented.token)?.claims;
		return claims
			? [
					{ collection: 'directory', id: issuerRecordId(claims.keyId) },
					{ collection: 'credentials', id: revocationId(claims.memberId) }
				]
			: [];
	},
	serverNotesOf: (next, prev, receivedAt) => {
		const note = lateSyncNote(next, prev, receivedAt);
		return note ? [note] : [];
	},
	policy: ({ actor, prev, next, deleting, subject, related, relatedComplete, now }) => {
		if (next.id !== attendanceId(next.activityId, next.memberId, next.kind)) {
			return reject('invalid', 'id');
		}
		const activity = citedActivity(subject, next);
		if (isVerdict(activity)) return activity;
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
		const time = checkRecordTime(activity, next.at, now);
		if (!time.ok) return time;
		return checkProof(next, activity, related, relatedComplete);
	}
};
