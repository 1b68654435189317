// Which notification types go to which channel: one checkbox per pair, saved as soon as it changes.
import { useState } from 'react';
import { DELIVERY_CHANNELS, NOTIFICATION_TYPE_NAMES, NOTIFICATION_TYPES, type Routing } from '../../../src-shared';
import { api } from '../../api';
import { CHANNEL_WORDS } from './delivery-words';
import { useNotifications } from './notifications-store';

export function RoutingMatrix({ routing }: { routing: Routing }) {
  const update = useNotifications((state) => state.update);
  const [error, setError] = useState<string>();

  const toggle = async (type: keyof Routing, channel: (typeof DELIVERY_CHANNELS)[number], on: boolean) => {
    const channels = on ? [...routing[type], channel] : routing[type].filter((each) => each !== channel);
    setError(await update(api, { routing: { ...routing, [type]: channels } }));
  };

  return (
    <section className="notification-routing" aria-labelledby="routing-heading">
      <h2 id="routing-heading">What goes where</h2>
      <table className="routing-matrix">
        <thead>
          <tr>
            <th scope="col">Notification</th>
            {DELIVERY_CHANNELS.map((channel) => (
              <th scope="col" key={channel}>
                {CHANNEL_WORDS[channel]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {NOTIFICATION_TYPES.map((type) => (
            <tr key={type}>
              <th scope="row">{NOTIFICATION_TYPE_NAMES[type]}</th>
              {DELIVERY_CHANNELS.map((channel) => (
                <td key={channel}>
                  <input
                    type="checkbox"
                    aria-label={`${NOTIFICATION_TYPE_NAMES[type]} by ${CHANNEL_WORDS[channel]}`}
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
