import { map } from 'rxjs';
import type { ClaimRecords } from '../domain/events/yearly-duties';
import { isClaimDecision } from '../domain/marketplace/claim-decisions';
import { isClaim } from '../domain/marketplace/claim-record';
import type { AttendanceDoc } from '../domain/registry';
import { signedInDevice } from './device-context.svelte';
import { observe } from './observe.svelte';
import { plainDocs } from './plain-docs';

const NONE: ClaimRecords = { claims: [], decisions: [] };

/**
 * The claims and the community's decisions on them that this device holds, for R16's service
 * parts: a member's own, or (on a secretary's device) the branch's members'. Live.
 */
export function observeClaimRecords(selector: () => { memberId: string } | { branchId: string }): {
	readonly current: ClaimRecords;
} {
	const device = signedInDevice();
	return observe(
		() =>
			device.db.attendance
				.find({ selector: { ...selector(), kind: { $in: ['claim', 'claim-decision'] } } })
				.$.pipe(
					plainDocs<AttendanceDoc>(),
					map((docs) => ({
						claims: docs.filter(isClaim),
						decisions: docs.filter(isClaimDecision)
					}))
				),
		NONE
	);
}
