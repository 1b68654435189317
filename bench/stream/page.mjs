// The subscriber in Chromium: a store of the newest candle per symbol, fed by the host's WebSocket protocol (or by
// the baseline relay's raw Binance frames). It records when each candle reached the store, and pushes per stream
// per second.
export const pageScript = `
window.benchStore = {
  store: new Map(), arrivals: [], pushes: 0, closes: 0, perStream: new Map(),
  now: () => performance.timeOrigin + performance.now(),
  open({ kind, url, token, symbols }) {
    const b = window.benchStore;
    b.ready = false;
    const resolve = () => { b.ready = true; };
    {
      const ws = kind === 'app' ? new WebSocket(url, ['tbs.v1', 'auth.' + token]) : new WebSocket(url);
      b.socket = ws;
      ws.onclose = () => b.closes++;
      const count = (key) => {
        const second = Math.floor(performance.now() / 1000);
        let s = b.perStream.get(key);
        if (!s || s.second !== second) { if (s) s.peak = Math.max(s.peak, s.n); s = { second, n: 0, peak: s ? s.peak : 0 }; b.perStream.set(key, s); }
        s.n++;
      };
      const put = (symbol, candle, at) => { b.store.set(symbol, candle); b.arrivals.push([symbol, candle.close, at]); };
      ws.onmessage = (message) => {
        const at = b.now();
        const frame = JSON.parse(message.data);
        if (kind === 'relay') {
          if (frame.e !== 'kline') return;
          b.pushes++; count(frame.s);
          put(frame.s, { time: frame.k.t, close: Number(frame.k.c) }, at);
          return;
        }
        if (frame.type === 'event' && frame.event === 'candle.updated') {
          const p = frame.payload;
          b.pushes++; count(p.subscriptionId);
          for (const c of p.closed ?? []) put(p.symbol, c, at);
          put(p.symbol, p.candle, at);
        }
      };
      ws.onopen = async () => {
        if (kind !== 'app') return resolve();
        let id = 1;
        for (const symbol of symbols) ws.send(JSON.stringify({ type: 'req', id: id++, channel: 'market:subscribe', payload: { venue: 'binance', symbol, timeframe: '1m' } }));
        resolve();
      };
    }
  },
  take() {
    const b = window.benchStore;
    const peaks = [...b.perStream.values()].map((s) => Math.max(s.peak, s.n));
    const out = { arrivals: b.arrivals, pushes: b.pushes, closes: b.closes, perStreamPeakPerSecond: peaks };
    b.arrivals = []; b.pushes = 0; b.perStream = new Map();
    return out;
  },
};`;

export async function openStore(page, options) {
  if (await page.evaluate(() => window.benchStore.socket !== undefined)) {
    await page.evaluate(() => {
      const b = window.benchStore;
      b.socket.onclose = null;
      b.socket.close();
    });
  }
  await page.evaluate((o) => void window.benchStore.open(o), options);
  await page.waitForFunction(() => window.benchStore.ready === true);
  await page.evaluate(() => {
    window.benchStore.take();
    window.benchStore.closes = 0;
  });
}

export function collect(page) {
  return page.evaluate(() => window.benchStore.take());
}
