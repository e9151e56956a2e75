// Starts the conversion worker from the TypeScript sources (the web host and command line run them
// through tsx; the desktop app bundles the worker instead).
import { register } from 'tsx/esm/api';

register();
await import('./convert-worker.ts');
