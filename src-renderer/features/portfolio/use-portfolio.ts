// The Portfolio tab's data: summary, positions, the equity curve of the chosen range and the statistics of the view,
// read again when the view or range changes and when main says the portfolio moved (`portfolio.updated`, already
// coalesced there) or a fill came in.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EquityCurve, EquityRange, PortfolioPosition, PortfolioStatistics, PortfolioSummary, PortfolioView } from '../../../src-shared';
import { api } from '../../api';
import { errorMessage } from '../../format/error-message';

export interface PortfolioData {
  summary: PortfolioSummary | undefined;
  positions: PortfolioPosition[];
  curve: EquityCurve | undefined;
  stats: PortfolioStatistics | undefined;
  error: string | undefined;
}

const EMPTY: PortfolioData = { summary: undefined, positions: [], curve: undefined, stats: undefined, error: undefined };
/** At most one reload this often, however many updates arrive. */
const RELOAD_MS = 500;

export function usePortfolio(view: PortfolioView, range: EquityRange): PortfolioData & { reload: () => void } {
  const [data, setData] = useState<PortfolioData>(EMPTY);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const current = useRef({ view, range });
  current.current = { view, range };

  const load = useCallback(async () => {
    const { view: v, range: r } = current.current;
    try {
      const [summary, positions, curve, stats] = await Promise.all([
        api.call('portfolio:summary', { view: v }),
        api.call('portfolio:positions', { view: v }),
        api.call('portfolio:equity', { view: v, range: r }),
        api.call('portfolio:statistics', { view: v }),
      ]);
      if (current.current.view === v && current.current.range === r) setData({ summary, positions, curve, stats, error: undefined });
    } catch (error) {
      setData((before) => ({ ...before, error: errorMessage(error) }));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [view, range, load]);

  useEffect(() => {
    const later = () => {
      if (pending.current) return;
      pending.current = setTimeout(() => {
        pending.current = undefined;
        void load();
      }, RELOAD_MS);
    };
    const offs = [
      api.on('portfolio.updated', (event) => event.view === current.current.view && later()),
      api.on('trade.executed', later),
    ];
    return () => {
      for (const off of offs) off();
      if (pending.current) clearTimeout(pending.current);
      pending.current = undefined;
    };
  }, [load]);

  return { ...data, reload: () => void load() };
}
