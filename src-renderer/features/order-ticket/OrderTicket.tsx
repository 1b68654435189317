// The order ticket beside the chart: venue and mode, Buy/Sell, Market/Limit/Stop, price, amount, what it costs and
// what is free to spend, the same checks main applies shown under each field, and main's answer after submit.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Market, OrderType, PlaceOrder, VenueId, VenueSummary } from '../../../src-shared';
import { api } from '../../api';
import { readNumber } from '../../format/number-hint';
import { formatNumber, formatPrice } from '../../format/numbers';
import { useT } from '../../i18n';
import { freeOf, sameView } from '../orders/order-lists';
import { useOrders } from '../orders/orders-store';
import { useOrdersFeed } from '../orders/use-orders-feed';
import { DecimalField } from './DecimalField';
import { LiveConfirmDialog } from './LiveConfirmDialog';
import { amountForShare, checkTicket, costPreview, FEE_ESTIMATE_RATE, issuesOf, priceText, spentAsset, toPlaceOrder } from './ticket-form';
import { TicketHeader } from './TicketHeader';
import { TicketOutcome } from './TicketOutcome';
import { ticketResult, useTicket, type NumberField } from './ticket-store';
import { useTradingMode } from './trading-mode';
import { useLastPrice } from '../../hooks/use-last-price';
import { modeStorage, useTradingView } from './use-trading-view';
import { useTicketShortcuts } from './use-ticket-shortcuts';
import { useKillSwitchBlock } from '../risk/kill-switch-store';

interface Props {
  venueId: VenueId;
  venues: VenueSummary[];
  market: Market | undefined;
}

const TYPES: OrderType[] = ['market', 'limit', 'stop-limit'];
const SHARES = [0.25, 0.5, 0.75, 1];

export function OrderTicket({ venueId, venues, market }: Props) {
  const venue = venues.find((v) => v.id === venueId);
  const view = useTradingView(venueId);
  useOrdersFeed(view);
  useTicketShortcuts();
  // While the kill switch is engaged no order can go: the button is disabled and says why.
  const blocked = useKillSwitchBlock();
  const last = useLastPrice(venueId, market?.symbol);
  const ticket = useTicket();
  const { t } = useT(['orderTicket', 'orders']);
  // The balance check only with balances of this very view: another venue's USDT says nothing here.
  const balances = useOrders((s) => (sameView(s.view, view) && !s.loading.balances && !s.errors.balances ? s.balances : undefined));
  // The order last placed, as the orders store holds it: its events keep it current (unknown → open → filled).
  const lists = useOrders((s) => s.lists);
  const result = ticketResult(ticket.placement, lists);
  const [confirming, setConfirming] = useState<PlaceOrder>();
  const amountRef = useRef<HTMLInputElement>(null);
  const ticketRef = useRef<HTMLElement>(null);

  // Another market or venue: its numbers mean nothing here.
  useEffect(() => useTicket.getState().clear(), [venueId, market?.symbol]);
  useEffect(() => {
    if (ticket.focusRequest === 0) return;
    ticketRef.current?.scrollIntoView({ block: 'nearest' });
    amountRef.current?.focus();
  }, [ticket.focusRequest]);
  // The first price a limit ticket sees (for this market, or since Esc) fills it in, as a type switch does.
  const lastKnown = last !== undefined;
  useEffect(() => {
    const state = useTicket.getState();
    if (lastKnown && market && state.type !== 'market' && state.price === '' && !state.touched.price) {
      state.setField('price', priceText(last, market.pricePrecision));
    }
    // Keyed on whether the price is known, not on the price: a tick must not overwrite what the trader typed.
  }, [lastKnown, market?.symbol, ticket.clears]);

  const mode = view?.mode;
  if (!market) {
    return (
      <section className="order-ticket" aria-label={t('title')} ref={ticketRef}>
        <TicketHeader venue={venue} mode={mode} onChoose={(m) => useTradingMode.getState().choose(venueId, m, modeStorage())} />
        <p className="empty">{t('chooseMarket')}</p>
      </section>
    );
  }

  const check = checkTicket(ticket, market, last, balances);
  const cost = costPreview(check.draft, last);
  const order = check.valid && check.draft && view ? toPlaceOrder(view, market, check.draft) : undefined;
  const spent = spentAsset(ticket.side, market);
  const spentDecimals = ticket.side === 'buy' ? market.pricePrecision : market.amountPrecision;
  const free = balances ? freeOf(balances, spent) : undefined;
  const shown = (field: NumberField): string[] => (ticket.touched[field] || ticket[field] !== '' ? issuesOf(check.issues, field) : []);
  const quote = (value: number | undefined): string => `${formatPrice(value, market.pricePrecision)} ${market.quote}`;
  const venueName = venue?.name ?? venueId;

  const send = (request: PlaceOrder): Promise<void> => useTicket.getState().place(api, request);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    ticket.touchAll();
    if (!order || ticket.submitting || blocked) return;
    if (order.mode === 'live') setConfirming(order);
    else void send(order);
  };
  const field = (name: NumberField) => ({
    value: ticket[name],
    messages: shown(name),
    onChange: (text: string) => ticket.setField(name, text),
  });

  return (
    <section className={`order-ticket ticket-${mode ?? 'resolving'}`} aria-label={t('title')} ref={ticketRef}>
      <TicketHeader venue={venue} mode={mode} onChoose={(m) => useTradingMode.getState().choose(venueId, m, modeStorage())} />
      {mode === 'live' && <p className="live-banner">{t('liveBanner', { venue: venueName })}</p>}
      <form className="ticket-form" aria-label={t('order')} noValidate onSubmit={submit}>
        <div className="ticket-symbol">
          <strong>{market.symbol}</strong>
          <span className="numeric" title={t('lastPrice')}>
            {t('last', { price: formatPrice(last, market.pricePrecision) })}
          </span>
        </div>
        <div role="group" aria-label={t('side')} className="segmented sides">
          {(['buy', 'sell'] as const).map((side) => (
            <button key={side} type="button" aria-pressed={ticket.side === side} className={`segment side-${side}`} onClick={() => ticket.setSide(side)}>
              {t(`orders:side.${side}`)}
            </button>
          ))}
        </div>
        <div role="group" aria-label={t('orderType')} className="segmented">
          {TYPES.map((type) => (
            <button
              key={type}
              type="button"
              aria-pressed={ticket.type === type}
              className="segment"
              onClick={() => ticket.setType(type, priceText(last, market.pricePrecision))}
            >
              {t(`types.${type}`)}
            </button>
          ))}
        </div>
        {issuesOf(check.issues, 'symbol').map((text) => (
          <p key={text} className="field-error" role="alert">
            {text}
          </p>
        ))}
        {ticket.type === 'stop-limit' && (
          <DecimalField id="ticket-stop-price" label={t('stopPrice')} unit={market.quote} placeholder={t('triggersAt')} {...field('stopPrice')} />
        )}
        {ticket.type !== 'market' && <DecimalField id="ticket-price" label={t('price')} unit={market.quote} {...field('price')} />}
        <DecimalField
          id="ticket-amount"
          label={t('amount')}
          unit={market.base}
          placeholder={formatPrice(0, market.amountPrecision)}
          inputRef={amountRef}
          {...field('amount')}
        />
        <div className="shares" role="group" aria-label={t('shares')}>
          {SHARES.map((share) => (
            <button
              key={share}
              type="button"
              className="share"
              disabled={!free}
              aria-label={t('useShare', { percent: share * 100, asset: spent })}
              onClick={() => {
                const price = ticket.type === 'market' ? last : (readNumber(ticket.price).value ?? last);
                ticket.setField('amount', amountForShare(share, ticket.side, market, free ?? 0, price));
              }}
            >
              {share * 100}%
            </button>
          ))}
        </div>
        <dl className="ticket-costs">
          <dt>{t('available')}</dt>
          <dd className="numeric" data-testid="ticket-available">
            {free === undefined ? '—' : `${formatPrice(free, spentDecimals)} ${spent}`}
          </dd>
          <dt>{t('orderValue')}</dt>
          <dd className="numeric" data-testid="ticket-value">
            {quote(cost.notional)}
          </dd>
          <dt>{t('feeEstimate', { rate: formatNumber(FEE_ESTIMATE_RATE * 100, 2) })}</dt>
          <dd className="numeric" data-testid="ticket-fee">
            {quote(cost.fee)}
          </dd>
        </dl>
        <button
          type="submit"
          className={`submit submit-${ticket.side}`}
          disabled={!order || ticket.submitting || blocked !== undefined}
          aria-busy={ticket.submitting}
          aria-describedby={blocked ? 'ticket-blocked' : undefined}
        >
          {ticket.submitting ? t('placing') : t('submit', { side: t(`orders:side.${ticket.side}`), base: market.base })}
        </button>
        {blocked && (
          <p id="ticket-blocked" className="ticket-blocked" role="alert">
            {blocked}
          </p>
        )}
        <TicketOutcome result={result} market={market} />
        <p className="hint">{t('shortcuts')}</p>
      </form>
      <LiveConfirmDialog
        order={confirming}
        venueName={venueName}
        market={market}
        lastPrice={last}
        cost={cost}
        onConfirm={() => {
          const request = confirming;
          setConfirming(undefined);
          if (request) void send(request);
        }}
        onCancel={() => setConfirming(undefined)}
      />
    </section>
  );
}
