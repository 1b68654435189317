// The words of notification templates in each language a channel can be set to (templates.ts fills them in). Main
// cannot use the renderer's catalogues (layering), and a notification's words are few: one table per language, the
// Vietnamese typed against the English so that a missing sentence fails the typecheck.
import type { Language, RiskLimitName } from '../../src-shared';

const en = {
  locale: 'en-US',
  labels: {
    venue: 'Venue',
    side: 'Side',
    amount: 'Amount',
    price: 'Price',
    value: 'Value',
    fee: 'Fee',
    time: 'Time',
    rule: 'Rule',
    limit: 'Limit',
    threshold: 'Threshold',
    scope: 'Scope',
    market: 'Market',
    strategy: 'Strategy',
    reason: 'Reason',
    plan: 'Plan',
    updateBefore: 'Update your card before',
    renews: 'Renews',
    periodEnds: 'Paid period ends',
  },
  sides: { buy: 'buy', sell: 'sell' },
  bought: (amount: string, symbol: string, price: string) => `Bought ${amount} ${symbol} at ${price}`,
  sold: (amount: string, symbol: string, price: string) => `Sold ${amount} ${symbol} at ${price}`,
  tradeHeadline: (venue: string, mode: string) => `Trade executed on ${venue}${mode}`,
  alertSubject: (description: string) => `Price alert: ${description}`,
  alertHeadline: (symbol: string, price: string) => `${symbol} reached ${price}`,
  allAccounts: 'all accounts',
  riskSubject: (name: string, where: string) => `Risk limit exceeded: ${name}${where ? ` (${where})` : ''}`,
  riskHeadline: (name: string, value: string, threshold: string) => `${name}: ${value}, over the limit of ${threshold}.`,
  limitNames: {
    maxOrderNotional: 'Maximum order value',
    maxPositionNotional: 'Maximum position per symbol',
    maxOpenOrders: 'Maximum open orders',
    maxDailyLoss: 'Maximum daily loss',
    allowedSymbols: 'Allowed symbols',
  } satisfies Record<RiskLimitName, string>,
  strategySubject: (name: string) => `Strategy stopped: ${name}`,
  strategyHeadline: (name: string, reason: string) => `${name} stopped: ${reason}`,
  signature: '— Trade Bot Scratch',
};

export type TemplateWords = typeof en;

const vi: TemplateWords = {
  locale: 'vi-VN',
  labels: {
    venue: 'Sàn',
    side: 'Chiều',
    amount: 'Khối lượng',
    price: 'Giá',
    value: 'Giá trị',
    fee: 'Phí',
    time: 'Thời gian',
    rule: 'Điều kiện',
    limit: 'Hạn mức',
    threshold: 'Ngưỡng',
    scope: 'Phạm vi',
    market: 'Thị trường',
    strategy: 'Chiến lược',
    reason: 'Lý do',
    plan: 'Gói',
    updateBefore: 'Cập nhật thẻ trước',
    renews: 'Gia hạn',
    periodEnds: 'Kỳ đã trả kết thúc',
  },
  sides: { buy: 'mua', sell: 'bán' },
  bought: (amount, symbol, price) => `Đã mua ${amount} ${symbol} giá ${price}`,
  sold: (amount, symbol, price) => `Đã bán ${amount} ${symbol} giá ${price}`,
  tradeHeadline: (venue, mode) => `Lệnh đã khớp trên ${venue}${mode}`,
  alertSubject: (description) => `Cảnh báo giá: ${description}`,
  alertHeadline: (symbol, price) => `${symbol} đã chạm ${price}`,
  allAccounts: 'mọi tài khoản',
  riskSubject: (name, where) => `Vượt hạn mức rủi ro: ${name}${where ? ` (${where})` : ''}`,
  riskHeadline: (name, value, threshold) => `${name}: ${value}, vượt hạn mức ${threshold}.`,
  limitNames: {
    maxOrderNotional: 'Giá trị lệnh tối đa',
    maxPositionNotional: 'Vị thế tối đa mỗi mã',
    maxOpenOrders: 'Số lệnh mở tối đa',
    maxDailyLoss: 'Lỗ tối đa trong ngày',
    allowedSymbols: 'Mã được phép',
  },
  strategySubject: (name) => `Chiến lược đã dừng: ${name}`,
  strategyHeadline: (name, reason) => `${name} đã dừng: ${reason}`,
  signature: '— Trade Bot Scratch',
};

export const TEMPLATE_WORDS: Record<Language, TemplateWords> = { en, vi };
