// Sample payloads of each notification type, for tests.
import type { AlertTriggered, Trade } from '../../../src-shared';
import type { RiskLimitExceeded } from '../templates';

export const AT = Date.UTC(2026, 0, 15, 14, 30, 0);

export const sampleAlert = (overrides: Partial<AlertTriggered> = {}): AlertTriggered => ({
  ruleId: 'rule-1',
  venue: 'demo',
  symbol: 'BTC/USDT',
  description: 'BTC/USDT above 65,000',
  price: 65_012.5,
  at: AT,
  ...overrides,
});

export const sampleTrade = (overrides: Partial<Trade> = {}): Trade => ({
  id: 'trade-1',
  venue: 'demo',
  mode: 'demo',
  symbol: 'ETH/USDT',
  side: 'buy',
  price: 0.1 + 0.2,
  amount: 1.5,
  timestamp: AT,
  ...overrides,
});

export const sampleRisk = (overrides: Partial<RiskLimitExceeded> = {}): RiskLimitExceeded => ({
  level: 'exceeded',
  limit: 'maxDailyLoss',
  scope: 'global',
  venue: 'demo',
  value: 1_250,
  threshold: 1_000,
  message: 'The daily loss of 1,250 USDT is past its limit of 1,000 USDT: new orders are refused until 00:00 UTC.',
  at: AT,
  ...overrides,
});
