// The one typed API of the renderer. Whatever carries it (Electron's preload or the host's WebSocket), features call
// `api.call('market:candles', {...})` and get the contract's types, or an AppError with a code.
import {
  AppError,
  type ApiBridge,
  type Channel,
  type EventName,
  type EventPayload,
  type Req,
  type Res,
} from '../../src-shared';

export class ApiClient {
  constructor(private readonly bridge: ApiBridge) {}

  async call<C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>> {
    const response = await this.bridge.invoke(channel, request);
    if (!response.ok) throw AppError.fromData(response.error);
    return response.result as Res<C>;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.bridge.on(event, listener as (payload: unknown) => void);
  }
}
