import { riskChannels } from '../../src-shared';
import type { Handlers } from './dispatcher';
import type { ApiServices } from './services';

type RiskChannels = keyof typeof riskChannels;

// Engaging answers as soon as new orders are blocked; the sweep's per-venue results follow as
// `risk.kill-switch.changed` events, so the button never waits on a slow venue.
export function riskHandlers({ risk }: ApiServices): Pick<Handlers, RiskChannels> {
  return {
    'risk:settings': () => risk.settings(),
    'risk:update-settings': (settings) => risk.updateSettings(settings),
    'risk:kill-switch': () => risk.killSwitch.state(),
    'risk:engage-kill-switch': ({ reason }) => risk.engageKillSwitch(reason || undefined),
    'risk:release-kill-switch': () => risk.releaseKillSwitch(),
    'risk:log': ({ limit }) => risk.log(limit),
  };
}
