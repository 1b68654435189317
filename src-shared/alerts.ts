// Shapes of the price-alert channels (`alerts:*`) and the events they push.
import { z } from 'zod';
import { Symbol, VenueId } from './domain';

/**
 * above / below: the price crosses the line upwards / downwards. crossing: either way. change-pct: the price moves
 * `threshold` percent (up from the window's low, or down from its high) within `windowMinutes`.
 */
export const ALERT_KINDS = ['above', 'below', 'crossing', 'change-pct'] as const;
export const AlertKind = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKind>;

/** A rule fired: what the alerts service publishes, the notification service sends and the UI shows. */
export const AlertTriggered = z.object({
  ruleId: z.string(),
  venue: VenueId,
  symbol: Symbol,
  /** The rule in words, e.g. "BTC/USDT above 65,000". */
  description: z.string(),
  /** The price that fired it. */
  price: z.number().positive(),
  at: z.number().int().nonnegative(),
  /**
   * Set when the crossing happened while the price feed was down and was found in the bars fetched once it came back:
   * the outage (the description then ends "while offline (14:02–14:07 UTC)"). `price` is the bar's high or low.
   */
  offline: z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }).optional(),
  /**
   * The rule's terms and which way the price went, so that a screen says the firing in its own language (the
   * description is English). Absent on firings recorded before terms were sent.
   */
  terms: z
    .object({
      kind: AlertKind,
      threshold: z.number().positive(),
      windowMinutes: z.number().int().positive().optional(),
      direction: z.enum(['up', 'down']),
    })
    .optional(),
});
export type AlertTriggered = z.infer<typeof AlertTriggered>;


/** Bounds of a change-pct window: the price history it needs is kept in memory per symbol. */
export const ALERT_WINDOW_MINUTES = { min: 1, max: 240 } as const;
/** A percent move larger than this is not a realistic alert: most likely a price typed in the percent field. */
export const MAX_ALERT_PERCENT = 1000;
export const MAX_ALERT_NOTE = 200;

/**
 * Where a rule stands, for the UI:
 * - armed: watching, the price is on the near side of the line;
 * - beyond: the price is past the line (it fired, or was already there when the rule was made); it fires again only
 *   after the price comes back and crosses once more;
 * - waiting-for-price: no price yet (the feed is starting or reconnecting: `detail` says which);
 * - waiting-for-venue: the venue is not connected; the rule starts watching once it is;
 * - paused: never fires until resumed.
 */
export const AlertStatus = z.enum(['armed', 'beyond', 'waiting-for-price', 'waiting-for-venue', 'paused']);
export type AlertStatus = z.infer<typeof AlertStatus>;

const price = z.number({ error: 'enter a price' }).finite('enter a finite price').positive('the price must be above zero').max(1e12, 'that price is too large');
const percent = z
  .number({ error: 'enter a percentage' })
  .finite('enter a finite percentage')
  .positive('the percentage must be above zero')
  .max(MAX_ALERT_PERCENT, `the percentage can be at most ${MAX_ALERT_PERCENT}`);
const windowMinutes = z
  .number({ error: 'enter the window in minutes' })
  .int('the window is a whole number of minutes')
  .min(ALERT_WINDOW_MINUTES.min, `the window is at least ${ALERT_WINDOW_MINUTES.min} minute`)
  .max(ALERT_WINDOW_MINUTES.max, `the window is at most ${ALERT_WINDOW_MINUTES.max} minutes (4 hours)`);
const note = z.string().trim().max(MAX_ALERT_NOTE, `the note can be at most ${MAX_ALERT_NOTE} characters`);
const RuleId = z.string().min(1, 'name the alert').max(100);

/** What a rule watches and when it fires; checked the same way on create and on edit. */
const RuleTerms = z.object({
  kind: AlertKind,
  /** A price for above, below and crossing; a percentage for change-pct. */
  threshold: z.number({ error: 'enter a threshold' }),
  /** change-pct only. */
  windowMinutes: windowMinutes.optional(),
});

function checkTerms(terms: { kind?: AlertKind; threshold?: number; windowMinutes?: number | undefined }, ctx: z.RefinementCtx): void {
  if (terms.kind === undefined) return;
  if (terms.threshold !== undefined) {
    const checked = (terms.kind === 'change-pct' ? percent : price).safeParse(terms.threshold);
    if (!checked.success) ctx.addIssue({ code: 'custom', path: ['threshold'], message: checked.error.issues[0]!.message });
  }
  if (terms.kind === 'change-pct' && terms.windowMinutes === undefined) {
    ctx.addIssue({ code: 'custom', path: ['windowMinutes'], message: 'a percent-change alert needs a window in minutes' });
  }
  if (terms.kind !== 'change-pct' && terms.windowMinutes !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['windowMinutes'], message: 'only a percent-change alert has a window' });
  }
}

/**
 * The last price the trader saw when setting the line (the form's live price). A price rule starts armed, or past its
 * line, from it, as the form told the trader: a tick that lands between the click and the request reaching main
 * does not silently turn "fires when it rises through" into "already past". Without it, the live feed's price.
 */
const referencePrice = price.optional();

export const NewAlertRule = z
  .object({ venue: VenueId, symbol: Symbol, ...RuleTerms.shape, note: note.optional(), referencePrice })
  .strict()
  .superRefine(checkTerms);
export type NewAlertRule = z.input<typeof NewAlertRule>;

/**
 * An edit: new terms (kind and threshold together, so that a percentage is never read as a price), a note, or
 * pause/resume. A rule whose terms change starts afresh: it re-reads which side of the line the price is on.
 */
export const AlertRuleChange = z
  .object({
    id: RuleId,
    kind: AlertKind.optional(),
    threshold: z.number().optional(),
    windowMinutes: windowMinutes.optional(),
    /** An empty note removes it. */
    note: note.optional(),
    paused: z.boolean().optional(),
    /** With new terms: as for a new rule. */
    referencePrice,
  })
  .strict()
  .superRefine((change, ctx) => {
    if ((change.kind === undefined) !== (change.threshold === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'change the kind and the threshold together' });
    }
    if (change.kind === undefined && change.windowMinutes !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['windowMinutes'], message: 'change the window together with the kind and threshold' });
    }
    checkTerms(change, ctx);
  });
export type AlertRuleChange = z.input<typeof AlertRuleChange>;

export const AlertRule = z.object({
  id: z.string(),
  venue: VenueId,
  symbol: Symbol,
  kind: AlertKind,
  threshold: z.number().positive(),
  windowMinutes: z.number().int().positive().optional(),
  note: z.string().optional(),
  paused: z.boolean(),
  createdAt: z.number().int().nonnegative(),
  lastFiredAt: z.number().int().nonnegative().optional(),
  status: AlertStatus,
  /** Why it waits (the venue is not connected, the feed is reconnecting), in words a trader can act on. */
  detail: z.string().optional(),
  /** The latest price the rule saw. */
  lastPrice: z.number().positive().optional(),
  /** The rule in words, as alerts and notifications say it. */
  description: z.string(),
});
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertFiring = AlertTriggered.extend({ id: z.number().int().positive() });
export type AlertFiring = z.infer<typeof AlertFiring>;

const RuleRef = z.object({ id: RuleId }).strict();

export const alertChannels = {
  /** Every rule with its status, oldest first. */
  'alerts:list': { req: z.object({}).strict(), res: z.array(AlertRule) },
  /** Checks the market exists when the venue is connected; a rule for a venue not connected waits for it. */
  'alerts:create': { req: NewAlertRule, res: AlertRule },
  'alerts:update': { req: AlertRuleChange, res: AlertRule },
  /** A paused rule never fires; resumed, it re-reads which side of the line the price is on, then watches. */
  'alerts:pause': { req: z.object({ id: RuleId, paused: z.boolean() }).strict(), res: AlertRule },
  'alerts:delete': { req: RuleRef, res: z.object({ deleted: z.boolean() }) },
  /** The latest firings, newest first; of one rule when `ruleId` is given. */
  'alerts:history': {
    req: z.object({ ruleId: RuleId.optional(), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    res: z.array(AlertFiring),
  },
} as const;

export const alertEvents = {
  'alert.triggered': AlertTriggered,
} as const;
