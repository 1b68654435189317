// The risk settings form as text (what the inputs hold) and back. An empty field means "no limit".
import { decimalPlaces, RiskSettings, type RiskLimits, type VenueId } from '../../../src-shared';
import { readNumber } from '../../format/number-hint';
import { inputText } from '../../format/parse-number';
import { t } from '../../i18n';

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

/** A figure as the input shows it, in the language's convention (1000,5 in Vietnamese). */
const text = (value: number | undefined): string => (value === undefined ? '' : inputText(value, decimalPlaces(value)));

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
    const read = readNumber(form[key]);
    if (read.error !== undefined) throw new UnreadableFigure(key, read.error);
    if (read.value !== undefined) out[key] = read.value;
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
  try {
    return checked(form);
  } catch (error) {
    if (error instanceof UnreadableFigure) return { error: t('risk:form.problem', { where: describePath([error.field]), message: error.hint }) };
    throw error;
  }
}

/** A figure typed in a way that cannot be read (`1.000` in Vietnamese): its field and what to type instead. */
class UnreadableFigure extends Error {
  constructor(
    readonly field: string,
    readonly hint: string,
  ) {
    super(hint);
  }
}

function checked(form: SettingsText): { settings: RiskSettings } | { error: string } {
  const accounts: Record<string, unknown> = {};
  for (const [venue, limits] of Object.entries(form.accounts)) {
    const parsed = limitsFromText(limits);
    if (!isEmpty(parsed)) accounts[venue] = parsed;
  }
  const warnAt = readNumber(form.warnAtPct);
  if (warnAt.error !== undefined) throw new UnreadableFigure('warnAtPct', warnAt.error);
  const candidate = { global: limitsFromText(form.global), accounts, dailyResetUtc: form.dailyResetUtc.trim(), warnAtPct: warnAt.value ?? Number.NaN };
  const parsed = RiskSettings.safeParse(candidate);
  if (parsed.success) return { settings: parsed.data };
  const issue = parsed.error.issues[0];
  return { error: issue ? t('risk:form.problem', { where: describePath(issue.path), message: issue.message }) : t('risk:form.invalid') };
}

const PATHS = ['maxOrderNotional', 'maxPositionNotional', 'maxOpenOrders', 'maxDailyLoss', 'allowedSymbols', 'dailyResetUtc', 'warnAtPct'] as const;
const pathWord = (p: string): string => ((PATHS as readonly string[]).includes(p) ? t(`risk:form.paths.${p as (typeof PATHS)[number]}`) : p);

function describePath(path: readonly PropertyKey[]): string {
  const words = path.filter((p) => typeof p === 'string').map((p) => pathWord(p as string));
  return words.join(' › ') || t('risk:form.limits');
}
