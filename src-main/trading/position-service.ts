// Positions of every account that holds them (MT5 logins), and the "Close all positions" action. Closing is never
// refused by the kill switch or a plan: it only ever reduces what is at risk.
import { AppError, errorDataOf, type ClosedPosition, type Deal, type Position, type PositionFailure, type VenueId } from '../../src-shared';
import type { PositionAccount, PositionProtection } from '../exchanges';

export interface PositionServiceOptions {
  /** The accounts that can answer now. */
  accounts: () => PositionAccount[];
}

export function failureOf(account: PositionAccount, error: unknown, position?: Pick<Position, 'id' | 'symbol'>): PositionFailure {
  const failure: PositionFailure = { venue: account.venue, account: account.account, error: errorDataOf(error) };
  if (position) Object.assign(failure, { id: position.id, symbol: position.symbol });
  return failure;
}

export class PositionService {
  constructor(private readonly options: PositionServiceOptions) {}

  async list(): Promise<{ positions: Position[]; failed: PositionFailure[] }> {
    const accounts = this.options.accounts();
    const answers = await Promise.allSettled(accounts.map((account) => account.positions()));
    const positions: Position[] = [];
    const failed: PositionFailure[] = [];
    answers.forEach((answer, index) => {
      if (answer.status === 'fulfilled') positions.push(...answer.value);
      else failed.push(failureOf(accounts[index]!, answer.reason));
    });
    positions.sort((a, b) => b.openedAt - a.openedAt);
    return { positions, failed };
  }

  close(venue: VenueId, account: string, id: string, volume?: number): Promise<ClosedPosition> {
    return this.account(venue, account).closePosition(id, volume);
  }

  modify(venue: VenueId, account: string, id: string, protection: PositionProtection): Promise<Position> {
    return this.account(venue, account).modifyPosition(id, protection);
  }

  deals(venue: VenueId, account: string, since?: number): Promise<Deal[]> {
    // Without a start, the whole history the terminal keeps: the venue returns its newest deals only.
    return this.account(venue, account).deals(since ?? 0);
  }

  /**
   * Closes every position of every account, each on its own: one that fails is reported and the others still close.
   * Accounts close in parallel, a login's positions one after another (the terminal trades one request at a time).
   */
  async closeAll(): Promise<{ closed: ClosedPosition[]; failed: PositionFailure[] }> {
    const closed: ClosedPosition[] = [];
    const failed: PositionFailure[] = [];
    await Promise.all(
      this.options.accounts().map(async (account) => {
        let positions: Position[];
        try {
          positions = await account.positions();
        } catch (error) {
          failed.push(failureOf(account, error));
          return;
        }
        for (const position of positions) {
          try {
            closed.push(await account.closePosition(position.id));
          } catch (error) {
            failed.push(failureOf(account, error, position));
          }
        }
      }),
    );
    return { closed, failed };
  }

  private account(venue: VenueId, account: string): PositionAccount {
    const found = this.options.accounts().find((candidate) => candidate.venue === venue && candidate.account === account);
    if (!found) throw new AppError('VENUE_UNAVAILABLE', `Account ${account} on ${venue === 'mt5' ? 'MetaTrader 5' : venue} is not connected: its positions cannot be changed now.`, true);
    return found;
  }
}
