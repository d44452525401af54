import type { RecordOutcome } from '$lib/db/record-actions';
import type { RecordProblem } from '$lib/domain/records/record-drafts';
import { problemsByField, type RecordField } from './record-form';

/**
 * A record form's sending: busy while it writes, the problems to show beside their fields when
 * the actions refuse the input, the outcome handed on once written. Call during component
 * initialisation.
 */
export function recordSubmission<T extends RecordOutcome>(
	ondone: (outcome: Exclude<T, { kind: 'problems' }>) => void
) {
	let problems = $state<RecordProblem[]>([]);
	let busy = $state(false);
	const byField = $derived(problemsByField(problems));
	return {
		get busy(): boolean {
			return busy;
		},
		get byField(): Partial<Record<RecordField, RecordProblem>> {
			return byField;
		},
		async send(action: () => Promise<T>): Promise<void> {
			busy = true;
			const outcome = await action();
			busy = false;
			if (outcome.kind === 'problems') {
				problems = outcome.problems;
				return;
			}
			problems = [];
			ondone(outcome as Exclude<T, { kind: 'problems' }>);
		}
	};
}
