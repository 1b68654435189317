// The order ticket beside the chart: venue and mode, Buy/Sell, Market/Limit/Stop, price, amount, what it costs and
// what is free to spend, the same checks main applies shown under each field, and main's answer after submit.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Market, OrderType, PlaceOrder, VenueId, VenueSummary } from '../../../src-shared';
import { api } from '../../api';
import { formatPrice } from '../../format/numbers';
import { freeOf, sameView } from '../orders/order-lists';
import { useOrders } from '../orders/orders-store';
import { useOrdersFeed } from '../orders/use-orders-feed';
import { DecimalField } from './DecimalField';
import { LiveConfirmDialog } from './LiveConfirmDialog';
import { readNumber } from '../../format/number-hint';
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

const TYPES: { type: OrderType; label: string }[] = [
  { type: 'market', label: 'Market' },
  { type: 'limit', label: 'Limit' },
  { type: 'stop-limit', label: 'Stop' },
];
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
      <section className="order-ticket" aria-label="Order ticket" ref={ticketRef}>
        <TicketHeader venue={venue} mode={mode} onChoose={(m) => useTradingMode.getState().choose(venueId, m, modeStorage())} />
        <p className="empty">Choose a market in the top bar to trade it.</p>
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
    <section className={`order-ticket ticket-${mode ?? 'resolving'}`} aria-label="Order ticket" ref={ticketRef}>
      <TicketHeader venue={venue} mode={mode} onChoose={(m) => useTradingMode.getState().choose(venueId, m, modeStorage())} />
      {mode === 'live' && <p className="live-banner">LIVE — orders use real funds on {venueName}.</p>}
      <form className="ticket-form" aria-label="Order" noValidate onSubmit={submit}>
        <div className="ticket-symbol">
          <strong>{market.symbol}</strong>
          <span className="numeric" title="Last price">
            Last {formatPrice(last, market.pricePrecision)}
          </span>
        </div>
        <div role="group" aria-label="Side" className="segmented sides">
          {(['buy', 'sell'] as const).map((side) => (
            <button key={side} type="button" aria-pressed={ticket.side === side} className={`segment side-${side}`} onClick={() => ticket.setSide(side)}>
              {side === 'buy' ? 'Buy' : 'Sell'}
            </button>
          ))}
        </div>
        <div role="group" aria-label="Order type" className="segmented">
          {TYPES.map(({ type, label }) => (
            <button
              key={type}
              type="button"
              aria-pressed={ticket.type === type}
              className="segment"
              onClick={() => ticket.setType(type, priceText(last, market.pricePrecision))}
            >
              {label}
            </button>
          ))}
        </div>
        {issuesOf(check.issues, 'symbol').map((text) => (
          <p key={text} className="field-error" role="alert">
            {text}
          </p>
        ))}
        {ticket.type === 'stop-limit' && (
          <DecimalField id="ticket-stop-price" label="Stop price" unit={market.quote} placeholder="triggers at" {...field('stopPrice')} />
        )}
        {ticket.type !== 'market' && <DecimalField id="ticket-price" label="Price" unit={market.quote} {...field('price')} />}
        <DecimalField
          id="ticket-amount"
          label="Amount"
          unit={market.base}
          placeholder={(0).toFixed(market.amountPrecision)}
          inputRef={amountRef}
          {...field('amount')}
        />
        <div className="shares" role="group" aria-label="Share of the free balance">
          {SHARES.map((share) => (
            <button
              key={share}
              type="button"
              className="share"
              disabled={!free}
              aria-label={`Use ${share * 100}% of the free ${spent}`}
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
          <dt>Available</dt>
          <dd className="numeric" data-testid="ticket-available">
            {free === undefined ? '—' : `${formatPrice(free, spentDecimals)} ${spent}`}
          </dd>
          <dt>Order value</dt>
          <dd className="numeric" data-testid="ticket-value">
            {quote(cost.notional)}
          </dd>
          <dt>Fee (est. {FEE_ESTIMATE_RATE * 100}%)</dt>
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
          {ticket.submitting ? 'Placing…' : `${ticket.side === 'buy' ? 'Buy' : 'Sell'} ${market.base}`}
        </button>
        {blocked && (
          <p id="ticket-blocked" className="ticket-blocked" role="alert">
            {blocked}
          </p>
        )}
        <TicketOutcome result={result} market={market} />
        <p className="hint">B / S: buy / sell · Esc: clear</p>
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
