import type { RxDocument } from 'rxdb';
import { map, type OperatorFunction } from 'rxjs';
import { isAttendanceRecord } from '../domain/events/attendance-record';
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
