import { reportId, type Report, type ReportKind } from '../../src/lib/domain/registry';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import { NOW } from './world';
import type { TestDevice } from './test-device';

/** A valid report as a member's device writes it (channels computed by the shared function). */
export function aReport(
	memberId: string,
	communityId: string,
	overrides: Partial<Report> = {},
	kind: ReportKind = 'residence'
): Report {
	const at = NOW.toISOString();
	const base: Report = {
		id: reportId(memberId, kind, communityId),
		memberId,
		branchId: 'br1',
		orgId: 'org-zjj',
		communityId,
		kind,
		submission: 1,
		submittedAt: at,
		updatedAt: at,
		channels: [],
		...overrides
	};
	return withChannels('reports', {
		...base,
		id: overrides.id ?? reportId(base.memberId, kind, base.communityId)
	});
}

/**
 * The ids of members' own contact documents a device holds, sorted: the `contacts` collection
 * also holds residents' contacts shared with the member holding a place on their need or wish.
 */
export async function memberContactIds(device: TestDevice): Promise<string[]> {
	const docs = await device.find('contacts');
	return docs
		.filter((doc) => !('kind' in doc))
		.map((doc) => doc.id)
		.sort();
}
