import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from './tests/support/chromium-launch';

const port = Number(process.env.E2E_PORT ?? 4173);
// Each run starts from an empty embedded store with the demo data.
const dataDir = mkdtempSync(join(tmpdir(), 'baodao-e2e-'));

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/e2e',
	fullyParallel: true,
	workers: 2,
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? 'list' : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: CHROMIUM_PATH,
			args: [...QUIET_CHROMIUM_ARGS, '--disable-gpu']
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	webServer: {
		// `BAODAO_BUILD_DIR` names another build folder (as for tests/support/built-app.ts).
		command: `node ${JSON.stringify(process.env.BAODAO_BUILD_DIR ?? 'build')}`,
		url: `http://127.0.0.1:${port}/api/session`,
		// /api/session answers 401 until someone signs in; any answer means the server is up.
		ignoreHTTPSErrors: true,
		reuseExistingServer: false,
		timeout: 120_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			ORIGIN: `http://127.0.0.1:${port}`
		}
	}
});
