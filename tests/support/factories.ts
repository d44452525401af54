import { reportId, type Report, type ReportKind } from '../../src/lib/domain/registry';
import { withChannels } from '../../src/lib/domain/access/write-policy';
import { NOW } from './world';

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
