// Finds the Electron executable that `npm install` put in node_modules. It is missing when the package
// was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, as on Framelens's build machines.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The Electron executable, or null when the package is installed without its binary. */
export function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export const MISSING_BINARY_REASON = 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); this test runs where it exists';
