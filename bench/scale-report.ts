import type { Row } from './report';
import type { DeviceFigures, DeviceKind, ScaleResult, ScaleRun } from './scale';
import { fmtMB, fmtMs } from './support';

/** Issue 10's figures for a bureau of 20,000 members, measured before the change. */
const BEFORE_SIZE = 20_000;
const BEFORE: Partial<Record<DeviceKind, { docs: number; ms: number; bytes: number }>> = {
	member: { docs: 41_631, ms: 17_000, bytes: 67e6 },
	office: { docs: 621_600, ms: 260_000, bytes: 1.52e9 }
};
const PROJECTED_SIZE = 100_000;

interface Targets {
	docs?: number;
	ms?: number;
	bytes?: number;
}

/** Issue 10's targets, for a bureau of `members`. */
function targetsOf(kind: DeviceKind, members: number): Targets {
	if (kind === 'member') return { docs: 2_000, ms: 3_000 };
	if (kind === 'office') return { docs: 3 * members, ms: 30_000, bytes: 150e6 };
	return {};
}

const LABEL: Record<DeviceKind, string> = {
	member: "a member's phone",
	secretary: 'secretary of a 25-member branch',
	staff: 'community staff',
	office: 'the office'
};

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const signed = (value: number, format: (abs: number) => string) =>
	`${value < 0 ? '−' : '+'}${format(Math.abs(value))}`;

function figures(docs: number, ms: number, bytes: number): string {
	return `${n(docs)} docs · ${fmtMs(ms)} · ${bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : fmtMB(bytes)}`;
}

function targetText(t: Targets): string {
	const parts = [
		t.docs === undefined ? '' : `≤ ${n(t.docs)} docs`,
		t.ms === undefined ? '' : `≤ ${fmtMs(t.ms)}`,
		t.bytes === undefined ? '' : `≤ ${fmtMB(t.bytes)}`
	].filter(Boolean);
	return parts.length ? parts.join(' · ') : '(info)';
}

function verdict(t: Targets, docs: number, ms: number, bytes: number): string {
	const missed = [
		t.docs !== undefined && docs > t.docs ? 'docs' : '',
		t.ms !== undefined && ms > t.ms ? 'time' : '',
		t.bytes !== undefined && bytes > t.bytes ? 'size' : ''
	].filter(Boolean);
	if (t.docs === undefined && t.ms === undefined && t.bytes === undefined) return '';
	return missed.length ? `MISSED (${missed.join(', ')})` : 'met';
}

function deviceRow(run: ScaleRun, device: DeviceFigures): Row {
	const before = run.members === BEFORE_SIZE ? BEFORE[device.kind] : undefined;
	const targets = targetsOf(device.kind, run.members);
	// Fewer than the seeded documents of its channels would be a sync that lost some.
	const incomplete = Object.entries(device.expected).some(
		([name, count]) => (device.held[name as keyof typeof device.held] ?? 0) < count
	);
	return [
		`    ${LABEL[device.kind]} (${device.username})`,
		figures(device.heldTotal, device.firstSyncMs, device.indexedDbBytes),
		before ? `${figures(before.docs, before.ms, before.bytes)} before (issue 10)` : '',
		before ? `${(device.heldTotal / before.docs).toFixed(3)}× docs` : '',
		targetText(targets),
		incomplete
			? 'INCOMPLETE'
			: verdict(targets, device.heldTotal, device.firstSyncMs, device.indexedDbBytes)
	];
}

function setupRows(run: ScaleRun): Row[] {
	const seeded = Object.values(run.seededDocs).reduce((a, b) => a + b, 0);
	return [
		[
			`(h) scale: ${n(run.members)} members, ${n(run.branches)} branches, ${n(run.communities)} communities`,
			`${n(seeded)} docs seeded in ${fmtMs(run.seedMs)}`,
			`${n(run.activities)} activities`,
			'',
			'(setup)',
			''
		],
		[
			'    channel index; server start; summaries',
			`${fmtMs(run.indexMs)}; ${fmtMs(run.serverStartMs)}; ${fmtMs(run.summariesMs)}`,
			`${n(run.summaryDocs)} summaries`,
			'',
			'(setup)',
			''
		]
	];
}

/**
 * Each device kind's figures at 100,000 members, on the line through the smallest and the
 * largest bureau measured: what a document count, a time or a size adds per member.
 */
function projectionRows(runs: readonly ScaleRun[]): Row[] {
	const sorted = [...runs].sort((a, b) => a.members - b.members);
	const small = sorted[0];
	const large = sorted[sorted.length - 1];
	if (!small || !large || small.members === large.members) return [];
	const span = large.members - small.members;
	const rows: Row[] = [
		[
			`(h) projected to ${n(PROJECTED_SIZE)} members (line through ${n(small.members)} and ${n(large.members)})`,
			'',
			'growth per 1,000 members',
			'',
			'',
			''
		]
	];
	for (const device of large.devices) {
		const other = small.devices.find((d) => d.kind === device.kind);
		if (!other) continue;
		const at = (pick: (d: DeviceFigures) => number) => {
			// A figure that came out smaller for the larger bureau did not grow measurably.
			const slope = Math.max(0, (pick(device) - pick(other)) / span);
			return {
				value: pick(device) + slope * (PROJECTED_SIZE - large.members),
				per1000: slope * 1000
			};
		};
		const docs = at((d) => d.heldTotal);
		const ms = at((d) => d.firstSyncMs);
		const bytes = at((d) => d.indexedDbBytes);
		const targets = targetsOf(device.kind, PROJECTED_SIZE);
		rows.push([
			`    ${LABEL[device.kind]}`,
			figures(docs.value, ms.value, bytes.value),
			`${signed(docs.per1000, n)} docs · ${signed(ms.per1000, fmtMs)} · ${signed(bytes.per1000, fmtMB)}`,
			'',
			targetText(targets),
			verdict(targets, docs.value, ms.value, bytes.value)
		]);
	}
	return rows;
}

/** The scale part's rows of the summary table. */
export function scaleRows(result: ScaleResult): Row[] {
	const rows: Row[] = [];
	for (const run of result.runs) {
		rows.push(...setupRows(run), ...run.devices.map((device) => deviceRow(run, device)));
	}
	return [...rows, ...projectionRows(result.runs)];
}
