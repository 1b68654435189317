// ccxt puts the full request URL into some error messages (network errors, HTTP status errors). For a signed
// request that URL carries the API key, the signature and the timestamp: enough to identify the account and, with a
// replay window, worse. Everything that leaves the adapter as text goes through here first.

/** Query parameters whose presence marks a query string as signed: the whole query is dropped, not just them. */
const SIGNED = /(signature|sign|apikey|api_key|api-key|secret|passphrase|timestamp|recvwindow)=/i;

const URL_WITH_QUERY = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#"']+)\?([^\s#"']*)/gi;

/** Removes signed query strings from URLs and every literal occurrence of the given secrets. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(URL_WITH_QUERY, (whole: string, base: string, query: string) =>
    SIGNED.test(query) ? `${base}?[redacted]` : whole,
  );
  // A signed form body or a query quoted without its URL: blank the values themselves.
  out = out.replace(/\b(signature|apikey|api_key)=[^&\s"']+/gi, '$1=[redacted]');
  for (const secret of secrets) {
    // Very short "secrets" would blank out ordinary words; real keys are far longer.
    if (secret !== undefined && secret.length >= 6) out = out.split(secret).join('[redacted]');
  }
  return out;
}
