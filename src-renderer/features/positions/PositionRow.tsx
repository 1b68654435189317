// One open position, and what can be done to it: close (after a question), close part, change SL/TP. The forms open
// in a row under it, so the table's columns stay put.
import { useState } from 'react';
import type { Position } from '../../../src-shared';
import { api } from '../../api';
import { useT } from '../../i18n';
import { NumberCell, SideCell, TimeCell } from '../orders/cells';
import { ClosePositionConfirm } from './ClosePositionConfirm';
import { ModifyStopsForm } from './ModifyStopsForm';
import { MoneyCell } from './MoneyCell';
import { PartialCloseForm } from './PartialCloseForm';
import { positionName, type PositionDecimals } from './position-words';
import { usePositions } from './positions-store';

/** The table's columns as catalogue keys (positions:columns.*); the last one, the actions, has no heading. */
export const POSITION_COLUMNS = ['symbol', 'side', 'volume', 'openPrice', 'price', 'sl', 'tp', 'swap', 'profit', 'account', 'opened', ''] as const;
export const NUMERIC_POSITION_COLUMNS: ReadonlySet<string> = new Set(['volume', 'openPrice', 'price', 'sl', 'tp', 'swap', 'profit']);

interface Props {
  position: Position;
  decimals: PositionDecimals;
  rowKey: string;
  readOnly: boolean;
}

type Editing = 'close' | 'partial' | 'stops' | undefined;

export function PositionRow({ position, decimals, rowKey, readOnly }: Props) {
  const [editing, setEditing] = useState<Editing>();
  const busy = usePositions((s) => s.busy[rowKey]);
  const problem = usePositions((s) => s.rowErrors[rowKey]);
  const name = positionName(position);
  const { t } = useT('positions');
  const close = (volume?: number) => usePositions.getState().close(api, position, volume);
  const toggle = (what: Editing) => setEditing((current) => (current === what ? undefined : what));

  return (
    <>
      <tr data-position={position.id} data-account={position.account}>
        <th scope="row">{position.symbol}</th>
        <SideCell side={position.side} />
        <NumberCell value={position.volume} decimals={decimals.volume} />
        <NumberCell value={position.openPrice} decimals={decimals.price} />
        <NumberCell value={position.currentPrice} decimals={decimals.price} />
        <NumberCell value={position.stopLoss} decimals={decimals.price} />
        <NumberCell value={position.takeProfit} decimals={decimals.price} />
        <MoneyCell value={position.swap} currency={position.currency} />
        <MoneyCell value={position.profit} currency={position.currency} signed />
        <td>{position.account}</td>
        <TimeCell ms={position.openedAt} />
        <td className="row-actions">
          {!readOnly && (
            <>
              <button type="button" aria-label={t('row.closeLabel', { name })} aria-expanded={editing === 'close'} disabled={busy !== undefined} onClick={() => toggle('close')}>
                {t('row.close')}
              </button>
              <button type="button" aria-label={t('row.partialCloseLabel', { name })} aria-expanded={editing === 'partial'} disabled={busy !== undefined} onClick={() => toggle('partial')}>
                {t('row.partialClose')}
              </button>
              <button type="button" aria-label={t('row.modifyStopsLabel', { name })} aria-expanded={editing === 'stops'} disabled={busy !== undefined} onClick={() => toggle('stops')}>
                {t('row.modifyStops')}
              </button>
            </>
          )}
          {problem && (
            <span className="row-error" role="alert">
              {problem}
            </span>
          )}
        </td>
      </tr>
      {editing && !readOnly && (
        <tr className="position-edit">
          <td colSpan={POSITION_COLUMNS.length}>
            {editing === 'close' && (
              <ClosePositionConfirm
                position={position}
                volumeDecimals={decimals.volume}
                busy={busy === 'closing'}
                onConfirm={() => void close().then((closed) => closed && setEditing(undefined))}
                onCancel={() => setEditing(undefined)}
              />
            )}
            {editing === 'partial' && (
              <PartialCloseForm position={position} volumeDecimals={decimals.volume} busy={busy === 'closing'} onClose={close} onCancel={() => setEditing(undefined)} />
            )}
            {editing === 'stops' && (
              <ModifyStopsForm
                position={position}
                priceDecimals={decimals.price}
                busy={busy === 'modifying'}
                onSave={(stops) => usePositions.getState().modify(api, { venue: position.venue, account: position.account, id: position.id, ...stops })}
                onCancel={() => setEditing(undefined)}
              />
            )}
          </td>
        </tr>
      )}
    </>
  );
}
