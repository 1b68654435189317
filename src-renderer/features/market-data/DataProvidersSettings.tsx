// Which price sources are asked, in what order, and their API keys. Moving a source up or down saves the order at
// once; the order decides whose price `providers:quote` gives first.
import { useCallback, useEffect, useState } from 'react';
import type { DataApiId, ProviderId, ProviderInfo, ProvidersState } from '../../../src-shared';
import { api } from '../../api';
import { ProviderKeyField } from './ProviderKeyField';
import { errorMessage } from '../../format/error-message';
import { useT } from '../../i18n';

function move(order: readonly ProviderId[], id: ProviderId, by: -1 | 1): ProviderId[] {
  const next = [...order];
  const from = next.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= next.length) return next;
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

export function DataProvidersSettings() {
  const [state, setState] = useState<ProvidersState | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const { t } = useT('marketData');

  const guard = useCallback(async (action: () => Promise<ProvidersState>) => {
    setSaving(true);
    try {
      setState(await action());
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }, []);

  useEffect(() => {
    void guard(() => api.call('providers:list', {}));
  }, [guard]);

  if (!state) return <p className="empty">{error ? t('couldNotLoad', { error }) : t('loading')}</p>;

  const reorder = (id: ProviderId, by: -1 | 1) =>
    void guard(() => api.call('providers:set-priority', { priority: move(state.priority, id, by) }));
  const saveKey = async (id: DataApiId, apiKey: string) => {
    await api.call('providers:set-key', { provider: id, apiKey });
    setState(await api.call('providers:list', {}));
  };
  const removeKey = async (id: DataApiId) => {
    await api.call('providers:remove-key', { provider: id });
    setState(await api.call('providers:list', {}));
  };

  return (
    <section className="data-providers" aria-label={t('providers')}>
      <p className="hint">{t('order')}</p>
      {error && <p role="alert" className="error-text">{error}</p>}
      <ol className="provider-list">
        {state.providers.map((provider: ProviderInfo, index) => (
          <li key={provider.id} data-provider={provider.id} aria-label={provider.name}>
            <div className="provider-head">
              <span className="provider-rank numeric">{index + 1}</span>
              <strong>{provider.name}</strong>
              <span className="muted">
                {provider.kind === 'exchange' ? (provider.available ? t('connectedExchange') : t('exchangeNotConnected')) : provider.rateLimit}
              </span>
              <span className="spacer" />
              <button type="button" aria-label={t('moveUp', { name: provider.name })} disabled={saving || index === 0} onClick={() => reorder(provider.id, -1)}>
                ↑
              </button>
              <button
                type="button"
                aria-label={t('moveDown', { name: provider.name })}
                disabled={saving || index === state.providers.length - 1}
                onClick={() => reorder(provider.id, 1)}
              >
                ↓
              </button>
            </div>
            {provider.needsKey && (
              <ProviderKeyField
                provider={provider}
                onSave={(apiKey) => saveKey(provider.id as DataApiId, apiKey)}
                onRemove={() => removeKey(provider.id as DataApiId)}
              />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
