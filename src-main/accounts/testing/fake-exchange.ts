// A stand-in at the ExchangeAdapter port for account tests: it accepts the keys it was told to accept and refuses
// the others with AUTH_FAILED, echoing the refused key the way some venues do (so redaction is tested too).
import { AppError, type Balance, type VenueId } from '../../../src-shared';
import type { ExchangeAdapter, ExchangeConnectionOptions, ExchangeCredentials } from '../../exchanges';
import type { ConnectExchange } from '../account-connections';

export interface FakeConnection {
  venue: VenueId;
  credentials: ExchangeCredentials;
  options: ExchangeConnectionOptions;
  adapter: ExchangeAdapter;
  balanceCalls: number;
  closed: boolean;
}

export interface FakeExchanges {
  connect: ConnectExchange;
  connections: FakeConnection[];
  /** API keys each venue accepts; change it to revoke or restore a key. */
  accepted: Map<VenueId, Set<string>>;
  /** Runs inside balance(), before it answers: lets a test look at the world at the moment of the private call. */
  onBalance?: (venue: VenueId) => void;
}

export function fakeExchanges(accepted: Partial<Record<VenueId, string[]>> = {}): FakeExchanges {
  const fakes: FakeExchanges = {
    connections: [],
    accepted: new Map(Object.entries(accepted).map(([venue, keys]) => [venue as VenueId, new Set(keys)])),
    connect: (venue, credentials, options) => {
      const notHere = (): never => {
        throw new Error('not part of the accounts tests');
      };
      const connection = { venue, credentials, options, balanceCalls: 0, closed: false } as FakeConnection;
      connection.adapter = {
        id: venue,
        markets: async () => [],
        ticker: notHere,
        candles: notHere,
        createOrder: notHere,
        cancelOrder: notHere,
        fetchOrder: notHere,
        fetchOrderByClientId: notHere,
        openOrders: notHere,
        myTrades: notHere,
        newClientOrderId: notHere,
        balance: async (): Promise<Balance[]> => {
          connection.balanceCalls += 1;
          fakes.onBalance?.(venue);
          if (!fakes.accepted.get(venue)?.has(credentials.apiKey)) {
            throw new AppError('AUTH_FAILED', `${venue} refused API-key ${credentials.apiKey}: check the key and its permissions`);
          }
          return [{ venue, asset: 'USDT', free: 1000, used: 0, total: 1000 }];
        },
        close: async () => {
          connection.closed = true;
        },
      };
      fakes.connections.push(connection);
      return connection.adapter;
    },
  };
  return fakes;
}
