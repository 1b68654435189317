// Tells a viewer (the host's read-only token) why there is no ticket, no kill switch and no settings: it is the token,
// not a fault. The explanation is the badge's tooltip and its accessible description.
export const READ_ONLY_EXPLANATION =
  'Read-only: this page was opened with the viewer token. You can watch charts, orders, balances, alerts and logs; ' +
  'trading, cancelling, the kill switch and settings need the operator token. Market and display choices are kept in this tab only.';

export function ReadOnlyBadge() {
  return (
    <span className="badge read-only" role="status" title={READ_ONLY_EXPLANATION} aria-description={READ_ONLY_EXPLANATION} tabIndex={0}>
      Read-only
    </span>
  );
}
