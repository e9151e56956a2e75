// Test fixtures: every test gets a fresh project file with the web host serving it, and the app
// opened in the browser with an analyst name set.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { WebHost } from './support/webHost.ts';
import { AppPage } from './pages/AppPage.ts';

type Fixtures = {
  /** The running web host on this test's own project file. */
  host: WebHost;
  /** Framelens open in the page, analyst name set. */
  app: AppPage;
};

export const analyst = 'Test Analyst';

export const test = base.extend<Fixtures>({
  host: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'framelens-e2e-'));
    const host = new WebHost(join(dir, 'p.framelens'));
    await host.start();
    try {
      await use(host);
    } finally {
      await host.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
  app: async ({ page, host }, use) => {
    // The page runs under a strict CSP; a violation or an uncaught error fails the test that caused it.
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    const app = new AppPage(page);
    await app.open(host.url, { analyst });
    await use(app);
    expect(problems, 'errors in the page').toEqual([]);
  },
});

export { expect };
