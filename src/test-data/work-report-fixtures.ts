import {
	SECTION_KEYS,
	workReportId,
	workReports,
	type WorkReport
} from '../lib/domain/work-reports/work-report';

/** br1 of org-a's report of 2026 to cm2 in street st1, a draft (test fixture). */
export function aWorkReport(overrides: Partial<WorkReport> = {}): WorkReport {
	const doc: WorkReport = {
		id: workReportId(2026, 'br1'),
		kind: 'work-report',
		year: 2026,
		branchId: 'br1',
		orgId: 'org-a',
		communityId: 'cm2',
		streetId: 'st1',
		secretaryMemberId: 'm121',
		secretaryName: '王书记',
		sections: Object.fromEntries(
			SECTION_KEYS.map((key) => [key, { text: `${key}。` }])
		) as WorkReport['sections'],
		by: 'secretary1',
		updatedAt: '2026-05-01T09:00:00.000Z',
		channels: [],
		...overrides
	};
	return { ...doc, channels: workReports.channelsOf(doc) };
}
