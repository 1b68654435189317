// MetaTrader 5 terminals in the words a trader reads on the Accounts screen: how the account nets positions, since
// when it is (dis)connected, why a connection was refused, and the margin level as brokers write it.
import type { Mt5Refusal, Mt5TerminalSummary } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';
import { formatWith } from '../../format/time';

export const MARGIN_MODE_WORDS: Record<Mt5TerminalSummary['marginMode'], string> = {
  hedging: 'Hedging',
  netting: 'Netting',
  exchange: 'Exchange (netting)',
};

export const REFUSAL_WORDS: Record<Mt5Refusal['reason'], string> = {
  token: 'Wrong pairing token',
  version: 'EA of another protocol version',
  hello: 'Malformed hello',
};

/** "14 Mar, 09:12:05": a day as well as the time, since a terminal may have gone away yesterday. */
export function whenText(ms: number): string {
  return formatWith(ms, { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "Connected since …" or "Disconnected since …" (the last time it was heard from). */
export function connectionText(terminal: Pick<Mt5TerminalSummary, 'connected' | 'since'>): string {
  return `${terminal.connected ? 'Connected' : 'Disconnected'} since ${whenText(terminal.since)}`;
}

/** "1:100", the way brokers write leverage. */
export function leverageText(leverage: number): string {
  return leverage > 0 ? `1:${leverage}` : '—';
}

/** Equity over margin in percent; MT5 reports 0 while no margin is used, which means "no level", not 0 %. */
export function marginLevelText(marginLevel: number, margin: number): string {
  return margin > 0 && Number.isFinite(marginLevel) ? `${formatPrice(marginLevel, 2)} %` : '—';
}

/** Who was refused, when known: "login 5012345 on Broker-Demo". */
export function refusedWho(refusal: Pick<Mt5Refusal, 'login' | 'server'>): string {
  if (refusal.login && refusal.server) return `login ${refusal.login} on ${refusal.server}`;
  if (refusal.login) return `login ${refusal.login}`;
  return refusal.server ? `a terminal on ${refusal.server}` : 'a terminal';
}

/** Trading terminal first, then the connected ones, then by login: rows do not jump around as figures change. */
export function sortTerminals(terminals: readonly Mt5TerminalSummary[]): Mt5TerminalSummary[] {
  const rank = (t: Mt5TerminalSummary) => (t.trading ? 0 : t.connected ? 1 : 2);
  return [...terminals].sort((a, b) => rank(a) - rank(b) || a.login.localeCompare(b.login));
}
