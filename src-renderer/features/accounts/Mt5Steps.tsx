// What the trader does in MetaTrader 5, once per terminal (docs/mt5.md says the same at more length).
export function Mt5Steps({ port }: { port: number | undefined }) {
  return (
    <ol className="mt5-steps" aria-label="Steps in MetaTrader 5">
      <li>
        In MetaTrader 5, <strong>File → Open Data Folder</strong>, copy <code>mt5/TradingAppBridge.mq5</code> into{' '}
        <code>MQL5/Experts/</code>, open it in MetaEditor and press <strong>Compile</strong>.
      </li>
      <li>
        <strong>Tools → Options → Expert Advisors</strong>: tick <em>Allow algorithmic trading</em> and add{' '}
        <code>127.0.0.1</code> to the allowed addresses of WebRequest — MQL5 sockets connect only to listed addresses.
      </li>
      <li>
        Attach the EA to <strong>one</strong> chart. In its inputs, paste the token above into <code>InpToken</code>
        {port !== undefined ? (
          <>
            {' '}
            and set <code>InpPort</code> to <code>{port}</code>
          </>
        ) : null}
        .
      </li>
      <li>
        Turn on <strong>Algo Trading</strong> (AutoTrading) in the terminal&apos;s toolbar. The terminal then appears below
        with its login, server and balance.
      </li>
    </ol>
  );
}
