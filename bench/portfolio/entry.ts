// What the portfolio benchmark measures: the analysis service over the real order journal, and the whole core's start.
export { createCore, DATABASE_FILE } from '../../src-main/core';
export { openDatabase, SettingsRepository } from '../../src-main/storage';
export { OrderJournal } from '../../src-main/trading';
export { PortfolioRepository, PortfolioService } from '../../src-main/portfolio';
export { InProcessEventBus } from '../../src-main/events';
export { seedHistory } from './seed';
export { TransportSession } from '../../src-main/api';
