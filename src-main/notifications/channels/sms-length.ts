// How long an SMS really is. A body in the GSM 7-bit alphabet fits 160 characters in one segment (153 per segment
// once split); one character outside it — most Vietnamese letters with diacritics (ệ, ử, ạ…) — sends the whole body
// as UCS-2: 70 UTF-16 units in one segment, 67 per segment once split. Counting characters alone would let a
// Vietnamese notification run to three times the segments (and the bill) meant.

/** GSM 03.38 basic alphabet (one septet each). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: an escape septet plus one, so two each. */
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'gsm-7' | 'ucs-2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

const isGsm = (char: string): boolean => GSM_BASIC.has(char) || GSM_EXTENDED.has(char);

export function smsEncoding(body: string): SmsEncoding {
  for (const char of body) if (!isGsm(char)) return 'ucs-2';
  return 'gsm-7';
}

const LIMITS: Record<SmsEncoding, { single: number; multi: number }> = { 'gsm-7': { single: 160, multi: 153 }, 'ucs-2': { single: 70, multi: 67 } };

function unitsOf(char: string, encoding: SmsEncoding): number {
  if (encoding === 'ucs-2') return char.length; // a surrogate pair (emoji) is two units
  return GSM_EXTENDED.has(char) ? 2 : 1;
}

export function smsLength(body: string): SmsLength {
  const encoding = smsEncoding(body);
  let units = 0;
  for (const char of body) units += unitsOf(char, encoding);
  const { single, multi } = LIMITS[encoding];
  return { encoding, units, segments: units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi) };
}

/**
 * The body cut to at most `maxSegments` in its own encoding, ending in "…" when cut; never splits a character (a
 * surrogate pair or a GSM escape). The ellipsis is not GSM-7, so a cut GSM body becomes UCS-2: the budget is then
 * counted as UCS-2.
 */
export function fitSms(body: string, maxSegments: number): string {
  if (smsLength(body).segments <= maxSegments) return body;
  const budget = (maxSegments === 1 ? LIMITS['ucs-2'].single : LIMITS['ucs-2'].multi * maxSegments) - 1;
  let units = 0;
  let cut = '';
  for (const char of body) {
    if (units + char.length > budget) break;
    units += char.length;
    cut += char;
  }
  return `${cut}…`;
}
