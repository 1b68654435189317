// Live ticks and bars of one MT5 login, from the EA's `tick` and `bar` pushes. The EA may go away (terminal closed,
// app restarted) and come back as a new session: each watch re-subscribes on the new session and reports
// `reconnecting` in between, so the candle streams backfill the gap from `rates` once it is live again.
import type { Symbol, Ticker, Timeframe } from '../../../src-shared';
import type { CandleUpdate, LiveCandleSource, StatusListener } from '../ports';
import type { CommandArgs, Mt5Timeframe, Push } from './protocol';
import type { Mt5Session } from './session';

export const MT5_TIMEFRAMES: Record<Timeframe, Mt5Timeframe> = { '1m': 'M1', '5m': 'M5', '15m': 'M15', '1h': 'H1', '4h': 'H4', '1d': 'D1' };

/** The sessions of every login: the bridge server. */
export interface Mt5Sessions {
  session(login: string): Mt5Session | undefined;
  onSession(listener: (session: Mt5Session) => void): () => void;
}

export interface Mt5LiveSourceOptions {
  login: string;
  sessions: Mt5Sessions;
  /** The terminal's name of an app symbol (EUR/USD → EURUSD.m). */
  nameOf(symbol: Symbol): Promise<string>;
}

type StreamArgs = CommandArgs<'subscribe'>;

const GONE = 'the MetaTrader 5 terminal disconnected: it reconnects by itself once the terminal runs with the EA attached';

export class Mt5LiveSource implements LiveCandleSource {
  /** FX is quiet at night and shut at weekends: minutes without a tick are normal, not a dead feed. */
  readonly staleAfterMs = 120_000;
  /** Subscriptions per session, counted, so that two watchers of one stream unsubscribe it only once both stop. */
  private readonly counts = new WeakMap<Mt5Session, Map<string, number>>();

  constructor(private readonly options: Mt5LiveSourceOptions) {}

  watchCandles(symbol: Symbol, timeframe: Timeframe, onUpdate: (update: CandleUpdate) => void, onStatus?: StatusListener): () => void {
    const tf = MT5_TIMEFRAMES[timeframe];
    return this.watch(symbol, (name) => ({ stream: 'bars', symbol: name, timeframe: tf }), onStatus, (push, name, offset) => {
      if (push.push !== 'bar' || push.symbol !== name || push.timeframe !== tf) return;
      if (!(push.open > 0 && push.high > 0 && push.low > 0 && push.close > 0)) return;
      onUpdate({ candle: { time: push.time - offset, open: push.open, high: push.high, low: push.low, close: push.close, volume: push.tickVolume } });
    });
  }

  watchTicker(symbol: Symbol, onTicker: (ticker: Ticker) => void, onStatus?: StatusListener): () => void {
    return this.watch(symbol, (name) => ({ stream: 'ticks', symbol: name }), onStatus, (push, name, offset) => {
      if (push.push !== 'tick' || push.symbol !== name) return;
      // FX quotes have no last trade: the bid is the price MT5 charts draw.
      const last = push.last > 0 ? push.last : push.bid;
      if (!(last > 0)) return;
      const ticker: Ticker = { venue: 'mt5', symbol, last, timestamp: Math.max(0, Math.round(push.time - offset)) };
      if (push.bid > 0) ticker.bid = push.bid;
      if (push.ask > 0) ticker.ask = push.ask;
      onTicker(ticker);
    });
  }

  private watch(
    symbol: Symbol,
    argsOf: (name: string) => StreamArgs,
    onStatus: StatusListener | undefined,
    onPush: (push: Push, name: string, serverOffsetMs: number) => void,
  ): () => void {
    const { login, sessions } = this.options;
    let stopped = false;
    let detach: (() => void) | undefined;
    let current: Mt5Session | undefined;
    const attach = (session: Mt5Session) => {
      detach?.();
      current = session;
      let name: string | undefined;
      const stopPush = session.onPush((push) => {
        if (name !== undefined) onPush(push, name, session.serverOffsetMs);
      });
      // Only the session this watch is on: an older one closing after its successor said hello (replaced, or its
      // close seen late) says nothing about the feed.
      const stopClose = session.onClose(() => {
        if (!stopped && current === session) onStatus?.({ status: 'reconnecting', reason: GONE });
      });
      let args: StreamArgs | undefined;
      detach = () => {
        stopPush();
        stopClose();
        if (args && session.open) this.release(session, args);
      };
      void (async () => {
        try {
          const resolved = await this.options.nameOf(symbol);
          if (stopped || !session.open || current !== session) return;
          args = argsOf(resolved);
          // Listening before the reply is read: the EA's first push may arrive in the same read as the reply.
          name = resolved;
          await this.acquire(session, args);
          onStatus?.({ status: 'live' });
        } catch (error) {
          if (!stopped) onStatus?.({ status: 'offline', reason: error instanceof Error ? error.message : String(error) });
        }
      })();
    };
    const existing = sessions.session(login);
    if (existing?.open) attach(existing);
    else onStatus?.({ status: 'reconnecting', reason: GONE });
    const stopSessions = sessions.onSession((session) => {
      if (session.login === login && !stopped) attach(session);
    });
    return () => {
      stopped = true;
      stopSessions();
      detach?.();
    };
  }

  private async acquire(session: Mt5Session, args: StreamArgs): Promise<void> {
    const key = JSON.stringify(args);
    let counts = this.counts.get(session);
    if (!counts) this.counts.set(session, (counts = new Map()));
    const count = counts.get(key) ?? 0;
    counts.set(key, count + 1);
    if (count === 0) {
      try {
        await session.request('subscribe', args);
      } catch (error) {
        counts.set(key, (counts.get(key) ?? 1) - 1);
        throw error;
      }
    }
  }

  private release(session: Mt5Session, args: StreamArgs): void {
    const key = JSON.stringify(args);
    const counts = this.counts.get(session);
    const count = counts?.get(key) ?? 0;
    if (count <= 1) {
      counts?.delete(key);
      session.request('unsubscribe', args).catch(() => undefined); // a session closing meanwhile unsubscribes everything
    } else counts!.set(key, count - 1);
  }
}
