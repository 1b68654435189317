import { useT } from '../../i18n';

export function NotAuthorized() {
  const { t } = useT('auth');
  return (
    <main className="full-screen-message" role="alert" aria-labelledby="not-authorized-title">
      <h1 id="not-authorized-title">{t('title')}</h1>
      <p>{t('missing')}</p>
      <p>
        {t('openBefore')}
        <code>{t('tokenSuffix')}</code>
        {t('openAfter')}
      </p>
    </main>
  );
}
