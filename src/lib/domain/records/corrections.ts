import { isMember } from '../access/roles';
import { ACCEPT, changedField, reject, type Verdict } from '../access/write-verdict';
import { recordYear } from '../calendar/shanghai-calendar';
import { baseProperties, type KindDefinition } from '../schema/kind-definition';
import { compositeId, idRef, instant } from '../schema/ids';
import { hasText, photoList, submissionField, yearField, yearlyChannels } from './record-fragments';
import { isServiceTimeOpen, MAX_RECORD_MINUTES, type RecordValues } from './service-record';

/**
 * A member's request to correct a record (kind `correction` of `reports`): the values asked for,
 * why, and evidence. One per record (`correctionId`), resubmitted (`submission` + 1) after a
 * return; it goes through the record's chain (the community's review unless the record skips it,
 * then the secretary's approval). Approved and confirmed, its values replace the record's.
 * A missed check-in is not a correction: it is an own record citing the activity.
 */
export interface Correction {
	id: string;
	kind: 'correction';
	recordId: string;
	/** Copied from the record: the same channels, the same reviewers. */
	memberId: string;
	memberName: string;
	branchId: string;
	orgId: string;
	communityId: string;
	hostBranchId?: string;
	/** The year of the record corrected (its channels' year). */
	year: number;
	/** At least one value, each different from the record's. */
	asked: Partial<Pick<RecordValues, 'at' | 'minutes' | 'description'>>;
	reason: string;
	photos: string[];
	submission: number;
	submittedAt: string;
	updatedAt: string;
	channels: string[];
}

export function correctionId(recordId: string): string {
	return `co.${recordId}`;
}

export function isCorrection(doc: { kind?: unknown }): doc is Correction {
	return doc.kind === 'correction';
}

export type AskedValues = Correction['asked'];

export const ASKED_FIELDS = ['at', 'minutes', 'description'] as const;

/** The fields copied from the record: fixed, and checked against it. */
const copiedFromRecord = ['memberId', 'branchId', 'orgId', 'communityId', 'hostBranchId'] as const;
const fixedFields = [...copiedFromRecord, 'recordId', 'year', 'kind'] as const;
const contentFields = ['asked', 'reason', 'photos', 'memberName', 'submittedAt'] as const;

/** The asked values that differ from `values`; empty when nothing would change. */
export function askedChanges(asked: AskedValues, values: Partial<RecordValues>): AskedValues {
	const changes: AskedValues = {};
	for (const field of ASKED_FIELDS) {
		const value = asked[field];
		if (value !== undefined && value !== values[field]) Object.assign(changes, { [field]: value });
	}
	return changes;
}

/**
 * What a correction may ask: something that changes, a whole number of minutes within a day,
 * a time not ahead of the clock and in the record's year (its channels and approvals carry it).
 */
function checkAsked(next: Correction, record: Record<string, unknown>, now: Date): Verdict {
	const asked = next.asked;
	const fields = ASKED_FIELDS.filter((field) => asked[field] !== undefined);
	if (!fields.length) return reject('invalid', 'asked');
	const unchanged = fields.find((field) => asked[field] === record[field]);
	if (unchanged) return reject('invalid', `asked.${unchanged}`);
	if (asked.minutes !== undefined && asked.minutes < 1) return reject('invalid', 'asked.minutes');
	if (asked.description !== undefined && !hasText(asked.description)) {
		return reject('invalid', 'asked.description');
	}
	if (asked.at !== undefined) {
		if (!isServiceTimeOpen(asked.at, now) || recordYear(asked.at) !== next.year) {
			return reject('invalid', 'asked.at');
		}
	}
	return ACCEPT;
}

export const corrections: KindDefinition<Correction> = {
	name: 'correction',
	kindValues: ['correction'],
	schema: {
		title: 'correction',
		version: 0,
		primaryKey: 'id',
		type: 'object',
		properties: {
			id: compositeId,
			kind: { type: 'string', enum: ['correction'] },
			recordId: compositeId,
			memberId: idRef,
			memberName: { type: 'string', minLength: 1, maxLength: 50 },
			branchId: idRef,
			orgId: idRef,
			communityId: idRef,
			hostBranchId: idRef,
			year: yearField,
			asked: {
				type: 'object',
				properties: {
					at: instant,
					minutes: { type: 'integer', minimum: 1, maximum: MAX_RECORD_MINUTES },
					description: { type: 'string', minLength: 1, maxLength: 500 }
				},
				additionalProperties: false
			},
			reason: { type: 'string', minLength: 1, maxLength: 500 },
			photos: photoList,
			submission: submissionField,
			submittedAt: instant,
			updatedAt: instant,
			...baseProperties
		},
		required: [
			'id',
			'kind',
			'recordId',
			'memberId',
			'memberName',
			'branchId',
			'orgId',
			'communityId',
			'year',
			'asked',
			'reason',
			'photos',
			'submission',
			'submittedAt',
			'updatedAt',
			'channels'
		],
		additionalProperties: false
	},
	channelsOf: (c) => yearlyChannels(c, c.year),
	subjectOf: (c) => ({ collection: 'reports', id: c.recordId }),
	filesOf: (c) => c.photos,
	policy: ({ actor, prev, next, deleting, subject, now }) => {
		if (!isMember(actor, next.memberId)) return reject('not-owner');
		if (deleting) return reject('forbidden');
		if (next.id !== correctionId(next.recordId)) return reject('invalid', 'id');
		if (!hasText(next.reason)) return reject('invalid', 'reason');
		if (!subject || subject['_deleted'] === true || subject['kind'] !== 'service-record') {
			return reject('subject-mismatch');
		}
		// A withdrawn record is no longer service: there is nothing to correct.
		if (subject['withdrawn'] === true) return reject('subject-mismatch', 'withdrawn');
		const mismatch = copiedFromRecord.find((field) => subject[field] !== next[field]);
		if (mismatch) return reject('subject-mismatch', mismatch);
		if (recordYear(String(subject['at'])) !== next.year) return reject('subject-mismatch', 'year');
		if (prev) {
			const fixed = changedField(prev, next, fixedFields);
			if (fixed) return reject('immutable-field', fixed);
			const changed = changedField(prev, next, contentFields) !== undefined;
			// A decision covers one submission: any change is a new one.
			if (next.submission < prev.submission || (changed && next.submission === prev.submission)) {
				return reject('immutable-field', 'submission');
			}
		} else if (next.submission !== 1) {
			return reject('invalid', 'submission');
		}
		return checkAsked(next, subject, now);
	}
};
