import type { ReportKind } from '../reporting/reports';

/**
 * Why community staff reviewing a report hold no phone for its member. A contact replicates to the
 * staff of the member's residence community only (see `contacts`), so on a unit report the phone
 * exists but is hidden from them; on a residence report it reaches them whenever it is on record.
 */
export function whyNoPhone(reportKind: ReportKind): 'hidden' | 'not-registered' {
	return reportKind === 'unit' ? 'hidden' : 'not-registered';
}
