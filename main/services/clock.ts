// One place for timestamps, so every stored time has the same form (ISO 8601, UTC, milliseconds).
export const now = (): string => new Date().toISOString();
