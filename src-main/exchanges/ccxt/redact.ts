// ccxt puts the full request URL into some error messages (network errors, HTTP status errors). For a signed
// request that URL carries the API key, the signature and the timestamp: enough to identify the account and, with a
// replay window, worse. Everything that leaves the adapter as text goes through here first.
//
// A venue's error body is untrusted and can be megabytes long, and this runs on the main process's event loop: the
// work is bounded. The text is cut to a few kB first (nobody reads more of a venue error on screen or in a log), and
// signed URLs are found by a single forward scan, not by a regex — the regex this replaced backtracked on runs of
// scheme-like characters ("a.a.a.…", "a://a://…") and froze the process for seconds on a 40 kB body.

/** How much of a venue's error is kept; the rest is cut before any scanning and replaced by a note of its length. */
export const MAX_REDACTED_LENGTH = 4_096;

/** Query parameters whose presence marks a query string as signed: the whole query is dropped, not just them. */
const SIGNED = /(signature|sign|apikey|api_key|api-key|secret|passphrase|timestamp|recvwindow)=/i;

/** A signed form body or a query quoted without its URL. Fixed words then a negated class: it cannot backtrack. */
const SIGNED_VALUE = /\b(signature|apikey|api_key)=[^&\s"']+/gi;

/** Very short "secrets" would blank out ordinary words; real keys are far longer. */
const MIN_SECRET_LENGTH = 6;

/** Removes signed query strings from URLs and every literal occurrence of the given secrets; cuts long text. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  const known = secrets.filter((secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH);
  const cut = cutPoint(text, known);
  let out = dropSignedQueries(cut < text.length ? text.slice(0, cut) : text);
  out = out.replace(SIGNED_VALUE, '$1=[redacted]');
  for (const secret of known) out = out.split(secret).join('[redacted]');
  return cut < text.length ? `${out}… (${text.length - cut} more characters cut)` : out;
}

/**
 * Where to cut: at MAX_REDACTED_LENGTH, moved past any secret that would otherwise be split in two — half a key left
 * after the cut would no longer match the key, and would be shown. A signed URL split by the cut is safe either way:
 * its visible part is judged by the parameters visible, and what follows the cut is not shown at all.
 */
function cutPoint(text: string, secrets: readonly string[]): number {
  if (text.length <= MAX_REDACTED_LENGTH) return text.length;
  let cut = MAX_REDACTED_LENGTH;
  for (const secret of secrets) {
    // Only the stretch a straddling secret could occupy is searched, not the megabyte after it.
    const from = Math.max(0, MAX_REDACTED_LENGTH - secret.length + 1);
    const at = text.slice(from, MAX_REDACTED_LENGTH + secret.length - 1).indexOf(secret);
    if (at !== -1) cut = Math.max(cut, from + at + secret.length);
  }
  return cut;
}

/**
 * Replaces the query of every URL `scheme://path?query` whose query holds a signed parameter by `[redacted]`. The
 * same URLs as the regex `\b[a-z][a-z0-9+.-]*:\/\/[^\s?#"']+\?[^\s#"']*` (case-insensitive) would match, leftmost
 * first and without overlaps, but each character is looked at a bounded number of times.
 */
function dropSignedQueries(text: string): string {
  let out = '';
  let copied = 0; // text before this index is already in `out` (or was replaced); a URL starts at or after it
  let from = 0;
  for (;;) {
    const separator = text.indexOf('://', from);
    if (separator === -1) break;
    const start = schemeStart(text, separator, copied);
    if (start === -1) {
      // No scheme here; a later "://" inside what follows may still start a URL.
      from = separator + 1;
      continue;
    }
    let pathEnd = separator + 3;
    while (pathEnd < text.length && !endsPath(text.charCodeAt(pathEnd))) pathEnd++;
    if (pathEnd === separator + 3 || text.charCodeAt(pathEnd) !== QUESTION) {
      // Every "://" up to pathEnd would end its path at the same place, without a query: none is a match.
      from = Math.max(pathEnd, separator + 1);
      continue;
    }
    let queryEnd = pathEnd + 1;
    while (queryEnd < text.length && !endsQuery(text.charCodeAt(queryEnd))) queryEnd++;
    const query = text.slice(pathEnd + 1, queryEnd);
    out += text.slice(copied, start) + (SIGNED.test(query) ? `${text.slice(start, pathEnd)}?[redacted]` : text.slice(start, queryEnd));
    copied = queryEnd;
    from = queryEnd;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * The leftmost start of a scheme that ends at `separator`: a letter at a word boundary, followed only by scheme
 * characters up to the separator; -1 when there is none. The walk back stops at the first non-scheme character
 * (the previous URL's ":" or a space), so no character is walked twice.
 */
function schemeStart(text: string, separator: number, notBefore: number): number {
  let runStart = separator;
  while (runStart > notBefore && isSchemeChar(text.charCodeAt(runStart - 1))) runStart--;
  for (let at = runStart; at < separator; at++) {
    if (isLetter(text.charCodeAt(at)) && (at === 0 || !isWordChar(text.charCodeAt(at - 1)))) return at;
  }
  return -1;
}

const QUESTION = 0x3f;

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** `[a-z0-9+.-]`, case-insensitive. */
function isSchemeChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 0x2b || c === 0x2e || c === 0x2d;
}

/** `\w` without the unicode flag. */
function isWordChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 0x5f;
}

/** `\s` as JavaScript's regexes define it. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** What ends a URL's path: `[\s?#"']`. */
function endsPath(c: number): boolean {
  return c === QUESTION || endsQuery(c);
}

/** What ends a URL's query: `[\s#"']`. */
function endsQuery(c: number): boolean {
  return c === 0x23 || c === 0x22 || c === 0x27 || isSpace(c);
}
