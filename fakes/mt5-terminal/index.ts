// A fake MetaTrader 5 terminal with the bridge EA attached, over a simulated trade server (fakes/README.md).
export { FakeMt5Terminal, type FakeTerminalOptions, type WireRecord } from './terminal';
export { SimulatedTradeServer, type SimDeal, type SimOrder, type SimPosition, type TradeServerOptions } from './trade-server';
export { alwaysOpen, SIM_SYMBOLS, type SimSymbol } from './symbols';
export { TRADE_FAULTS, type TradeFault } from './faults';
export { startBridgeHarness, HARNESS_TOKEN, type BridgeHarness } from './bridge-harness';
