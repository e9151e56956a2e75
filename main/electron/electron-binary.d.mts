// Types for electron-binary.mjs (plain JS so `npm start` runs on Node without a TypeScript loader).
export function electronBinary(): string | null;
export const MISSING_BINARY_REASON: string;
