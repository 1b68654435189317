// A test message's outcome: the server's answer when it accepted, what went wrong when not.
import type { TestDeliveryResult } from '../../../src-shared';
import { useT } from '../../i18n';

export function TestResult({ result, what }: { result: TestDeliveryResult | string | undefined; what: string }) {
  const { t } = useT('notifications');
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
      {t('test.sent', { what, detail: result.detail })}
    </p>
  ) : (
    <p className="form-error" role="alert">
      {t('test.failed', { what, detail: result.detail })}
    </p>
  );
}
