/** Dates in Asia/Shanghai, written the Chinese way (2026年11月25日 18:50). */
const dateTime = new Intl.DateTimeFormat('zh-CN', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric',
	month: 'long',
	day: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});

export function formatDateTime(value: Date | string): string {
	return dateTime.format(typeof value === 'string' ? new Date(value) : value);
}

const dayTime = new Intl.DateTimeFormat('zh-CN', {
	timeZone: 'Asia/Shanghai',
	month: 'long',
	day: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});

/** A recent instant without its year (11月29日 14:15), e.g. when a kept copy was fetched. */
export function formatDayTime(value: Date | string): string {
	return dayTime.format(typeof value === 'string' ? new Date(value) : value);
}

/** A share as a whole percentage (rounded down, so 99.6% never shows as the 100% target). */
export function formatRate(rate: number | null): string {
	return rate === null ? '—' : `${Math.floor(rate * 100 + 1e-9)}%`;
}

const time = new Intl.DateTimeFormat('zh-CN', {
	timeZone: 'Asia/Shanghai',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});

/** A time of day in Asia/Shanghai (18:50), for instants whose day is shown nearby. */
export function formatTime(value: Date | string): string {
	return time.format(typeof value === 'string' ? new Date(value) : value);
}
