import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The layer rules (.dependency-cruiser.cjs), run as `npm run lint:deps` runs them. */
const ROOT = resolve(import.meta.dirname, '../..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
	rule: { name: string; severity: string };
	from: string;
	to: string;
}

interface CruiseResult {
	summary: { error: number; totalCruised: number; violations: Violation[] };
	modules: { source: string; dependencies: { module: string; resolved: string }[] }[];
}

/** Cruises `src` of a tree with the project's configuration. */
function cruise(cwd: string): Promise<CruiseResult> {
	return new Promise((done, fail) => {
		execFile(
			process.execPath,
			[DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'json'],
			{ cwd, maxBuffer: 64 * 1024 * 1024 },
			// depcruise exits with the number of errors: read its answer either way.
			(error, stdout, stderr) => {
				try {
					done(JSON.parse(stdout) as CruiseResult);
				} catch {
					fail(error ?? new Error(`depcruise printed no result: ${stderr}`));
				}
			}
		);
	});
}

/** A small tree shaped like ours, with one breach of each rule and some allowed imports. */
const FIXTURE: Record<string, string> = {
	'src/lib/db/database.ts':
		'export type BaodaoDatabase = { name: string };\nexport const open = 1;\n',
	'src/lib/db/notices.svelte.ts': 'export const notices = [];\n',
	'src/lib/server/store.ts': 'export const store = 1;\n',
	'src/lib/domain/rules.ts': [
		"import { tick } from 'svelte';",
		"import { readFileSync } from 'node:fs';",
		"import { notices } from '../db/notices.svelte';",
		"import { member } from '../../test-data/people';",
		'export const rules = [tick, readFileSync, notices, member];'
	].join('\n'),
	'src/lib/domain/rules.test.ts':
		"import { member } from '../../test-data/people';\nexport { member };\n",
	'src/test-data/people.ts': "export const member = 'm1';\n",
	// A page reaching the database by the alias: caught only if `$lib` resolves.
	'src/routes/+page.svelte': [
		'<script lang="ts">',
		"\timport { open } from '$lib/db/database';",
		"\timport { createRxDatabase } from 'rxdb';",
		"\timport { notices } from '$lib/db/notices.svelte';",
		'\tconst held = [open, createRxDatabase, notices];',
		'</script>',
		'',
		'<p>{held.length}</p>'
	].join('\n'),
	'src/routes/+page.ts':
		"import type { BaodaoDatabase } from '$lib/db/database';\nexport type Db = BaodaoDatabase;\n",
	'src/lib/components/Probe.svelte': [
		'<script lang="ts">',
		"\timport { store } from '$lib/server/store';",
		'</script>',
		'',
		'<p>{store}</p>'
	].join('\n'),
	// An endpoint is server code: it may use the server.
	'src/routes/api/+server.ts':
		"import { store } from '$lib/server/store';\nexport const GET = () => new Response(String(store));\n",
	'src/lib/db/screen-user.ts':
		"import Probe from '../components/Probe.svelte';\nexport { Probe };\n",
	'src/lib/one.ts': "import { two } from './two';\nexport const one = () => two;\n",
	'src/lib/two.ts': "import { one } from './one';\nexport const two = () => one;\n"
};

/** The configuration of the real tree for TypeScript and SvelteKit's `$lib`. */
const COPIED = ['tsconfig.json', 'tsconfig.depcruise.json', '.svelte-kit/tsconfig.json'];

describe('layer rules', () => {
	let fixture: string;

	beforeAll(async () => {
		fixture = await mkdtemp(join(tmpdir(), 'baodao-layers-'));
		for (const [path, text] of Object.entries(FIXTURE)) {
			await mkdir(dirname(join(fixture, path)), { recursive: true });
			await writeFile(join(fixture, path), text);
		}
		for (const path of COPIED) {
			await mkdir(dirname(join(fixture, path)), { recursive: true });
			await copyFile(join(ROOT, path), join(fixture, path));
		}
		await symlink(join(ROOT, 'node_modules'), join(fixture, 'node_modules'), 'dir');
	});

	afterAll(async () => {
		if (!fixture) return;
		// The link first, so that removing the tree can never reach the project's node_modules.
		await unlink(join(fixture, 'node_modules')).catch(() => undefined);
		await rm(fixture, { recursive: true, force: true });
	});

	it('reports each breach as an error', async () => {
		const result = await cruise(fixture);
		const found = result.summary.violations
			.filter((v) => v.rule.severity === 'error')
			.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
		expect(found).toEqual(
			expect.arrayContaining([
				'no-replica-internals-in-screens: src/routes/+page.svelte -> src/lib/db/database.ts',
				'no-replica-internals-in-screens: src/routes/+page.ts -> src/lib/db/database.ts',
				expect.stringMatching(
					/^no-storage-in-screens: src\/routes\/\+page\.svelte -> .*node_modules\/rxdb\//
				),
				'no-server-in-screens: src/lib/components/Probe.svelte -> src/lib/server/store.ts',
				expect.stringMatching(
					/^domain-without-ui-or-storage: src\/lib\/domain\/rules\.ts -> .*svelte/
				),
				// depcruise names Node's built-ins without the `node:` prefix.
				'domain-stays-in-domain: src/lib/domain/rules.ts -> fs',
				'domain-stays-in-domain: src/lib/domain/rules.ts -> src/lib/db/notices.svelte.ts',
				'test-data-only-in-tests: src/lib/domain/rules.ts -> src/test-data/people.ts',
				'db-below-screens-and-server: src/lib/db/screen-user.ts -> src/lib/components/Probe.svelte',
				'no-circular: src/lib/one.ts -> src/lib/two.ts'
			])
		);
		// What is allowed stays allowed: a feature module, an endpoint's server, a spec's test data.
		const allowed = [
			'src/routes/+page.svelte -> src/lib/db/notices.svelte.ts',
			'src/routes/api/+server.ts -> ',
			'src/lib/domain/rules.test.ts -> '
		];
		for (const edge of allowed) expect(found.filter((f) => f.includes(edge))).toEqual([]);
	});

	it('passes the real tree, with every $lib import resolved', async () => {
		const result = await cruise(ROOT);
		const errors = result.summary.violations.filter((v) => v.rule.severity === 'error');
		expect(errors).toEqual([]);
		const home = result.modules.find((m) => m.source === 'src/routes/+page.svelte');
		expect(home?.dependencies).toContainEqual(
			expect.objectContaining({
				module: '$lib/components/SignedIn.svelte',
				resolved: 'src/lib/components/SignedIn.svelte'
			})
		);
	});
});
