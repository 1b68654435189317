// Terminals the bridge turned away, newest first, each with what to do about it in main's words.
import type { Mt5Refusal } from '../../../src-shared';
import { REFUSAL_WORDS, refusedWho, whenText } from './mt5-words';

export function Mt5Refusals({ refusals }: { refusals: readonly Mt5Refusal[] }) {
  if (refusals.length === 0) return null;
  return (
    <div className="mt5-refusals">
      <h3 id="mt5-refusals-heading">Refused connections</h3>
      <ul aria-labelledby="mt5-refusals-heading">
        {refusals.map((refusal, index) => (
          <li key={`${refusal.at}-${index}`} className="account-problem" data-reason={refusal.reason}>
            <strong>{REFUSAL_WORDS[refusal.reason]}</strong> — {refusedWho(refusal)}, <time dateTime={new Date(refusal.at).toISOString()}>{whenText(refusal.at)}</time>:{' '}
            {refusal.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
