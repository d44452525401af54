import type { RecordView } from './record-status';

/** What the member may do with one of their records, as the record screen offers it. */
export interface MemberRecordActions {
	/** An own record returned by the community or the secretary: change it and send it again. */
	resubmit: boolean;
	/** An own record not approved yet: take it back (it stays, out of the count). */
	withdraw: boolean;
	/**
	 * A record the app made (check-in, claim): ask for a correction — unless one is waiting for a
	 * decision, or 需核实 is still the organiser's to resolve.
	 */
	correct: boolean;
}

export function memberRecordActions(view: RecordView): MemberRecordActions {
	const own = view.record.origin === 'own';
	const live = view.state !== 'withdrawn';
	const correctionWaiting =
		view.correction !== undefined &&
		(view.correction.state === 'needs-confirmation' || view.correction.state === 'needs-approval');
	return {
		resubmit: own && view.state === 'returned',
		withdraw: own && live && view.state !== 'approved',
		correct: !own && live && view.state !== 'flagged' && !correctionWaiting
	};
}
