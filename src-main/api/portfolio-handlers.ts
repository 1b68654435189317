import { portfolioChannels } from '../../src-shared';
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type PortfolioChannels = keyof typeof portfolioChannels;

export function portfolioHandlers({ portfolio }: ApiServices): Pick<Handlers, PortfolioChannels> {
  return {
    'portfolio:summary': ({ view }) => portfolio.summary(view),
    'portfolio:positions': ({ view }) => portfolio.positions(view),
    'portfolio:equity': ({ view, range }) => portfolio.equity(view, range),
    'portfolio:statistics': ({ view, from, to }) => portfolio.statistics(view, from, to),
    'portfolio:ledger': ({ view, before, limit }) => portfolio.ledgerPage(view, before, limit),
    'portfolio:export': ({ view, kind }) => portfolio.export(view, kind),
    'portfolio:settings': () => portfolio.settings(),
    'portfolio:update-settings': (settings) => portfolio.updateSettings(settings),
  };
}
