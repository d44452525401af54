import { channel, normalizeChannels } from '../access/channels';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import { isSecretaryOf, type Actor } from '../access/roles';
import { shanghaiDay } from '../calendar/shanghai-calendar';
import { ACCEPT, reject } from '../access/write-verdict';

export type NoticeKind = 'write-rejected' | 'reminder' | 'sign-in-locked' | 'claim';

/** What the claim worker tells a member of their claim: waiting (and where), or a place freed for them. */
export type ClaimTopic = 'waiting' | 'promoted';

/** What a branch reminds a member to do (R11). */
export type ReminderTopic = 'report-residence' | 'resubmit-residence';

/**
 * A message to one person: from the server, why a change they made was refused, or that someone
 * kept failing to sign in to their account (to a user); or from their branch secretary, a
 * reminder (to a member); from the claim worker, how their claim of a service item stands (to a
 * member).
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

/** One reminder per member, topic and day: tapping "remind" twice, or on two devices, is one. */
export function reminderId(memberId: string, topic: ReminderTopic, at: Date): string {
	return `${memberId}.remind.${topic}.${shanghaiDay(at)}`;
}

export const notices: KindDefinition<Notice> = {
	name: 'notice',
	kindValues: ['write-rejected', 'reminder', 'sign-in-locked', 'claim'],
	schema: {
		title: 'notice',
		// 1: the sign-in-locked kind and the refusals' daily summary (`more`); stored notices
		// migrate unchanged. 2: the claim kind (`claimTopic`, `position`), likewise.
		version: 2,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['write-rejected', 'reminder', 'sign-in-locked', 'claim'] },
			recipient: { type: 'string', minLength: 1, maxLength: 64 },
			docCollection: { type: 'string', maxLength: 40 },
			docId: compositeId,
			reason: { type: 'string', maxLength: 40 },
			detail: { type: 'string', maxLength: 200 },
			more: { type: 'integer', minimum: 1 },
			memberId: idRef,
			branchId: idRef,
			sender: { type: 'string', minLength: 1, maxLength: 64 },
			topic: { type: 'string', enum: ['report-residence', 'resubmit-residence'] },
			claimTopic: { type: 'string', enum: ['waiting', 'promoted'] },
			position: { type: 'integer', minimum: 1, maximum: 1000 },
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
