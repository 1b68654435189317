// Each venue the trader uses, and whether it answers: "Binance offline — retrying in 12 s". Venues without an account
// and Demo (always there) are left out; nothing is shown while every venue in use is live but a quiet "live" mark.
import { useEffect, useState } from 'react';
import { VENUE_NAMES, type VenueConnectivity as Connectivity, type VenueId } from '../../../src-shared';
import { api } from '../../api';
import { t, useT } from '../../i18n';
import { useConnection } from '../../stores/connection';
import { useNetworkOnline } from './use-network-online';


function words(state: Connectivity, now: number): string {
  if (state.state === 'offline' && state.retryAt !== undefined) {
    return t('topBar:connectivity.retryingIn', { seconds: Math.max(0, Math.ceil((state.retryAt - now) / 1000)) });
  }
  return state.state === 'none' ? '' : t(`topBar:connectivity.${state.state}`);
}

export function VenueConnectivity() {
  const generation = useConnection((s) => s.generation);
  const [states, setStates] = useState<Map<VenueId, Connectivity>>(new Map());
  const [now, setNow] = useState(() => Date.now());
  const { t: translate } = useT('topBar');
  useNetworkOnline();

  useEffect(() => {
    if (generation === 0) return;
    let ended = false;
    const off = api.on('venue.connectivity-changed', (change) => setStates((current) => new Map(current).set(change.venue, change)));
    void api
      .call('system:connectivity', {})
      .then((all) => {
        if (!ended) setStates(new Map(all.map((state) => [state.venue, state])));
      })
      .catch(() => undefined);
    return () => {
      ended = true;
      off();
    };
  }, [generation]);

  const shown = [...states.values()].filter((s) => s.venue !== 'demo' && s.state !== 'none');
  const counting = shown.some((s) => s.state === 'offline' && s.retryAt !== undefined);
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [counting]);

  if (shown.length === 0) return null;
  return (
    <span className="venue-connectivity" role="status" aria-label={translate('connectivity.label')} data-testid="venue-connectivity">
      {shown.map((state) => (
        <span key={state.venue} className={`badge connectivity-${state.state}`} data-venue={state.venue} data-state={state.state} title={state.reason}>
          {VENUE_NAMES[state.venue]} {words(state, now)}
        </span>
      ))}
    </span>
  );
}
