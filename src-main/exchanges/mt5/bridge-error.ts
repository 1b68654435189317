// How a bridge request fails, as an AppError whose code says what happens next, keeping the wire's own code for the
// adapter (an `in_doubt` or a lost connection during order_send means "resolve by find", not "refused").
import { AppError, type ErrorCode } from '../../../src-shared';
import type { WireErrorCode } from './protocol';

export type BridgeFailure = WireErrorCode | 'disconnected' | 'timeout' | 'bad_reply';

const APP_CODE: Record<BridgeFailure, ErrorCode> = {
  line_too_long: 'INVALID_REQUEST',
  bad_json: 'INTERNAL',
  unknown_command: 'INTERNAL',
  bad_request: 'INVALID_REQUEST',
  not_found: 'NOT_FOUND',
  in_doubt: 'VENUE_UNAVAILABLE',
  internal: 'VENUE_UNAVAILABLE',
  disconnected: 'DISCONNECTED',
  timeout: 'TIMEOUT',
  bad_reply: 'INTERNAL',
};

export class BridgeError extends AppError {
  constructor(
    readonly failure: BridgeFailure,
    message: string,
  ) {
    super(APP_CODE[failure], message);
    this.name = 'BridgeError';
  }
}
