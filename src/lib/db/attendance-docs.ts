import type { RxDocument } from 'rxdb';
import { map, type OperatorFunction } from 'rxjs';
import { isAttendanceRecord } from '../domain/events/attendance-record';
import { fixedAttendance } from '../domain/events/attendance-fixes';
import type { Attendance, AttendanceDoc } from '../domain/registry';
import { plainDocs } from './plain-docs';

type AttendanceQuery = OperatorFunction<RxDocument<AttendanceDoc>[], Attendance[]>;

/** The records of people at activities among a query's results; notes and walk-ins left out. */
export function attendanceRecords(): AttendanceQuery {
	return (docs$) =>
		docs$.pipe(
			plainDocs<AttendanceDoc>(),
			map((docs) => docs.filter(isAttendanceRecord))
		);
}

/**
 * The records as organisers' 需核实 resolutions leave them (attendance-fixes.ts): what a member's
 * year counts. Queries must include the `fix` documents of the same activities.
 */
export function resolvedAttendance(): AttendanceQuery {
	return (docs$) => docs$.pipe(plainDocs<AttendanceDoc>(), map(fixedAttendance));
}
