import type { TradingMode } from '../../../src-shared';
import { MODE_WORDS } from './order-words';

const TITLES: Record<TradingMode, string> = {
  live: 'Live: real orders with real funds',
  paper: 'Paper: real prices, simulated fills and balances',
  demo: 'Demo: simulated market, no real funds',
};

/** The coloured mode badge of the ticket and of every order row (UI.md: live, paper and demo are unmistakable). */
export function ModeBadge({ mode }: { mode: TradingMode }) {
  return (
    <span className={`badge mode mode-${mode}`} title={TITLES[mode]} data-mode={mode}>
      {MODE_WORDS[mode]}
    </span>
  );
}
