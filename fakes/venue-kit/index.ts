// Test support shared by the fake venues (Binance, Gate, MEXC): HTTP plumbing, faults, rate windows, the matching
// engine and the market data and v3 wire shapes more than one fake speaks.
export { ok, Router, startFakeHttp, type FakeHandler, type FakeHttpOptions, type FakeHttpServer, type FakeRequest, type FakeResponse } from './http';
export { FaultInjector, type Fault, type FaultKind } from './faults';
export { RequestLog, type LoggedRequest } from './request-log';
export { RateGate, type LimitSpec, type RateDecision, type RateGateOptions, type WindowSpec } from './rate-window';
export { COMMISSION, DEFAULT_BALANCES, MatchingEngine, type Asset, type FakeOrder, type FakeTrade } from './matching-engine';
export { decimalsOf, fmt, kline, klines, onStep, type FakeSymbol } from './market';
