// What a failure says, for the screen, in the language on screen: main sends a code, and for the refusals a trader
// meets most a reason and its values (src-shared/errors.ts); the sentence is written here, from the catalogues.
// Main's English message is shown only where no translation says more: in English, for a failure main has not given
// a reason; anything else that is not an AppError (a bug) shows its own text.
import { AppError, type ErrorParams, type OrderRule } from '../../src-shared';
import { i18n, t } from '../i18n';
import { currentLanguage } from '../i18n/language';
import { formatNumber, formatPrice } from './numbers';
import { isoDateTime } from './time';

export function errorMessage(error: unknown): string {
  if (!(error instanceof AppError)) return error instanceof Error ? error.message : String(error);
  const translated = error.reason === undefined ? undefined : reasonText(error.code, error.reason, error.params ?? {});
  if (translated !== undefined) return translated;
  // English readers keep main's precise sentence; a translation of it does not exist, so others get the code's.
  return currentLanguage() === 'en' && error.message !== '' ? error.message : t(`errors:${error.code}.default`);
}

const text = (params: ErrorParams, name: string): string => String(params[name] ?? '');
const num = (params: ErrorParams, name: string): number => Number(params[name]);

function reasonText(code: AppError['code'], reason: string, params: ErrorParams): string | undefined {
  if (code === 'RISK_LIMIT' && reason === 'killSwitch') {
    const since = params.since === undefined ? '' : t('errors:RISK_LIMIT.since', { time: isoDateTime(num(params, 'since')) });
    const why = params.why === undefined ? '' : t('errors:RISK_LIMIT.why', { why: text(params, 'why') });
    return t('errors:RISK_LIMIT.killSwitch', { since, why });
  }
  if (code === 'RISK_LIMIT' && reason.startsWith('limit.')) return limitText(reason.slice('limit.'.length), params);
  if (code === 'ORDER_REJECTED' && reason.startsWith('order.')) return orderRuleText(reason.slice('order.'.length) as OrderRule, params);
  const key = `errors:${code}.${reason}`;
  return i18n.exists(key) ? i18n.t(key as 'errors:INTERNAL.default', params) : undefined;
}

function limitText(limit: string, params: ErrorParams): string | undefined {
  const scopeName = text(params, 'scope');
  const scope = scopeName === 'global' ? t('errors:limit.scopeGlobal') : t('errors:limit.scopeAccount', { venue: scopeName });
  const quote = text(params, 'quote');
  const figure = (name: string) => (limit === 'maxOpenOrders' ? formatNumber(num(params, name), 0) : `${formatPrice(num(params, name), 2)} ${quote}`);
  const price = params.price === undefined ? undefined : `${formatPrice(num(params, 'price'), 2)} ${quote}`;
  const amount = `${formatNumber(num(params, 'amount'), 8)} ${text(params, 'base')}`.trim();
  const values = { scope, symbol: text(params, 'symbol'), value: figure('value'), threshold: figure('threshold'), amount, price };
  switch (limit) {
    case 'maxOrderNotional':
    case 'maxPositionNotional':
      if (price === undefined && params.amount !== undefined) return t('errors:limit.priceUnknown', { ...values, limit: t(`errors:limit.names.${limit}`) });
      return t(`errors:limit.${limit}`, values);
    case 'maxOpenOrders':
    case 'maxDailyLoss':
    case 'allowedSymbols':
      return t(`errors:limit.${limit}`, values);
    default:
      return undefined;
  }
}

/** One failed market rule of an order (src-shared/order-rules.ts), in the language on screen. */
export function orderRuleText(rule: OrderRule, params: ErrorParams): string {
  const figure = (name: string) => formatNumber(num(params, name), 8);
  const values = {
    symbol: text(params, 'symbol'),
    asset: text(params, 'asset'),
    type: params.type === undefined ? '' : t(`orders:typeLower.${text(params, 'type') as 'limit'}`),
    step: figure('step'),
    minimum: figure('minimum'),
    last: figure('last'),
    worth: params.decimals === undefined ? figure('worth') : formatPrice(num(params, 'worth'), num(params, 'decimals')),
  };
  return t(`errors:order.${rule}`, values);
}
