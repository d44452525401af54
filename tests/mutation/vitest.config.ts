import { defineConfig } from 'vitest/config';
import viteConfig from '../../vite.config';
import { currentScope } from './scopes.js';

/**
 * The scope's tests as one project, for StrykerJS: for each mutant its Vitest runner runs the
 * tests that reached the mutated code. Integration tests run the gateway in this process, so
 * their coverage counts too.
 */
export default defineConfig({
	...viteConfig,
	test: {
		include: currentScope().tests,
		environment: 'node',
		// Bundles the simulated devices' worker once per run (tests/support/device-bundle.ts).
		globalSetup: ['tests/support/device-bundle.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
