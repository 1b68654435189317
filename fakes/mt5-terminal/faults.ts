// Faults the fake terminal can be told to inject into its next trading commands (order_send, close), one per
// command, in order. Each is a way the real bridge can lose track of an order.
export type TradeFault =
  /** The order executes and is recorded; its reply is never sent. */
  | 'lose_reply'
  /** The connection drops as the command arrives: nothing is executed. */
  | 'drop_before_execution'
  /** The order executes and is recorded, then the connection drops before the reply. */
  | 'drop_after_execution'
  /** The EA restarts after recording "sending" but before OrderSend: nothing executed, the cid is in doubt. */
  | 'restart_before_send'
  /** The EA restarts after OrderSend but before recording its result: executed, the cid is in doubt. */
  | 'restart_after_send'
  /** The reply is sent twice. */
  | 'duplicate_reply'
  /** The trade server answers 10004 (requote): nothing executed. */
  | 'requote'
  /** The trade server answers 10012 (timeout) and nothing executed. */
  | 'timeout'
  /** The trade server executed, but the terminal heard 10012 (timeout) without tickets. */
  | 'timeout_executed';

export const TRADE_FAULTS: readonly TradeFault[] = [
  'lose_reply', 'drop_before_execution', 'drop_after_execution', 'restart_before_send', 'restart_after_send',
  'duplicate_reply', 'requote', 'timeout', 'timeout_executed',
];
