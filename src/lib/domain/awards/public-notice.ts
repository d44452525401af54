import { hasText } from '../records/record-fragments';
import {
	isAnnounced,
	isObjectionOf,
	standingNominees,
	type Award,
	type AwardState,
	type AwardType
} from './awards';
import { noticeEndsOn, noticePhase, type NoticePhase } from './notice-period';
import {
	MAX_OBJECTION_TEXT,
	MAX_OBJECTOR_CONTACT,
	MAX_OBJECTOR_NAME,
	objections,
	type Objection
} from './objections';

/**
 * What the public page of a notice shows: only what was announced — names, units, citations and
 * the period. Member ids, the data's reasons, the office's writers and every objection stay out.
 */
export interface PublicNotice {
	id: string;
	awardType: AwardType;
	year: number;
	orgName: string;
	state: Extract<AwardState, 'announced' | 'published'>;
	nominees: {
		ref: number;
		name: string;
		branchName: string;
		communityName?: string;
		citation: string;
	}[];
	noticeStartsOn: string;
	noticeEndsOn: string;
	phase: NoticePhase;
	publishedAt?: string;
}

/** The public view of an award; null for one not announced (answered like an unknown one). */
export function publicNotice(award: Award, now: Date): PublicNotice | null {
	if (!isAnnounced(award) || !award.noticeStartsOn || !award.noticeDays) return null;
	const state = award.state === 'published' ? 'published' : 'announced';
	return {
		id: award.id,
		awardType: award.awardType,
		year: award.year,
		orgName: award.orgName,
		state,
		// The objector picks a nominee by position: member ids are not published.
		nominees: standingNominees(award).map((n, index) => ({
			ref: index + 1,
			name: n.name,
			branchName: n.branchName,
			...(n.communityName ? { communityName: n.communityName } : {}),
			citation: n.citation
		})),
		noticeStartsOn: award.noticeStartsOn,
		noticeEndsOn: noticeEndsOn(award.noticeStartsOn, award.noticeDays),
		phase: noticePhase(award.noticeStartsOn, award.noticeDays, now),
		...(award.publishedAt ? { publishedAt: award.publishedAt } : {})
	};
}

/** What a person sends from the public page. */
export interface ObjectionInput {
	text: string;
	name?: string;
	contact?: string;
	/** The position of the nominee on the notice (1-based), if the objection is about one. */
	nominee?: number;
}

export type ObjectionProblem =
	| 'text-missing'
	| 'text-too-long'
	| 'name-too-long'
	| 'contact-too-long'
	| 'nominee-unknown'
	| 'not-open';

/** Reads the fields of a request body; anything malformed is a problem, not an exception. */
export function objectionInputOf(body: unknown): ObjectionInput | null {
	if (typeof body !== 'object' || body === null) return null;
	const { text, name, contact, nominee } = body as Record<string, unknown>;
	if (typeof text !== 'string') return null;
	if (name !== undefined && typeof name !== 'string') return null;
	if (contact !== undefined && typeof contact !== 'string') return null;
	if (nominee !== undefined && (typeof nominee !== 'number' || !Number.isInteger(nominee))) {
		return null;
	}
	return {
		text,
		...(name !== undefined ? { name } : {}),
		...(contact !== undefined ? { contact } : {}),
		...(nominee !== undefined ? { nominee } : {})
	};
}

/**
 * The objection the server stores as the award's `number`th, or why it is refused: only while the
 * notice is open, a text within bounds, a nominee who is on the notice.
 */
export function objectionFrom(
	award: Award,
	input: ObjectionInput,
	at: { receipt: string; now: Date },
	id: string
): { ok: true; doc: Objection } | { ok: false; problem: ObjectionProblem } {
	const notice = publicNotice(award, at.now);
	if (!notice || notice.state !== 'announced' || notice.phase !== 'open') {
		return { ok: false, problem: 'not-open' };
	}
	const text = input.text.trim();
	const name = input.name?.trim() ?? '';
	const contact = input.contact?.trim() ?? '';
	if (!hasText(text)) return { ok: false, problem: 'text-missing' };
	if (text.length > MAX_OBJECTION_TEXT) return { ok: false, problem: 'text-too-long' };
	if (name.length > MAX_OBJECTOR_NAME) return { ok: false, problem: 'name-too-long' };
	if (contact.length > MAX_OBJECTOR_CONTACT) return { ok: false, problem: 'contact-too-long' };
	const nominee =
		input.nominee === undefined ? undefined : standingNominees(award)[input.nominee - 1];
	if (input.nominee !== undefined && !nominee) return { ok: false, problem: 'nominee-unknown' };
	if (!isObjectionOf(award.id, id)) throw new Error(`Not an objection id of ${award.id}: ${id}`);
	const doc: Objection = {
		id,
		kind: 'objection',
		awardId: award.id,
		orgId: award.orgId,
		year: award.year,
		...(nominee ? { nomineeId: nominee.memberId } : {}),
		objectionText: text,
		...(name ? { objectorName: name } : {}),
		...(contact ? { objectorContact: contact } : {}),
		receipt: at.receipt,
		receivedAt: at.now.toISOString(),
		channels: []
	};
	return { ok: true, doc: { ...doc, channels: objections.channelsOf(doc) } };
}
