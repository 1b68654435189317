// One template per notification type: a subject, a plain-text body and an HTML body. Every value that comes from
// outside (symbols, rule descriptions, reasons) is escaped in the HTML, so a crafted string cannot inject markup
// into the trader's mail client.
import {
  venueName,
  type Language,
  type AlertTriggered,
  type NotificationType,
  type PaymentEvent,
  type RiskLimitEvent,
  type Trade,
} from '../../src-shared';
import { TEMPLATE_WORDS, type TemplateWords } from './template-words';

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

/** Up to 8 decimals, the language's separators, no floating-point noise (0.30000000000000004 reads 0.3). */
function formatNumberIn(value: number, locale: string): string {
  return value.toLocaleString(locale, { maximumFractionDigits: 8 });
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

function layoutOf<T extends NotificationType>(type: T, data: NotificationData[T], w: TemplateWords): Layout {
  const formatNumber = (value: number) => formatNumberIn(value, w.locale);
  const l = w.labels;
  switch (type) {
    case 'trade-executed': {
      const trade = data as Trade;
      const rows: Layout['rows'] = [
        [l.venue, `${venueName(trade.venue)} (${trade.mode})`],
        [l.side, w.sides[trade.side]],
        [l.amount, formatNumber(trade.amount)],
        [l.price, formatNumber(trade.price)],
        [l.value, formatNumber(trade.amount * trade.price)],
      ];
      if (trade.fee !== undefined) rows.push([l.fee, `${formatNumber(trade.fee)} ${trade.feeAsset ?? ''}`.trim()]);
      rows.push([l.time, formatTime(trade.timestamp)]);
      const subject = trade.side === 'buy' ? w.bought : w.sold;
      return {
        subject: subject(formatNumber(trade.amount), trade.symbol, formatNumber(trade.price)),
        // Live, paper and demo fills must never be mistaken for one another, in a toast as on screen.
        headline: w.tradeHeadline(venueName(trade.venue), trade.mode === 'demo' ? '' : ` (${trade.mode})`),
        rows,
      };
    }
    case 'price-alert': {
      const alert = data as AlertTriggered;
      return {
        subject: w.alertSubject(alert.description),
        headline: w.alertHeadline(alert.symbol, formatNumber(alert.price)),
        rows: [
          [l.rule, alert.description],
          [l.venue, venueName(alert.venue)],
          [l.price, formatNumber(alert.price)],
          [l.time, formatTime(alert.at)],
        ],
      };
    }
    case 'risk-limit': {
      const risk = data as RiskLimitExceeded;
      const name = w.limitNames[risk.limit] ?? risk.limit;
      const where = [risk.venue, risk.mode, risk.symbol].filter(Boolean).join(' ');
      const rows: Layout['rows'] = [
        [l.limit, name],
        [l.value, formatNumber(risk.value)],
        [l.threshold, formatNumber(risk.threshold)],
        [l.scope, risk.scope === 'global' ? w.allAccounts : risk.scope],
      ];
      if (where) rows.push([l.market, where]);
      rows.push([l.time, formatTime(risk.at)]);
      return {
        subject: w.riskSubject(name, where),
        // Main's own sentence (it names every figure) in English; the others say it from the figures.
        headline: w === TEMPLATE_WORDS.en ? risk.message : w.riskHeadline(name, formatNumber(risk.value), formatNumber(risk.threshold)),
        rows,
      };
    }
    case 'strategy-stopped': {
      const stopped = data as StrategyStopped;
      const name = stopped.name ?? stopped.strategyId;
      return {
        subject: w.strategySubject(name),
        headline: w.strategyHeadline(name, stopped.reason),
        rows: [
          [l.strategy, name],
          [l.reason, stopped.reason],
          [l.time, formatTime(stopped.at)],
        ],
      };
    }
  }
  // NotificationType is closed; a new type without a template fails to compile above, and here at run time.
  throw new Error(`no template for notification type ${String(type)}`);
}

/** A notification in `language` (each channel has its own, set in Notifications settings). */
export function render<T extends NotificationType>(type: T, data: NotificationData[T], language: Language = 'en'): RenderedMessage {
  const words = TEMPLATE_WORDS[language];
  return renderLayout(layoutOf(type, data, words), words.signature);
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
  return renderLayout(planLayout(change, event), TEMPLATE_WORDS.en.signature);
}

function renderLayout({ subject, headline, rows }: Layout, signature: string): RenderedMessage {
  const text = [headline, '', ...rows.map(([label, value]) => `${label}: ${value}`), '', signature].join('\n');
  const tableRows = rows
    .map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  const html =
    `<!doctype html><html><body><h1>${escapeHtml(headline)}</h1>` +
    `<table>${tableRows}</table><p>${escapeHtml(signature)}</p></body></html>`;
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
