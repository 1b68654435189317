// Refusals from main are written on screen from their code, reason and values: in Vietnamese as naturally as in
// English, after crossing the process boundary as data.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared';
import { setLanguage } from '../i18n';
import { errorMessage } from './error-message';

const across = (error: AppError): AppError => AppError.fromData(JSON.parse(JSON.stringify(error.toData())));

describe('errorMessage', () => {
  afterEach(() => setLanguage('en'));

  it('says a risk limit refusal in Vietnamese from its values, with Vietnamese separators', () => {
    const refusal = AppError.because(
      'RISK_LIMIT',
      'limit.maxOrderNotional',
      { scope: 'global', value: 12_500, threshold: 10_000, symbol: 'BTC/USDT', quote: 'USDT', amount: 0.25, base: 'BTC', price: 50_000 },
      'Refused by the global maximum order value: …',
    );
    setLanguage('vi');
    expect(errorMessage(across(refusal))).toBe('Bị chặn bởi hạn mức chung về giá trị lệnh tối đa: lệnh này trị giá 12.500,00 USDT (0,25 BTC giá 50.000,00 USDT); hạn mức là 10.000,00 USDT.');
    setLanguage('en');
    expect(errorMessage(across(refusal))).toBe('Refused by the global maximum order value: this order is worth 12,500.00 USDT (0.25 BTC at 50,000.00 USDT); the limit is 10,000.00 USDT.');
  });

  it('says the kill switch refusal with its reason in both languages', () => {
    const refusal = AppError.because('RISK_LIMIT', 'killSwitch', { why: 'manual' }, 'The kill switch is engaged (manual): …');
    setLanguage('vi');
    expect(errorMessage(across(refusal))).toBe('Công tắc khẩn cấp đang bật (manual): không nhận lệnh mới cho đến khi tắt nó ở thanh trên cùng.');
    setLanguage('en');
    expect(errorMessage(across(refusal))).toBe('The kill switch is engaged (manual): no new orders until it is released in the top bar.');
  });

  it('falls back to the code’s sentence in Vietnamese, and to main’s message in English, when main gave no reason', () => {
    const failure = new AppError('VENUE_UNAVAILABLE', 'Binance did not answer within 10 s');
    setLanguage('vi');
    expect(errorMessage(across(failure))).toBe('Sàn không phản hồi: hãy thử lại sau.');
    setLanguage('en');
    expect(errorMessage(across(failure))).toBe('Binance did not answer within 10 s');
  });
});
