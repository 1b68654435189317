// The portfolio's public face: the analysis service (positions, P&L, equity, statistics, exports) and its store.
export { PortfolioService, type PortfolioHistory, type PortfolioServiceOptions } from './portfolio-service';
export { PortfolioRepository } from './portfolio-repository';
export type { MarginAccount } from './margin';
export { venuePrices, type PriceSource } from './venue-prices';
export { RateBook, type Rate } from './rates';
