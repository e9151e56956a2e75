// Errors the application raises on purpose: each carries a stable code and a message a person can act on.
import type { ErrorCode } from '../api/contract.ts';

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} does not exist (it may have been deleted).`);
export const invalid = (message: string) => new AppError('INVALID_INPUT', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);
