// What the mt5-bridge benchmark measures: the app's bridge server and MT5 venue adapter against the fake terminal,
// and the whole core (bridge, live source, ticker streams, frame coalescer, API session) for the tick leg.
export { Mt5Venue } from '../../src-main/exchanges';
export { createCore } from '../../src-main/core';
export { TransportSession } from '../../src-main/api/session';
export { MemorySecretStore } from '../../src-main/secrets/testing';
export { alwaysOpen, FakeMt5Terminal, SimulatedTradeServer, startBridgeHarness, SIM_SYMBOLS } from '../../fakes/mt5-terminal';
