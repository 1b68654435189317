// For tests: the AppError a promise is refused with. Anything else — a plain Error, or no refusal at all — fails the
// test, so a refusal that lost its code cannot pass for one that kept it.
import { AppError } from '../errors';

export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
