import { i18n, type Locale } from './i18n.svelte';

/**
 * Dates and times are always in Asia/Shanghai — the scheme runs on Beijing time wherever the
 * device is — but written the way the chosen language writes them. Reading `i18n.locale` by
 * default makes every date on screen follow a change of language.
 */
const TIME_ZONE = 'Asia/Shanghai';

type Shape = 'date' | 'dateTime' | 'dayTime' | 'time';

const shapes: Record<Shape, Intl.DateTimeFormatOptions> = {
	date: { year: 'numeric', month: 'long', day: 'numeric' },
	dateTime: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' },
	dayTime: { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' },
	time: { hour: '2-digit', minute: '2-digit' }
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function format(shape: Shape, value: Date | string, locale: Locale): string {
	const key = `${locale} ${shape}`;
	let formatter = formatters.get(key);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat(locale, {
			...shapes[shape],
			timeZone: TIME_ZONE,
			hourCycle: 'h23'
		});
		formatters.set(key, formatter);
	}
	return formatter.format(typeof value === 'string' ? new Date(value) : value);
}

/** Date and time (2026年11月25日 18:50; November 25, 2026 at 18:50). */
export function formatDateTime(value: Date | string, locale: Locale = i18n.locale): string {
	return format('dateTime', value, locale);
}

/** A day (2026年11月25日; November 25, 2026), e.g. when a piece of service was done. */
export function formatDate(value: Date | string, locale: Locale = i18n.locale): string {
	return format('date', value, locale);
}

/**
 * A Shanghai calendar day kept as `YYYY-MM-DD` (an agreement's period, an item's due date), read
 * at its noon so that no time zone moves it to the day before or after.
 */
export function formatDay(day: string, locale: Locale = i18n.locale): string {
	return format('date', `${day}T12:00:00+08:00`, locale);
}

/** A recent instant without its year (11月29日 14:15), e.g. when a kept copy was fetched. */
export function formatDayTime(value: Date | string, locale: Locale = i18n.locale): string {
	return format('dayTime', value, locale);
}

/** A time of day (18:50), for instants whose day is shown nearby. */
export function formatTime(value: Date | string, locale: Locale = i18n.locale): string {
	return format('time', value, locale);
}

/** A share as a whole percentage (rounded down, so 99.6% never shows as the 100% target). */
export function formatRate(rate: number | null): string {
	return rate === null ? '—' : `${Math.floor(rate * 100 + 1e-9)}%`;
}
