/**
 * `npm run bench:versions -- <rev>`: the bench of this tree and of an earlier version, in one run
 * on the same machine, and the ratio of each headline figure (this ÷ that). The earlier version is
 * unpacked from git into `bench/.work/rev-<sha>/` and uses this tree's node_modules; with `shell`
 * among the parts, both are built first. `BENCH_*` settings apply to both.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from './report';
import { log } from './support';

const ROOT = new URL('..', import.meta.url).pathname;

function git(...args: string[]): string {
	return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

/** The earlier version's files, once per commit. */
function unpack(rev: string): string {
	const sha = git('rev-parse', '--verify', `${rev}^{commit}`);
	const dir = join(ROOT, 'bench/.work', `rev-${sha.slice(0, 12)}`);
	if (!existsSync(join(dir, 'package.json'))) {
		mkdirSync(dir, { recursive: true });
		execFileSync('sh', ['-c', 'git archive "$0" | tar -x -C "$1"', sha, dir], { cwd: ROOT });
		symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
	}
	return dir;
}

function run(cwd: string, command: string, args: string[]): void {
	const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`);
}

function bench(dir: string, label: string): BenchResults {
	log(`— ${label} (${dir}) —`);
	run(dir, process.execPath, ['--import', 'tsx', 'bench/run.ts']);
	return JSON.parse(readFileSync(join(dir, 'bench/.work/results.json'), 'utf8')) as BenchResults;
}

/** The headline figures, each with whether lower is better. */
function figures(r: BenchResults): [string, number | undefined, 'lower' | 'higher'][] {
	return [
		['(a) initial sync, gateway ms', r.initialSync?.largeMs, 'lower'],
		['(a) gateway ÷ plain endpoint', r.initialSync?.gatewayVsPlain, 'lower'],
		['(b) store large ÷ small', r.initialSync?.largeVsSmall, 'lower'],
		['(c) fan-out p50 ms', r.fanout?.p50, 'lower'],
		['(c) fan-out p95 ms', r.fanout?.p95, 'lower'],
		['(d) push docs/s', r.push?.gatewayDocsPerSecond, 'higher'],
		['(g) check-in burst docs/s', r.burst?.gatewayDocsPerSecond, 'higher'],
		['(e) home route JS gzip bytes', r.shell?.jsGzipBytes, 'lower'],
		['(f) offline reload ms', r.shell?.offlineMs, 'lower']
	];
}

const rev = process.argv[2];
if (!rev) {
	console.error('Usage: npm run bench:versions -- <git revision of the earlier version>');
	process.exit(2);
}
const earlier = unpack(rev);
if ((process.env['BENCH_ONLY'] ?? 'shell').includes('shell')) {
	run(earlier, 'npx', ['vite', 'build', '--logLevel', 'warn']);
	run(ROOT, 'npx', ['vite', 'build', '--logLevel', 'warn']);
}
const before = bench(earlier, `earlier version ${rev}`);
const after = bench(ROOT, 'this tree');

const rows = figures(after).map(([name, now, better], i) => {
	const then = figures(before)[i]?.[1];
	if (now === undefined || then === undefined) return `${name}: not measured`;
	const ratio = now / then;
	// Within 10 % either way is noise on a shared 2-core machine; beyond it, say which way.
	const worse = better === 'lower' ? ratio > 1.1 : ratio < 1 / 1.1;
	const verdict = worse ? 'WORSE by more than 10 %' : 'within 10 % or better';
	const figure = (value: number) => String(Number(value.toPrecision(5))).padStart(10);
	return `${name.padEnd(32)} ${figure(then)} → ${figure(now)}  ${ratio.toFixed(2)}×  ${verdict}`;
});
console.log(`\nThis tree against ${rev} (this ÷ that):\n${rows.join('\n')}\n`);
