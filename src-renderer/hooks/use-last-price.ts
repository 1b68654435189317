// The last price of a market (the ticket's prefill, cost and stop checks; the alert form's starting price): asked
// once, then followed from the ticker stream the top bar keeps open for the market shown.
import { useEffect, useState } from 'react';
import type { Symbol, VenueId } from '../../src-shared';
import { api } from '../api';
import { onTicker } from './ticker-events';

interface Held {
  key: string;
  price: number;
}

export function useLastPrice(venue: VenueId, symbol: Symbol | undefined): number | undefined {
  const key = `${venue}|${symbol ?? ''}`;
  const [held, setHeld] = useState<Held | undefined>();
  useEffect(() => {
    if (!symbol) return;
    let live = true;
    api.call('market:ticker', { venue, symbol }).then(
      (ticker) => {
        // A tick that came first is newer than this answer.
        if (live) setHeld((current) => (current?.key === key ? current : { key, price: ticker.last }));
      },
      // No ticker yet (venue slow or down): the stream's next tick fills it in; the preview shows a dash meanwhile.
      () => undefined,
    );
    const stop = onTicker(venue, symbol, (ticker) => {
      if (live) setHeld({ key, price: ticker.last });
    });
    return () => {
      live = false;
      stop();
    };
  }, [venue, symbol, key]);
  // Keyed, so that right after a switch the previous market's price is never taken for this one's.
  return held?.key === key ? held.price : undefined;
}
