import { en as shellEn } from './en';
import { approvalsEn } from './parts/approvals.en';
import { approvalsZh } from './parts/approvals.zh-CN';
import { fixesEn } from './parts/fixes.en';
import { fixesZh } from './parts/fixes.zh-CN';
import { ledgerEn } from './parts/ledger.en';
import { ledgerZh } from './parts/ledger.zh-CN';
import { meetingsEn } from './parts/meetings.en';
import { meetingsZh } from './parts/meetings.zh-CN';
import { officePointsEn } from './parts/office-points.en';
import { officePointsZh } from './parts/office-points.zh-CN';
import { pairingEn } from './parts/pairing.en';
import { pairingZh } from './parts/pairing.zh-CN';
import { pointsEn } from './parts/points.en';
import { pointsZh } from './parts/points.zh-CN';
import { recordsEn } from './parts/records.en';
import { rosterEn } from './parts/roster.en';
import { rosterZh } from './parts/roster.zh-CN';
import { rosterProblemsEn } from './parts/roster-problems.en';
import { rosterProblemsZh } from './parts/roster-problems.zh-CN';
import { accountsEn } from './parts/accounts.en';
import { accountsZh } from './parts/accounts.zh-CN';
import { recordsZh } from './parts/records.zh-CN';
import { serviceDeskEn } from './parts/service-desk.en';
import { serviceDeskZh } from './parts/service-desk.zh-CN';
import { conductEn } from './parts/conduct.en';
import { conductZh } from './parts/conduct.zh-CN';
import { feedbackEn } from './parts/feedback.en';
import { feedbackZh } from './parts/feedback.zh-CN';
import { workReportsEn } from './parts/work-reports.en';
import { workReportsZh } from './parts/work-reports.zh-CN';
import { awardsEn } from './parts/awards.en';
import { awardsZh } from './parts/awards.zh-CN';
import { storiesEn } from './parts/stories.en';
import { storiesZh } from './parts/stories.zh-CN';
import { certificatesEn } from './parts/certificates.en';
import { certificatesZh } from './parts/certificates.zh-CN';
import { yearEndEn } from './parts/year-end.en';
import { yearEndZh } from './parts/year-end.zh-CN';
import { zhCN as shellZh, type MessageKey } from './zh-CN';

/**
 * Every message of both locales, the shell's and those lazily loaded screens add: for tests that
 * check a key exists everywhere. Only tests import it (screens load their parts themselves), so a
 * new lazy part is listed here once.
 */
export const lazyZh = {
	...serviceDeskZh,
	...recordsZh,
	...pointsZh,
	...approvalsZh,
	...officePointsZh,
	...fixesZh,
	...ledgerZh,
	...pairingZh,
	...meetingsZh,
	...rosterZh,
	...rosterProblemsZh,
	...accountsZh,
	...conductZh,
	...feedbackZh,
	...workReportsZh,
	...awardsZh,
	...storiesZh,
	...certificatesZh,
	...yearEndZh
};
export const completeZh: Record<MessageKey, string> = { ...shellZh, ...lazyZh };
export const completeEn: Record<MessageKey, string> = {
	...shellEn,
	...serviceDeskEn,
	...recordsEn,
	...pointsEn,
	...approvalsEn,
	...officePointsEn,
	...fixesEn,
	...ledgerEn,
	...pairingEn,
	...meetingsEn,
	...rosterEn,
	...rosterProblemsEn,
	...accountsEn,
	...conductEn,
	...feedbackEn,
	...workReportsEn,
	...awardsEn,
	...storiesEn,
	...certificatesEn,
	...yearEndEn
};
