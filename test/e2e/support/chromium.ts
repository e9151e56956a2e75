// The e2e tests drive the Chromium installed on the machine: Playwright's own browser download does
// not work offline. No Chromium is a failure with instructions, never a silent skip.
import { existsSync } from 'node:fs';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  const fromEnv = process.env.FRAMELENS_CHROMIUM;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`FRAMELENS_CHROMIUM is set to ${fromEnv}, but there is no file there. Point it at a Chromium or Chrome binary.`);
  }
  const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  throw new Error(
    'The end-to-end tests need Chromium and found none (looked at ' +
      candidates.join(', ') +
      '). Install it with `apt-get install chromium` (Debian/Ubuntu), or set FRAMELENS_CHROMIUM to the path of a Chromium or Chrome binary.',
  );
}
