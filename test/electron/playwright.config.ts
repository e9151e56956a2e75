// End-to-end tests of the desktop app itself (`npm run test:electron`). They need the Electron binary,
// which Framelens's build machines do not have: there the run reports that it skipped and why, and
// passes. Where the binary exists, global-setup builds the app first.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/electron',
  globalSetup: './global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./skip-reporter.ts']],
});
