import type { DraftWords } from '$lib/domain/work-reports/work-report-draft';
import { formatDay } from '$lib/i18n/format';
import { i18n, t } from '$lib/i18n/i18n.svelte';
import { workReportsZh } from '$lib/i18n/parts/work-reports.zh-CN';

/** The draft worded in the screen's language: phrases from the `workReports.draft.*` messages. */
export function draftWords(): DraftWords {
	return {
		say: (phrase, params = {}) => t(`workReports.draft.${phrase}`, params),
		day: (day) => formatDay(day),
		list: (items) => items.join(i18n.locale === 'zh-CN' ? '、' : ', ')
	};
}

/** The label of a figure the draft rests on; an unknown key (a newer app's) shows as itself. */
export function figureLabel(key: string): string {
	const messageKey = `workReports.figure.${key}`;
	return messageKey in workReportsZh ? t(messageKey as keyof typeof workReportsZh) : key;
}
