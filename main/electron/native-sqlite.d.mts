// Types for native-sqlite.mjs (plain JS so `npm start` and electron-builder's hook run on Node as is).
export const NATIVE_DIR: string;
export const NATIVE_FILE: string;
export function installedElectronVersion(root: string): string;
export function ensureElectronSqlite(options: {
  root: string;
  electronVersion: string;
  platform?: NodeJS.Platform;
  arch?: string;
  log?: (message: string) => void;
}): Promise<{ file: string; rebuilt: boolean }>;
