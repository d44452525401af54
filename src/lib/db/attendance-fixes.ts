import type { Activity, Attendance } from '../domain/registry';
import { newAttendanceFix, type FixReading } from '../domain/events/fix-drafts';
import { currentTime } from './clock';
import { signedInDevice } from './device-context.svelte';
import { writeChecked } from './local-write';
import type { WriteOutcome } from './write-outcome';

/** Stores the resolution of one 需核实 check-in, and says what became of it. */
export type ResolveAttendance = (
	checkIn: Attendance,
	resolution: Exclude<FixReading, { ok: false }>
) => Promise<WriteOutcome>;

/**
 * An organiser's (or the host secretary's) resolutions of 需核实 at one activity, written on the
 * device as the gateway will check them, offline too. Call during component initialisation.
 */
export function attendanceFixing(activity: () => Activity): ResolveAttendance {
	const device = signedInDevice();
	return (checkIn, resolution) => {
		const current = activity();
		const fix = newAttendanceFix({
			activity: current,
			checkIn,
			resolution,
			recordedBy: device.actor.username,
			at: currentTime()
		});
		return device.write((db, actor) => writeChecked(db, 'attendance', actor, fix, current));
	};
}
