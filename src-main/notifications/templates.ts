// One template per notification type: a subject, a plain-text body and an HTML body. Every value that comes from
// outside (symbols, rule descriptions, reasons) is escaped in the HTML, so a crafted string cannot inject markup
// into the trader's mail client.
import {
  RISK_LIMIT_LABELS,
  venueName,
  type AlertTriggered,
  type NotificationType,
  type PaymentEvent,
  type RiskLimitEvent,
  type Trade,
} from '../../src-shared';

/** What the risk engine publishes on `risk.limit.exceeded`. */
export type RiskLimitExceeded = RiskLimitEvent;

export interface StrategyStopped {
  strategyId: string;
  /** The strategy's name for the trader; the id when absent. */
  name?: string;
  reason: string;
  at: number;
}

/** What each notification type carries. */
export interface NotificationData {
  'trade-executed': Trade;
  'price-alert': AlertTriggered;
  'risk-limit': RiskLimitExceeded;
  'strategy-stopped': StrategyStopped;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** Up to 8 decimals, thousands separators, no floating-point noise (0.30000000000000004 reads 0.3). */
export function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 8 });
}

/** UTC, unambiguous in a mail read in another time zone. */
export function formatTime(at: number): string {
  return `${new Date(at).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

/** A message as lines of label and value: the text body lists them, the HTML body puts them in a table. */
interface Layout {
  subject: string;
  headline: string;
  rows: Array<[label: string, value: string]>;
}

function layoutOf<T extends NotificationType>(type: T, data: NotificationData[T]): Layout {
  switch (type) {
    case 'trade-executed': {
      const trade = data as Trade;
      const side = trade.side === 'buy' ? 'Bought' : 'Sold';
      const rows: Layout['rows'] = [
        ['Venue', `${venueName(trade.venue)} (${trade.mode})`],
        ['Side', trade.side],
        ['Amount', formatNumber(trade.amount)],
        ['Price', formatNumber(trade.price)],
        ['Value', formatNumber(trade.amount * trade.price)],
      ];
      if (trade.fee !== undefined) rows.push(['Fee', `${formatNumber(trade.fee)} ${trade.feeAsset ?? ''}`.trim()]);
      rows.push(['Time', formatTime(trade.timestamp)]);
      return {
        subject: `${side} ${formatNumber(trade.amount)} ${trade.symbol} at ${formatNumber(trade.price)}`,
        // Live, paper and demo fills must never be mistaken for one another, in a toast as on screen.
        headline: `Trade executed on ${venueName(trade.venue)}${trade.mode === 'demo' ? '' : ` (${trade.mode})`}`,
        rows,
      };
    }
    case 'price-alert': {
      const alert = data as AlertTriggered;
      return {
        subject: `Price alert: ${alert.description}`,
        headline: `${alert.symbol} reached ${formatNumber(alert.price)}`,
        rows: [
          ['Rule', alert.description],
          ['Venue', venueName(alert.venue)],
          ['Price', formatNumber(alert.price)],
          ['Time', formatTime(alert.at)],
        ],
      };
    }
    case 'risk-limit': {
      const risk = data as RiskLimitExceeded;
      const name = RISK_LIMIT_LABELS[risk.limit] ?? risk.limit;
      const where = [risk.venue, risk.mode, risk.symbol].filter(Boolean).join(' ');
      const rows: Layout['rows'] = [
        ['Limit', name],
        ['Value', formatNumber(risk.value)],
        ['Threshold', formatNumber(risk.threshold)],
        ['Scope', risk.scope === 'global' ? 'all accounts' : risk.scope],
      ];
      if (where) rows.push(['Market', where]);
      rows.push(['Time', formatTime(risk.at)]);
      return {
        subject: `Risk limit exceeded: ${name}${where ? ` (${where})` : ''}`,
        headline: risk.message,
        rows,
      };
    }
    case 'strategy-stopped': {
      const stopped = data as StrategyStopped;
      const name = stopped.name ?? stopped.strategyId;
      return {
        subject: `Strategy stopped: ${name}`,
        headline: `${name} stopped: ${stopped.reason}`,
        rows: [
          ['Strategy', name],
          ['Reason', stopped.reason],
          ['Time', formatTime(stopped.at)],
        ],
      };
    }
  }
  // NotificationType is closed; a new type without a template fails to compile above, and here at run time.
  throw new Error(`no template for notification type ${String(type)}`);
}

export function render<T extends NotificationType>(type: T, data: NotificationData[T]): RenderedMessage {
  return renderLayout(layoutOf(type, data));
}

/** The plan's changes (src-main/billing), as the bus reports them. */
export type PlanChange = 'payment.succeeded' | 'payment.failed' | 'subscription.cancelled';

function planLayout(change: PlanChange, event: PaymentEvent): Layout {
  const rows: Layout['rows'] = [['Plan', event.plan === 'pro' ? 'Pro' : 'Free']];
  if (event.updateBefore !== undefined) rows.push(['Update your card before', formatTime(event.updateBefore)]);
  if (event.periodEnd !== undefined) rows.push([change === 'payment.succeeded' ? 'Renews' : 'Paid period ends', formatTime(event.periodEnd)]);
  rows.push(['Time', formatTime(event.at)]);
  switch (change) {
    case 'payment.failed':
      return {
        subject: 'Payment failed: update your card to keep Pro',
        headline: `Your payment for Pro failed. Update your card before ${formatTime(event.updateBefore ?? event.at)} (Plan → Manage) to keep Pro.`,
        rows,
      };
    case 'payment.succeeded':
      return { subject: 'Payment received: Pro is active', headline: 'Thank you: your payment went through and Pro is active.', rows };
    case 'subscription.cancelled':
      return {
        subject: 'Your Pro plan ended',
        headline: 'Your Pro plan ended and the app is on Free. No order was touched; new live orders beyond one account need Pro again.',
        rows,
      };
  }
}

export function renderPlanChange(change: PlanChange, event: PaymentEvent): RenderedMessage {
  return renderLayout(planLayout(change, event));
}

function renderLayout({ subject, headline, rows }: Layout): RenderedMessage {
  const text = [headline, '', ...rows.map(([label, value]) => `${label}: ${value}`), '', '— Trade Bot Scratch'].join('\n');
  const tableRows = rows
    .map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  const html =
    `<!doctype html><html><body><h1>${escapeHtml(headline)}</h1>` +
    `<table>${tableRows}</table><p>— Trade Bot Scratch</p></body></html>`;
  return { subject, text, html };
}

/** The message of the settings screen's test buttons. */
export function renderTest(channel: string, at: number): RenderedMessage {
  const headline = `This is a test ${channel} notification from Trade Bot Scratch, sent ${formatTime(at)}.`;
  return {
    subject: 'Trade Bot Scratch test notification',
    text: `${headline}\nIf you can read this, ${channel} notifications work.`,
    html: `<!doctype html><html><body><p>${escapeHtml(headline)}</p><p>If you can read this, ${escapeHtml(channel)} notifications work.</p></body></html>`,
  };
}
