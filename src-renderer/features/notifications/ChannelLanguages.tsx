// The language of each channel's messages (desktop, e-mail, SMS): saved at once, used by main for every message it
// sends on that channel from then on. Apart from the screen's own language: an SMS may go to a phone without
// Vietnamese fonts, or an e-mail to a colleague who reads English.
import { useState } from 'react';
import type { ChannelLanguages as Languages, DeliveryChannel, Language } from '../../../src-shared';
import { api } from '../../api';
import { LANGUAGES, useT } from '../../i18n';
import { useNotifications } from './notifications-store';

const CHANNELS: DeliveryChannel[] = ['desktop', 'email', 'sms'];

export function ChannelLanguages({ languages }: { languages: Languages }) {
  const { t } = useT(['notifications', 'common']);
  const update = useNotifications((state) => state.update);
  const [problem, setProblem] = useState<string>();
  const choose = async (channel: DeliveryChannel, language: Language) => setProblem(await update(api, { languages: { ...languages, [channel]: language } }));
  return (
    <section className="channel-languages" aria-labelledby="channel-languages-heading">
      <h2 id="channel-languages-heading">{t('channelLanguages.heading')}</h2>
      {CHANNELS.map((channel) => (
        <label key={channel} className="field">
          <span>{t(`channelLanguages.${channel}`)}</span>
          <select value={languages[channel]} onChange={(event) => void choose(channel, event.target.value as Language)}>
            {LANGUAGES.map((language) => (
              <option key={language} value={language} lang={language}>
                {t(`common:language.${language}`)}
              </option>
            ))}
          </select>
        </label>
      ))}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
