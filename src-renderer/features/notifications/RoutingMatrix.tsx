// Which notification types go to which channel: one checkbox per pair, saved as soon as it changes.
import { useState } from 'react';
import { DELIVERY_CHANNELS, NOTIFICATION_TYPES, type Routing } from '../../../src-shared';
import { api } from '../../api';
import { useT } from '../../i18n';
import { channelWords, typeWords } from './delivery-words';
import { useNotifications } from './notifications-store';

export function RoutingMatrix({ routing }: { routing: Routing }) {
  const update = useNotifications((state) => state.update);
  const [error, setError] = useState<string>();
  const { t } = useT('notifications');

  const toggle = async (type: keyof Routing, channel: (typeof DELIVERY_CHANNELS)[number], on: boolean) => {
    const channels = on ? [...routing[type], channel] : routing[type].filter((each) => each !== channel);
    setError(await update(api, { routing: { ...routing, [type]: channels } }));
  };

  return (
    <section className="notification-routing" aria-labelledby="routing-heading">
      <h2 id="routing-heading">{t('routing.heading')}</h2>
      <table className="routing-matrix">
        <thead>
          <tr>
            <th scope="col">{t('routing.notification')}</th>
            {DELIVERY_CHANNELS.map((channel) => (
              <th scope="col" key={channel}>
                {channelWords(channel)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {NOTIFICATION_TYPES.map((type) => (
            <tr key={type}>
              <th scope="row">{typeWords(type)}</th>
              {DELIVERY_CHANNELS.map((channel) => (
                <td key={channel}>
                  <input
                    type="checkbox"
                    aria-label={t('routing.pair', { type: typeWords(type), channel: channelWords(channel) })}
                    checked={routing[type].includes(channel)}
                    onChange={(e) => void toggle(type, channel, e.target.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
