// The subscriber in Chromium: a store of the newest candle per symbol, fed by the host's WebSocket protocol (or by
// the baseline relay's raw Binance frames). It records when each candle reached the store, and pushes per stream
// per second. Arrivals are kept as numbers in a typed array (symbol index, sequence, time) and drained by the bench
// every few seconds: a list of millions of small arrays over a 10-minute run would make the page's own garbage
// collection part of what is measured. Symbols are named C00USDT…C49USDT and each close encodes its sequence number.
export const pageScript = `
window.benchStore = {
  store: new Map(), arrivals: new Float64Array(3 * 65536), used: 0, pushes: 0, closes: 0, perStream: new Map(),
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
      const put = (symbol, candle, at) => {
        b.store.set(symbol, candle);
        if (b.used + 3 > b.arrivals.length) { const grown = new Float64Array(b.arrivals.length * 2); grown.set(b.arrivals); b.arrivals = grown; }
        b.arrivals[b.used++] = Number(symbol.slice(1, 3));
        b.arrivals[b.used++] = Math.round(candle.close * 100) - 10000;
        b.arrivals[b.used++] = at;
      };
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
  /**
   * Arrivals since the last drain as the base64 of their Float64Array bytes: handing the bench a list of numbers
   * instead costs the page tens of milliseconds per drain (every element serialized), which it would then measure.
   */
  drain() {
    const b = window.benchStore;
    const bytes = new Uint8Array(b.arrivals.buffer, 0, b.used * 8);
    let binary = '';
    for (let k = 0; k < bytes.length; k += 32768) binary += String.fromCharCode.apply(null, bytes.subarray(k, k + 32768));
    b.used = 0;
    return btoa(binary);
  },
  take() {
    const b = window.benchStore;
    const peaks = [...b.perStream.values()].map((s) => Math.max(s.peak, s.n));
    const out = { arrivals: b.drain(), pushes: b.pushes, closes: b.closes, perStreamPeakPerSecond: peaks };
    b.pushes = 0; b.perStream = new Map();
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

const decode = (base64) => {
  const bytes = Uint8Array.from(Buffer.from(base64, 'base64')); // an own buffer, aligned for 8-byte reads
  return new Float64Array(bytes.buffer);
};

export async function collect(page) {
  const out = await page.evaluate(() => window.benchStore.take());
  return { ...out, arrivals: decode(out.arrivals) };
}

/** Arrivals since the last drain, flat: symbol index, sequence, time. */
export async function drain(page) {
  return decode(await page.evaluate(() => window.benchStore.drain()));
}
