// MetaTrader 5 terminals in the words a trader reads on the Accounts screen: how the account nets positions, since
// when it is (dis)connected, why a connection was refused, and the margin level as brokers write it.
import type { Mt5Refusal, Mt5TerminalSummary } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';
import { formatWith } from '../../format/time';
import { t } from '../../i18n';

/** How the account nets positions (hedging, netting, exchange), in the current language. */
export function marginModeWords(mode: Mt5TerminalSummary['marginMode']): string {
  return t(`accounts:mt5.marginModes.${mode}`);
}

/** Why the bridge turned a terminal away, in the current language. */
export function refusalWords(reason: Mt5Refusal['reason']): string {
  return t(`accounts:mt5.refusals.${reason}`);
}

/** "14 Mar, 09:12:05": a day as well as the time, since a terminal may have gone away yesterday. */
export function whenText(ms: number): string {
  return formatWith(ms, { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "Connected since …" or "Disconnected since …" (the last time it was heard from). */
export function connectionText(terminal: Pick<Mt5TerminalSummary, 'connected' | 'since'>): string {
  const when = whenText(terminal.since);
  return terminal.connected ? t('accounts:mt5.connectedSince', { when }) : t('accounts:mt5.disconnectedSince', { when });
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
  if (refusal.login && refusal.server) return t('accounts:mt5.refusals.loginOn', { login: refusal.login, server: refusal.server });
  if (refusal.login) return t('accounts:mt5.refusals.login', { login: refusal.login });
  return refusal.server ? t('accounts:mt5.refusals.terminalOn', { server: refusal.server }) : t('accounts:mt5.refusals.terminal');
}

/** Trading terminal first, then the connected ones, then by login: rows do not jump around as figures change. */
export function sortTerminals(terminals: readonly Mt5TerminalSummary[]): Mt5TerminalSummary[] {
  const rank = (terminal: Mt5TerminalSummary) => (terminal.trading ? 0 : terminal.connected ? 1 : 2);
  return [...terminals].sort((a, b) => rank(a) - rank(b) || a.login.localeCompare(b.login));
}
