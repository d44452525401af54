import { isReport, type Report } from '../reporting/reports';
import type { KnownMember } from './breach-drafts';

/**
 * The members a community may report a breach about: those who report to it (their residence or
 * their branch's linked community), named as registered with it — or by their profile, which the
 * community holds for its residents — sorted by name.
 */
export function knownMembers(
	docs: readonly { kind?: unknown }[],
	communityId: string,
	profiles: readonly { id: string; name: string }[]
): KnownMember[] {
	const found = new Map<string, KnownMember>();
	for (const doc of docs) {
		if (!isReport(doc)) continue;
		const report: Report = doc;
		if (report.communityId !== communityId || found.has(report.memberId)) continue;
		const memberName =
			report.memberName ?? profiles.find((profile) => profile.id === report.memberId)?.name;
		if (!memberName) continue;
		found.set(report.memberId, {
			memberId: report.memberId,
			memberName,
			branchId: report.branchId,
			orgId: report.orgId
		});
	}
	return [...found.values()].sort(
		(a, b) =>
			a.memberName.localeCompare(b.memberName, 'zh-CN') || a.memberId.localeCompare(b.memberId)
	);
}
