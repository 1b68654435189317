// Breaker state, rate-budget use and any ban per venue, polled from `system:health`. Polling (not pushed events)
// because these states change over seconds to minutes, and a poll also shows a ban that began while nobody watched.
import { useEffect, useRef, useState } from 'react';
import type { SystemHealth } from '../../../src-shared';
import { api } from '../../api';
import { venueName } from '../../../src-shared';
import { breakerWords, budgetWords, restrictionWords, type Tone } from './health-words';
import { errorMessage } from '../../format/error-message';
import { useT } from '../../i18n';

const TONE_COLOR: Record<Tone, string> = { ok: 'var(--up)', warn: 'var(--warn)', bad: 'var(--down)' };

interface Props {
  /** How often to ask main for the snapshot. */
  pollMs?: number;
  /** Where the snapshot comes from; the app's API by default. */
  load?: () => Promise<SystemHealth>;
}

export function VenueHealth({ pollMs = 5_000, load = () => api.call('system:health', {}) }: Props) {
  const [health, setHealth] = useState<SystemHealth | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const { t } = useT('health');
  // The latest `load` without restarting the poll: a default argument is a new function at every render.
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let alive = true;
    const poll = () =>
      loadRef.current().then(
        (snapshot) => {
          if (!alive) return;
          setHealth(snapshot);
          setFailed(undefined);
        },
        (error: unknown) => alive && setFailed(errorMessage(error)),
      );
    void poll();
    const timer = setInterval(poll, pollMs);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [pollMs]);

  const now = Date.now();
  return (
    <section className="venue-health" aria-label={t('region')}>
      {failed && <p className="error-banner">{t('unavailable', { error: failed })}</p>}
      {health && health.venues.length === 0 && <p className="empty">{t('noneYet')}</p>}
      {health?.venues.map((venue) => {
        const breaker = breakerWords(venue);
        const restriction = restrictionWords(venue, now);
        return (
          <article key={venue.venue} data-venue={venue.venue} aria-label={t('venueHealth', { venue: venueName(venue.venue) })}>
            <h3>
              {venueName(venue.venue)}{' '}
              <span className="badge" data-breaker={venue.breaker} style={{ color: TONE_COLOR[breaker.tone], borderColor: TONE_COLOR[breaker.tone] }}>
                {breaker.label}
              </span>
            </h3>
            {restriction && (
              <p role="alert" style={{ color: 'var(--down)' }}>
                {restriction}
              </p>
            )}
            {breaker.detail && <p>{breaker.detail}</p>}
            {venue.rateBudget.windows.map((window) => {
              const words = budgetWords(window);
              return (
                <div key={window.id}>
                  <meter min={0} max={1} low={0.7} high={0.9} optimum={0} value={words.fraction} aria-label={window.id} /> <span>{words.text}</span>
                </div>
              );
            })}
          </article>
        );
      })}
    </section>
  );
}
