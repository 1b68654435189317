// The regex implementation that redact.ts replaced, kept only as the specification of what is scrubbed: the tests
// compare the two on short texts (where the regex is fast), and `npm run bench -- redact` times it as the baseline.
// Never use it on untrusted text: it backtracks quadratically on runs like "a.a.a.…" or "a://a://…".
const SIGNED = /(signature|sign|apikey|api_key|api-key|secret|passphrase|timestamp|recvwindow)=/i;
const URL_WITH_QUERY = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#"']+)\?([^\s#"']*)/gi;

export function regexRedact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(URL_WITH_QUERY, (whole: string, base: string, query: string) =>
    SIGNED.test(query) ? `${base}?[redacted]` : whole,
  );
  out = out.replace(/\b(signature|apikey|api_key)=[^&\s"']+/gi, '$1=[redacted]');
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= 6) out = out.split(secret).join('[redacted]');
  }
  return out;
}
