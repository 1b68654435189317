import { direction, formatMoney } from '../../format/numbers';

/** An amount in the account currency; a profit or loss coloured up or down (UI.md's palette, colour-blind option too). */
export function MoneyCell({ value, currency, signed = false }: { value: number; currency: string; signed?: boolean }) {
  const way = signed ? direction(value) : undefined;
  return (
    <td className="numeric money" data-direction={way}>
      {formatMoney(value, currency)}
    </td>
  );
}
