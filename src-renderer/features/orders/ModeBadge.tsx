import type { TradingMode } from '../../../src-shared';
import { useT } from '../../i18n';

/** The coloured mode badge of the ticket and of every order row (UI.md: live, paper and demo are unmistakable). */
export function ModeBadge({ mode }: { mode: TradingMode }) {
  const { t } = useT('orders');
  return (
    <span className={`badge mode mode-${mode}`} title={t(`modeTitle.${mode}`)} data-mode={mode}>
      {t(`mode.${mode}`)}
    </span>
  );
}
