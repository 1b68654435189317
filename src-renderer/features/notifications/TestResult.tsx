// A test message's outcome: the server's answer when it accepted, what went wrong when not.
import type { TestDeliveryResult } from '../../../src-shared';

export function TestResult({ result, what }: { result: TestDeliveryResult | string | undefined; what: string }) {
  if (result === undefined) return null;
  if (typeof result === 'string') {
    return (
      <p className="form-error" role="alert">
        {result}
      </p>
    );
  }
  return result.ok ? (
    <p className="test-ok" role="status">
      {what} sent. The server answered: {result.detail}
    </p>
  ) : (
    <p className="form-error" role="alert">
      {what} failed: {result.detail}
    </p>
  );
}
