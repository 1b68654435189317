// Accounts: its own screen, not a panel of the trading screen (UI.md). Lists the exchange accounts with their
// status, tests and removes them, and adds new ones; and where the app signs in to the product account.
import { useEffect } from 'react';
import type { VenueId, VenueSummary } from '../../../src-shared';
import { api } from '../../api';
import { useT } from '../../i18n';
import { SecretsNotice } from '../secrets/SecretsNotice';
import { useSecrets } from '../secrets/secrets-store';
import { ScreenHeader } from '../top-bar/ScreenHeader';
import { AccountRow } from './AccountRow';
import { AddAccountForm } from './AddAccountForm';
import { Mt5Section } from './Mt5Section';
import { useAccounts } from './accounts-store';
import { VenueHealth } from '../health/VenueHealth';
import { SignInSettingsSection } from '../sign-in/SignInSettingsSection';
import { SharedModeSettingsSection } from '../shared-mode/SharedModeSettingsSection';

interface Props {
  /** For the venues' display names. */
  venues: VenueSummary[];
  onBack: () => void;
}

export function AccountsScreen({ venues, onBack }: Props) {
  const { accounts, venues: addable, loaded, error, busy, load, add, test, remove } = useAccounts();
  // Again once the keys are unlocked: the saved accounts are reconnecting then.
  const unlocks = useSecrets((state) => state.unlocks);
  const keyFile = useSecrets((state) => state.status?.store === 'file');
  const { t } = useT('accounts');
  useEffect(() => {
    void load(api);
  }, [load, unlocks]);
  // Right after a start, saved accounts are still reconnecting: look again until each has an answer.
  const connecting = accounts.some((account) => account.status === 'connecting');
  useEffect(() => {
    if (!connecting) return;
    const timer = setInterval(() => void load(api), 1_000);
    return () => clearInterval(timer);
  }, [connecting, load]);
  const venueName = (id: VenueId): string => venues.find((venue) => venue.id === id)?.name ?? id;

  return (
    <div className="app">
      <ScreenHeader title={t('screen.title')} onBack={onBack} />
      <main className="accounts-screen">
        <section className="accounts-list" aria-labelledby="accounts-heading">
          <h2 id="accounts-heading">{t('screen.heading')}</h2>
          <p className="hint">{keyFile ? t('screen.keysInFile') : t('screen.keysInKeychain')}</p>
          <SecretsNotice />
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          {!loaded ? (
            <p className="empty" role="status">
              {t('screen.loading')}
            </p>
          ) : accounts.length === 0 ? (
            <p className="empty">{t('screen.empty')}</p>
          ) : (
            <ul aria-label={t('screen.list')}>
              {accounts.map((account) => (
                <AccountRow
                  key={account.id}
                  account={account}
                  venueName={venueName(account.venue)}
                  busy={busy[account.id]}
                  onTest={() => void test(api, account.id)}
                  onRemove={() => void remove(api, account.id)}
                />
              ))}
            </ul>
          )}
        </section>
        {loaded && <AddAccountForm venues={addable} venueName={venueName} onAdd={(account) => add(api, account)} />}
        <Mt5Section />
        {/* The product account lives with the exchange accounts: the settings screens are operator-only already. */}
        <SignInSettingsSection />
        <SharedModeSettingsSection />
        <section className="accounts-health" aria-labelledby="health-heading">
          <h2 id="health-heading">{t('screen.health')}</h2>
          <VenueHealth />
        </section>
      </main>
    </div>
  );
}
