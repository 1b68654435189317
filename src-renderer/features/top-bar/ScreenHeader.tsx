// The bar of a settings screen (Accounts, Notifications, Risk): the way back, the screen's title, and the kill switch,
// which stays within reach on every screen.
import { useT } from '../../i18n';
import { KillSwitchControl } from '../risk/KillSwitchControl';

export function ScreenHeader({ title, onBack }: { title: string; onBack: () => void }) {
  const { t } = useT('topBar');
  return (
    <header className="top-bar">
      <button type="button" onClick={onBack}>
        {t('backToTrading')}
      </button>
      <h1 className="screen-title">{title}</h1>
      <span className="spacer" />
      <KillSwitchControl />
    </header>
  );
}
