import type { CheckMethod } from '../domain/registry';
import type { CheckKind, Person } from '../domain/events/kiosk-check-in';
import type { WriteOutcome } from './write-outcome';

/** Stores one check-in or check-out of the kind the organiser chose, and says what became of it. */
export type RecordCheck = (
	person: Person,
	method: Exclude<CheckMethod, 'code'>,
	evidence: { proof?: string; reason?: string }
) => Promise<WriteOutcome>;

/** Whether the member already has a check-in (or check-out) of this activity on this device. */
export type IsRecorded = (memberId: string, kind: CheckKind) => boolean;
