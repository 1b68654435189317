// The risk settings form as text (what the inputs hold) and back. An empty field means "no limit".
import { RiskSettings, type RiskLimits, type VenueId } from '../../../src-shared';

export interface LimitsText {
  maxOrderNotional: string;
  maxPositionNotional: string;
  maxOpenOrders: string;
  maxDailyLoss: string;
  /** Comma- or space-separated symbols. */
  allowedSymbols: string;
}

export interface SettingsText {
  global: LimitsText;
  accounts: Partial<Record<VenueId, LimitsText>>;
  dailyResetUtc: string;
  warnAtPct: string;
}

const text = (value: number | undefined): string => (value === undefined ? '' : String(value));

export function limitsToText(limits: RiskLimits | undefined): LimitsText {
  return {
    maxOrderNotional: text(limits?.maxOrderNotional),
    maxPositionNotional: text(limits?.maxPositionNotional),
    maxOpenOrders: text(limits?.maxOpenOrders),
    maxDailyLoss: text(limits?.maxDailyLoss),
    allowedSymbols: (limits?.allowedSymbols ?? []).join(', '),
  };
}

export function settingsToText(settings: RiskSettings): SettingsText {
  const accounts: SettingsText['accounts'] = {};
  for (const [venue, limits] of Object.entries(settings.accounts)) accounts[venue as VenueId] = limitsToText(limits);
  return { global: limitsToText(settings.global), accounts, dailyResetUtc: settings.dailyResetUtc, warnAtPct: String(settings.warnAtPct) };
}

function limitsFromText(form: LimitsText): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['maxOrderNotional', 'maxPositionNotional', 'maxOpenOrders', 'maxDailyLoss'] as const) {
    const value = form[key].trim().replace(/,/g, '');
    if (value !== '') out[key] = Number(value);
  }
  const symbols = form.allowedSymbols
    .split(/[\s,]+/)
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== '');
  if (symbols.length > 0) out.allowedSymbols = symbols;
  return out;
}

const isEmpty = (limits: Record<string, unknown>): boolean => Object.keys(limits).length === 0;

/** The settings to save, or the first problem in words (field: what is wrong). */
export function settingsFromText(form: SettingsText): { settings: RiskSettings } | { error: string } {
  const accounts: Record<string, unknown> = {};
  for (const [venue, limits] of Object.entries(form.accounts)) {
    const parsed = limitsFromText(limits);
    if (!isEmpty(parsed)) accounts[venue] = parsed;
  }
  const candidate = { global: limitsFromText(form.global), accounts, dailyResetUtc: form.dailyResetUtc.trim(), warnAtPct: Number(form.warnAtPct) };
  const parsed = RiskSettings.safeParse(candidate);
  if (parsed.success) return { settings: parsed.data };
  const issue = parsed.error.issues[0];
  return { error: issue ? `${describePath(issue.path)}: ${issue.message}` : 'the limits are not valid' };
}

const FIELD_WORDS: Record<string, string> = {
  maxOrderNotional: 'maximum order value',
  maxPositionNotional: 'maximum position per symbol',
  maxOpenOrders: 'maximum open orders',
  maxDailyLoss: 'maximum daily loss',
  allowedSymbols: 'allowed symbols',
  dailyResetUtc: 'daily reset time',
  warnAtPct: 'warning share',
};

function describePath(path: readonly PropertyKey[]): string {
  const words = path.filter((p) => typeof p === 'string').map((p) => FIELD_WORDS[p as string] ?? String(p));
  return words.join(' › ') || 'limits';
}
