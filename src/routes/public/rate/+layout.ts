import { addWorkReportMessages } from '$lib/components/work-reports/work-report-messages';

addWorkReportMessages();
