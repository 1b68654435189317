// The one contract between renderer and main: every channel (`domain:verb`) with its request and response schema,
// and every event main pushes. Each domain writes its channels and events in its own file; this one only combines
// them. Channel and event names are written in those files and nowhere else.
import { z } from 'zod';
import type { ApiErrorData } from './errors';
import { accountsChannels } from './accounts';
import { alertChannels, alertEvents } from './alerts';
import { appChannels } from './app';
import { authChannels, authEvents, authSettingsChannels } from './auth';
import { billingChannels, billingEvents } from './billing';
import { marketChannels, marketEvents } from './market';
import { mt5Channels, mt5Events } from './mt5';
import { notificationChannels, notificationEvents } from './notifications';
import { positionsChannels, positionsEvents } from './positions';
import { portfolioChannels, portfolioEvents } from './portfolio';
import { sharedModeChannels, sharedModeEvents } from './shared-mode';
import { providersChannels } from './providers';
import { riskChannels, riskEvents } from './risk';
import { secretsChannels, secretsEvents } from './secrets';
import { settingsChannels } from './settings';
import { connectivityChannels, connectivityEvents, healthChannels } from './system';
import { tradingChannels, tradingEvents } from './trading';

// The order matters: the API fuzz test seeds each channel by its index, so a new domain goes last.
export const contract = {
  ...appChannels,
  ...marketChannels,
  ...settingsChannels,
  ...healthChannels,
  ...accountsChannels,
  ...providersChannels,
  ...tradingChannels,
  ...riskChannels,
  ...alertChannels,
  ...notificationChannels,
  ...secretsChannels,
  ...connectivityChannels,
  ...authChannels,
  ...authSettingsChannels,
  ...mt5Channels,
  ...positionsChannels,
  ...billingChannels,
  ...portfolioChannels,
  ...sharedModeChannels,
} as const satisfies Record<string, { req: z.ZodType; res: z.ZodType }>;

export const events = {
  ...marketEvents,
  ...connectivityEvents,
  ...tradingEvents,
  ...riskEvents,
  ...alertEvents,
  ...notificationEvents,
  ...secretsEvents,
  ...authEvents,
  ...mt5Events,
  ...positionsEvents,
  ...billingEvents,
  ...portfolioEvents,
  ...sharedModeEvents,
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller sends (defaults not yet applied). */
export type Req<C extends Channel> = z.input<Contract[C]['req']>;
/** What a handler receives after validation. */
export type ParsedReq<C extends Channel> = z.output<Contract[C]['req']>;
export type Res<C extends Channel> = z.output<Contract[C]['res']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const CHANNELS = Object.keys(contract) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

export type ApiResponse<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorData };

/**
 * What the renderer sees as `window.api`: the preload's implementation in Electron, a WebSocket bridge in a browser.
 * Both carry the same untyped frames; the typed client in the renderer sits on top.
 */
export interface ApiBridge {
  invoke(channel: string, payload: unknown): Promise<ApiResponse>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
