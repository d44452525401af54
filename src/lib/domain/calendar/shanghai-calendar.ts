/** The scheme's calendar is Asia/Shanghai (UTC+8, no daylight saving), whatever the device's zone. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function shanghaiIso(at: Date): string {
	return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString();
}

/** Day in Asia/Shanghai as YYYYMMDD: the branch's working day. */
export function shanghaiDay(at: Date): string {
	return shanghaiIso(at).slice(0, 10).replaceAll('-', '');
}

/** The scheme's year (R8, R12, R16 are yearly) of an instant. */
export function shanghaiYear(at: Date | string): number {
	// Arithmetic, not text: write checks and the summary worker ask it many times per document.
	const time = typeof at === 'string' ? Date.parse(at) : at.getTime();
	return new Date(time + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** The scheme's year of a stored instant; 0 for text that is no instant (the schema refuses it). */
export function recordYear(at: string): number {
	const time = Date.parse(at);
	return Number.isNaN(time) ? 0 : shanghaiYear(new Date(time));
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A `datetime-local` value ("YYYY-MM-DDTHH:mm") read as Shanghai wall time, as an ISO instant; null
 * when it is not a real date and time. Organisers plan in Shanghai time whatever their phone's zone.
 */
export function shanghaiLocalToInstant(local: string): string | null {
	const match = LOCAL_PATTERN.exec(local);
	if (!match) return null;
	const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
		number,
		number,
		number,
		number,
		number
	];
	const wall = Date.UTC(year, month - 1, day, hour, minute);
	const back = new Date(wall);
	// Date.UTC rolls 31 February over into March: such a value was never a real day.
	if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59) {
		return null;
	}
	return new Date(wall - SHANGHAI_OFFSET_MS).toISOString();
}

/** An instant as a `datetime-local` value in Shanghai wall time ("YYYY-MM-DDTHH:mm"). */
export function instantToShanghaiLocal(at: Date | string): string {
	return shanghaiIso(typeof at === 'string' ? new Date(at) : at).slice(0, 16);
}
