import { currentScope } from './scopes.js';

/**
 * Mutation testing of the access-control code (`npm run mutate`, or `MUTATE=gateway npm run
 * mutate`; see docs/testing.md): StrykerJS changes one operator or condition at a time and checks
 * that some test fails. Slow, so not part of `npm test`; run before each release.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
	testRunner: 'vitest',
	plugins: ['@stryker-mutator/vitest-runner'],
	vitest: { configFile: 'tests/mutation/vitest.config.ts' },
	coverageAnalysis: 'perTest',
	mutate: currentScope().mutate,
	// Sandboxes copy the tree; what is built or generated elsewhere stays behind.
	ignorePatterns: ['build', 'test-results', 'data', 'bench/.work', 'playwright-report', 'docs'],
	tempDirName: '.stryker-tmp',
	reporters: ['clear-text', 'progress', 'html', 'json'],
	htmlReporter: { fileName: 'test-results/mutation/mutation.html' },
	jsonReporter: { fileName: 'test-results/mutation/mutation.json' },
	thresholds: { high: 90, low: 80, break: null },
	concurrency: 2,
	timeoutMS: 30_000
};
