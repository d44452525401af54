import type { ScanFeedback } from './scan-feedback';

/** One line of a kiosk's list of recent scans. */
export interface RecentScan {
	key: number;
	at: Date;
	tone: ScanFeedback['tone'];
	message: string;
}

/**
 * The list with `scan` on top, at most `limit` long. A badge held in front of the camera is read
 * again every few seconds; the same answer as the line on top only moves that line's time, so one
 * person never fills the list with "已签到" lines and hides the queue behind them.
 */
export function withScan(
	recent: readonly RecentScan[],
	scan: RecentScan,
	limit: number
): RecentScan[] {
	const [top, ...rest] = recent;
	if (top && top.tone === scan.tone && top.message === scan.message) {
		return [{ ...top, at: scan.at }, ...rest];
	}
	return [scan, ...recent].slice(0, limit);
}
