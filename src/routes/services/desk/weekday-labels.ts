import { t } from '$lib/i18n/i18n.svelte';
import type { MessageKey } from '$lib/i18n/zh-CN';

/** Monday first, as `Shift.weekday` counts (1 = Monday … 7 = Sunday). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

const WEEKDAY_KEYS: Record<(typeof WEEKDAYS)[number], MessageKey> = {
	1: 'marketplace.weekday.1',
	2: 'marketplace.weekday.2',
	3: 'marketplace.weekday.3',
	4: 'marketplace.weekday.4',
	5: 'marketplace.weekday.5',
	6: 'marketplace.weekday.6',
	7: 'marketplace.weekday.7'
};

export function weekdayLabel(weekday: (typeof WEEKDAYS)[number]): string {
	return t(WEEKDAY_KEYS[weekday]);
}
