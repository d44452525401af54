import { describe, expect, it } from 'vitest';
import type { CorrectionView, RecordState, RecordView } from './record-status';
import type { ServiceRecord } from './service-record';
import { memberRecordActions } from './member-record-actions';

function view(
	origin: ServiceRecord['origin'],
	state: RecordState,
	correction?: CorrectionView['state']
): RecordView {
	const record = { id: 'sr.x', origin } as ServiceRecord;
	return {
		record,
		effective: { at: '2026-03-01T00:00:00.000Z', minutes: 60, description: 'd', communityId: 'c1' },
		state,
		confirmation: origin === 'own' ? 'review' : 'source',
		...(correction
			? { correction: { correction: {} as CorrectionView['correction'], state: correction } }
			: {})
	};
}

describe('memberRecordActions', () => {
	it('lets the member change and resubmit only an own record that was returned', () => {
		expect(memberRecordActions(view('own', 'returned')).resubmit).toBe(true);
		expect(memberRecordActions(view('own', 'needs-approval')).resubmit).toBe(false);
		expect(memberRecordActions(view('activity', 'returned')).resubmit).toBe(false);
	});

	it('lets the member withdraw an own record until it is approved', () => {
		for (const state of ['needs-confirmation', 'needs-approval', 'returned'] as const) {
			expect(memberRecordActions(view('own', state)).withdraw, state).toBe(true);
		}
		expect(memberRecordActions(view('own', 'approved')).withdraw).toBe(false);
		expect(memberRecordActions(view('own', 'withdrawn')).withdraw).toBe(false);
		expect(memberRecordActions(view('claim', 'needs-approval')).withdraw).toBe(false);
	});

	it('offers a correction of an app-made record, not while one waits or 需核实 is open', () => {
		expect(memberRecordActions(view('activity', 'approved')).correct).toBe(true);
		expect(memberRecordActions(view('claim', 'needs-approval')).correct).toBe(true);
		expect(memberRecordActions(view('activity', 'approved', 'returned')).correct).toBe(true);
		expect(memberRecordActions(view('activity', 'approved', 'needs-approval')).correct).toBe(false);
		expect(memberRecordActions(view('activity', 'flagged')).correct).toBe(false);
		expect(memberRecordActions(view('activity', 'withdrawn')).correct).toBe(false);
		expect(memberRecordActions(view('own', 'approved')).correct).toBe(false);
	});
});
