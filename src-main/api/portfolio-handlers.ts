import { portfolioChannels, type PortfolioView } from '../../src-shared';
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type PortfolioChannels = keyof typeof portfolioChannels;

export function portfolioHandlers({ portfolio }: ApiServices): Pick<Handlers, PortfolioChannels> {
  // A margin view (MT5) is read from the terminals first when what was read of them is not fresh.
  const fresh = async <T>(view: PortfolioView, read: () => T): Promise<T> => {
    await portfolio.ready(view);
    return read();
  };
  return {
    'portfolio:summary': ({ view }) => fresh(view, () => portfolio.summary(view)),
    'portfolio:positions': ({ view }) => fresh(view, () => portfolio.positions(view)),
    'portfolio:equity': ({ view, range }) => portfolio.equity(view, range),
    'portfolio:statistics': ({ view, from, to }) => fresh(view, () => portfolio.statistics(view, from, to)),
    'portfolio:ledger': ({ view, before, limit }) => fresh(view, () => portfolio.ledgerPage(view, before, limit)),
    'portfolio:export': ({ view, kind }) => fresh(view, () => portfolio.export(view, kind)),
    'portfolio:settings': () => portfolio.settings(),
    'portfolio:update-settings': (settings) => portfolio.updateSettings(settings),
  };
}
