import { checkActivityCode } from '../codes/activity-code';
import { badgeTrustOf } from '../codes/badge-registry';
import {
	checkBadgeToken,
	readBadgeToken,
	shortCodeDigest,
	type BadgeTrust
} from '../codes/badge-token';
import { channel, normalizeChannels } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import type { SubjectRef } from '../schema/subject-ref';
import { compositeId, idRef, instant } from '../schema/ids';
import { isMember } from '../access/roles';
import { ACCEPT, reject, type Verdict } from '../access/write-verdict';
import { isAttendanceWinner } from './attendance-merge';
import { attendanceId, type Attendance } from './attendance-record';
import { checkInWindowProblem, CLOCK_AHEAD_TOLERANCE_MS } from './check-in-window';
import type { Activity } from './activities';
import { badgeRecordId, issuerRecordId, type BadgeRecord } from '../codes/badges';

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

/** The registry entries a badge check-in cites, as the checker's side holds them. */
function badgeTrustFrom(
	next: Attendance,
	related: (ref: SubjectRef) => Record<string, unknown> | null
): BadgeTrust {
	const refs = attendance.relatedOf?.(next) ?? [];
	return badgeTrustOf(refs.flatMap((ref) => (related(ref) as BadgeRecord | null) ?? []));
}

/** The proof of a check-in or check-out, checked against what the recording device could know. */
function checkProof(
	next: Attendance,
	activity: Activity,
	related: (ref: SubjectRef) => Record<string, unknown> | null
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
			const check = checkBadgeToken(next.proof ?? '', badgeTrustFrom(next, related));
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
			const badge = related({
				collection: 'directory',
				id: badgeRecordId(next.memberId)
			}) as BadgeRecord | null;
			const valid =
				badge && !badge.revoked && badge.shortCodeDigest === shortCodeDigest(next.proof ?? '');
			return valid ? ACCEPT : reject('invalid', 'short code');
		}
		case 'manual':
			return next.reason?.trim() ? ACCEPT : reject('invalid', 'reason');
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
	channelsOf: (a) =>
		normalizeChannels([
			channel.member(a.memberId),
			channel.branch(a.branchId),
			channel.bureau(a.orgId),
			channel.community(a.communityId),
			...(a.hostBranchId ? [channel.branch(a.hostBranchId)] : [])
		]),
	subjectOf: (a) => ({ collection: 'activities', id: a.activityId }),
	relatedOf: (a) => {
		if (a.method === 'typed') return [{ collection: 'directory', id: badgeRecordId(a.memberId) }];
		if (a.method !== 'badge') return [];
		// The registry entries the token names: a badge of someone else is then refused as such.
		const claims = readBadgeToken(a.proof ?? '')?.claims;
		return claims
			? [
					{ collection: 'directory', id: badgeRecordId(claims.memberId) },
					{ collection: 'directory', id: issuerRecordId(claims.keyId) }
				]
			: [];
	},
	policy: ({ actor, prev, next, deleting, subject, related, now }) => {
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
		return checkProof(next, activity, related);
	}
};
