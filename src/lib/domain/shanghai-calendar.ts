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
	return Number(shanghaiIso(typeof at === 'string' ? new Date(at) : at).slice(0, 4));
}
