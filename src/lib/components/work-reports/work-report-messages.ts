import { addMessages } from '$lib/i18n/i18n.svelte';
import { workReportsEn } from '$lib/i18n/parts/work-reports.en';
import { workReportsZh } from '$lib/i18n/parts/work-reports.zh-CN';

/** The 述职评议 screens and the public rating page bring their messages when they load. */
export function addWorkReportMessages(): void {
	addMessages({ 'zh-CN': workReportsZh, en: workReportsEn });
}
