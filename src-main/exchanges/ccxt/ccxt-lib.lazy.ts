// The app's build of ccxt-lib.ts (see there): ccxt is loaded on the first call, not at start.
import type { CcxtLib } from './ccxt-lib';

let lib: CcxtLib | undefined;

export function ccxtLib(): CcxtLib {
  // A plain require in the CommonJS main bundle: synchronous, so callers need not become async.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (lib ??= require('ccxt') as CcxtLib);
}
