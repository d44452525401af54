import { channel, normalizeChannels } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import { isSecretaryOf, type Actor } from '../access/roles';
import { shanghaiDay } from '../calendar/shanghai-calendar';
import { ACCEPT, reject } from '../access/write-verdict';
import { shanghaiIsoWeek } from '../calendar/shanghai-week';

export type NoticeKind =
	'write-rejected' | 'reminder' | 'sign-in-locked' | 'claim' | 'digest' | 'agreement-ending';

const NOTICE_KINDS: NoticeKind[] = [
	'write-rejected',
	'reminder',
	'sign-in-locked',
	'claim',
	'digest',
	'agreement-ending'
];

/** What the claim worker tells a member of their claim: waiting (and where), or a place freed for them. */
export type ClaimTopic = 'waiting' | 'promoted';

/**
 * What a branch reminds a member to do: report to the residence community, resubmit a returned
 * report (R11); serve the residence community (R12); do the yearly duties (R16, R8); earn what
 * would raise the projected grade.
 */
export type ReminderTopic =
	'report-residence' | 'resubmit-residence' | 'serve-residence' | 'yearly-duties' | 'raise-grade';

export const REMINDER_TOPICS: readonly ReminderTopic[] = [
	'report-residence',
	'resubmit-residence',
	'serve-residence',
	'yearly-duties',
	'raise-grade'
];

/** A weekly digest's figures for the secretary's branch, as the summary worker saw them. */
export interface DigestCounts {
	/** Members with at least one risk (a yearly minimum or R12 not met, not reported). */
	atRisk: number;
	/** Service records and corrections waiting for the secretary's approval. */
	waitingApproval: number;
	/** Records held by an unresolved 需核实 attendance. */
	flagged: number;
}

/**
 * A message to one person: from the server, why a change they made was refused, or that someone
 * kept failing to sign in to their account (to a user); or from their branch secretary, a
 * reminder (to a member); from the claim worker, how their claim of a service item stands (to a
 * member); from the summary worker, a secretary's weekly digest and that her branch's co-building
 * agreement ends within 30 days (to a user).
 */
export interface Notice {
	id: string;
	kind: NoticeKind;
	/** The username a server notice is for. */
	recipient?: string;
	/** The collection of the document it is about (RxDB reserves the name `collection`). */
	docCollection?: string;
	docId?: string;
	reason?: string;
	detail?: string;
	/** The day's summary of refusals past the per-notice cap: how many, so far. */
	more?: number;
	/** A reminder's member, their branch, its sender (a username) and what it asks for. */
	memberId?: string;
	branchId?: string;
	sender?: string;
	topic?: ReminderTopic;
	/** A claim notice's news (`docId` is the claim), and the place on the waiting list. */
	claimTopic?: ClaimTopic;
	position?: number;
	/** A digest's figures (`branchId` is the secretary's branch). */
	counts?: DigestCounts;
	/**
	 * When the co-building agreement an agreement-ending notice is about ends (a Shanghai day,
	 * YYYY-MM-DD); `docId` is the agreement, `branchId` the secretary's branch (R3).
	 */
	endsOn?: string;
	createdAt: string;
	channels: string[];
}

/**
 * Whether a notice is addressed to this person: a server notice to their account, a reminder to
 * them as a member. A secretary also holds the reminders she sent (the branch's channel), which
 * are hers to see on the roster, not messages to her.
 */
export function isAddressedTo(
	notice: Notice,
	actor: Pick<Actor, 'username' | 'memberId'>
): boolean {
	if (notice.kind === 'reminder' || notice.kind === 'claim') {
		return !!actor.memberId && notice.memberId === actor.memberId;
	}
	return notice.recipient === actor.username;
}

/** One sign-in warning per account and day, however many addresses get locked out. */
export function signInLockedId(username: string, at: Date): string {
	return `signin.${username}.${shanghaiDay(at)}`;
}

/** One digest per secretary account and Shanghai week: the worker rewrites it as figures change. */
export function digestId(username: string, at: Date): string {
	return `${username}.digest.${shanghaiIsoWeek(at)}`;
}

/**
 * One notice per secretary account, branch and agreement end: the worker looks daily, the
 * secretary hears of an ending once; a renewal with a new end date is a new notice.
 */
export function agreementNoticeId(username: string, branchId: string, endsOn: string): string {
	return `${username}.agreement.${branchId}.${endsOn.replaceAll('-', '')}`;
}

/** One reminder per member, topic and day: tapping "remind" twice, or on two devices, is one. */
export function reminderId(memberId: string, topic: ReminderTopic, at: Date): string {
	return `${memberId}.remind.${topic}.${shanghaiDay(at)}`;
}

export const notices: KindDefinition<Notice> = {
	name: 'notice',
	kindValues: NOTICE_KINDS,
	schema: {
		title: 'notice',
		// 1: the sign-in-locked kind and the refusals' daily summary (`more`); stored notices
		// migrate unchanged. 2: the claim kind (`claimTopic`, `position`), likewise. 3: the digest
		// kind (`counts`) and three reminder topics, likewise. 4: the agreement-ending kind
		// (`endsOn`), likewise.
		version: 4,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: NOTICE_KINDS },
			recipient: { type: 'string', minLength: 1, maxLength: 64 },
			docCollection: { type: 'string', maxLength: 40 },
			docId: compositeId,
			reason: { type: 'string', maxLength: 40 },
			detail: { type: 'string', maxLength: 200 },
			more: { type: 'integer', minimum: 1 },
			memberId: idRef,
			branchId: idRef,
			sender: { type: 'string', minLength: 1, maxLength: 64 },
			topic: { type: 'string', enum: [...REMINDER_TOPICS] },
			claimTopic: { type: 'string', enum: ['waiting', 'promoted'] },
			position: { type: 'integer', minimum: 1, maximum: 1000 },
			counts: {
				type: 'object',
				properties: {
					atRisk: { type: 'integer', minimum: 0, maximum: 100000 },
					waitingApproval: { type: 'integer', minimum: 0, maximum: 100000 },
					flagged: { type: 'integer', minimum: 0, maximum: 100000 }
				},
				required: ['atRisk', 'waitingApproval', 'flagged'],
				additionalProperties: false
			},
			endsOn: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 },
			createdAt: instant,
			...baseProperties
		},
		required: ['id', 'kind', 'createdAt', 'channels'],
		additionalProperties: false
	},
	channelsOf: (n) => {
		if (n.kind === 'reminder') {
			return normalizeChannels([
				channel.member(n.memberId ?? ''),
				channel.branch(n.branchId ?? '')
			]);
		}
		return n.kind === 'claim'
			? [channel.member(n.memberId ?? '')]
			: [channel.user(n.recipient ?? '')];
	},
	subjectOf: (n) =>
		n.kind === 'reminder' && n.memberId ? { collection: 'members', id: n.memberId } : null,
	// Server notices are written by the server alone; devices write only reminders.
	policy: ({ actor, prev, next, deleting, subject }) => {
		if (next.kind !== 'reminder') return reject('server-owned');
		if (prev || deleting) return reject('append-only');
		if (!next.memberId || !next.branchId || !next.topic) return reject('invalid', 'reminder');
		if (next.sender !== actor.username) return reject('not-owner');
		if (!isSecretaryOf(actor, next.branchId)) return reject('forbidden');
		if (next.memberId === actor.memberId) return reject('forbidden', 'self');
		if (next.id !== reminderId(next.memberId, next.topic, new Date(next.createdAt))) {
			return reject('invalid', 'id');
		}
		if (!subject || subject['branchId'] !== next.branchId) {
			return reject('subject-mismatch', 'branchId');
		}
		return ACCEPT;
	}
};
