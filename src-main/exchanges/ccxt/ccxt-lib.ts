// The one door to ccxt's classes. Loading ccxt (its ~100 exchanges) takes about half a second, which would delay the
// first chart of every start even for a trader on Demo only. The app's build swaps this file for ccxt-lib.lazy.ts
// (electron.vite.config.ts), which loads ccxt on the first call, when a real venue is first used. Tests and type
// checking use this eager version, so the classes they import from 'ccxt' are the very ones the code checks against.
import * as ccxt from 'ccxt';

export type CcxtLib = typeof ccxt;

export function ccxtLib(): CcxtLib {
  return ccxt;
}
