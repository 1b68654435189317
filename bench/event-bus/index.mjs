// Event bus: publish throughput with 1 and 10 subscribers, against Node's EventEmitter in the same run.
// Goal: ≥ 0.9× EventEmitter's rate. Rounds alternate between the two so drift in machine load hits both alike.
import { EventEmitter } from 'node:events';
import { loadTs, median } from '../lib/load-ts.mjs';

const { InProcessEventBus } = await loadTs('src-main/events/index.ts');
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const GOAL_RATIO = 0.9;
const payload = { venue: 'demo', symbol: 'BTC/USDT', last: 64_000, timestamp: 1 };

function rate(publish) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < EVENTS; i++) publish();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return EVENTS / seconds;
}

function measure(subscribers) {
  let sink = 0;
  const handler = (p) => {
    sink += p.last;
  };
  const bus = new InProcessEventBus();
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  for (let i = 0; i < subscribers; i++) {
    bus.subscribe('price.updated', handler);
    emitter.on('price.updated', handler);
  }
  const ours = [];
  const node = [];
  rate(() => bus.publish('price.updated', payload)); // warm-up: let the JIT settle on both
  rate(() => emitter.emit('price.updated', payload));
  for (let round = 0; round < ROUNDS; round++) {
    ours.push(rate(() => bus.publish('price.updated', payload)));
    node.push(rate(() => emitter.emit('price.updated', payload)));
  }
  if (sink === 42) console.log('unreachable'); // keeps the handler's work observable
  return { bus: median(ours), emitter: median(node) };
}

const result = { bench: 'event-bus', events_per_round: EVENTS, rounds: ROUNDS, goal_ratio: GOAL_RATIO };
for (const subscribers of [1, 10]) {
  const { bus, emitter } = measure(subscribers);
  const ratio = bus / emitter;
  console.log(
    `${subscribers} subscriber(s): bus ${(bus / 1e6).toFixed(2)} M/s, EventEmitter ${(emitter / 1e6).toFixed(2)} M/s, ratio ${ratio.toFixed(2)}×`,
  );
  result[`bus_${subscribers}_per_s`] = Math.round(bus);
  result[`emitter_${subscribers}_per_s`] = Math.round(emitter);
  result[`ratio_${subscribers}`] = Number(ratio.toFixed(3));
}
result.meets_goal = result.ratio_1 >= GOAL_RATIO && result.ratio_10 >= GOAL_RATIO;
console.log(JSON.stringify(result));
