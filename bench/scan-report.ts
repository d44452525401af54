import type { Row } from './report';
import type { RouteBytes } from './scan-bytes';
import type { ScanDecodeResult } from './scan-decode';
import { fmtKB, fmtMs } from './support';

export interface ScanResult {
	decode: ScanDecodeResult;
	routes: RouteBytes[];
}

/** Issue 9's budget for the member's home route, which must not carry the scanner's reader. */
const HOME_BUDGET_BYTES = 250_000;

const ROUTE_NAMES: Record<string, string> = {
	'/': "member's home route",
	'/activities/scan': "member's scan route",
	'/activities/[id]': 'activity route with the kiosk'
};

export function scanRows({ decode, routes }: ScanResult): Row[] {
	const rows: Row[] = [
		[
			`(o) QR decode per frame, Chromium (median of ${decode.repeats}; p90 over frames)`,
			'zxing-wasm (shipped)',
			'@zxing/library (old)',
			'',
			'',
			''
		]
	];
	for (const set of decode.sets) {
		rows.push([
			`    ${set.label}: read ${set.shippedRead} vs ${set.oldRead} of ${set.frames}`,
			`${fmtMs(set.shippedMs)} (p90 ${fmtMs(set.shippedP90Ms)})`,
			`${fmtMs(set.oldMs)} (p90 ${fmtMs(set.oldP90Ms)})`,
			`${(set.shippedMs / set.oldMs).toFixed(2)}×`,
			'(info)',
			''
		]);
	}
	for (const route of routes) {
		const home = route.route === '/';
		rows.push([
			`(p) ${ROUTE_NAMES[route.route] ?? route.route}: JS, gzip -9 (${route.files} files)`,
			fmtKB(route.jsGzipBytes),
			`${fmtKB(route.jsRawBytes)} raw`,
			'',
			home ? '≤ 250 KB' : '(info)',
			home ? (route.jsGzipBytes <= HOME_BUDGET_BYTES ? 'met' : 'MISSED') : ''
		]);
		if (route.wasmRawBytes > 0) {
			rows.push([
				`    of which the reader's chunk; then its .wasm`,
				fmtKB(route.readerJsGzipBytes),
				`${fmtKB(route.wasmGzipBytes)} (.wasm, ${fmtKB(route.wasmRawBytes)} raw)`,
				'',
				'(info)',
				''
			]);
		}
	}
	return rows;
}
