// How the accounts folder turns a failure into what it shows and logs.
import { AppError, type ApiErrorData } from '../../src-shared';

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function toData(error: unknown): ApiErrorData {
  return error instanceof AppError ? error.toData() : { code: 'INTERNAL', message: describeError(error), retryable: false };
}
